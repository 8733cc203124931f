"""The catalog in the database: the source of truth at run time (bundled data + editorial edits
+ imported official text). Pages never read these rows directly; they read the in-memory
snapshot built from them (see snapshot.py)."""

from django.db import models
from django.utils import timezone

from cdthub.core.dataset import RECORD_FIELDS


class Family(models.Model):
    slug = models.SlugField(primary_key=True, max_length=80)
    category = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name_plural = "families"
        ordering = ["category", "order"]

    def __str__(self) -> str:
        return self.name


class CodeEntry(models.Model):
    """One CDT code as cdthub describes it (our words, not the ADA's)."""

    code = models.CharField(primary_key=True, max_length=5)
    category = models.SlugField(max_length=60, db_index=True)
    family = models.SlugField(max_length=80, blank=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    area = models.CharField(max_length=20, default="none")
    arch = models.CharField(max_length=10, blank=True)  # "upper"/"lower" when the code names it
    teeth = models.JSONField(null=True, blank=True)
    surfaces = models.JSONField(null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    by_report = models.BooleanField(default=False)
    added = models.PositiveSmallIntegerField(null=True, blank=True)
    revised = models.JSONField(default=list, blank=True)
    deleted = models.PositiveSmallIntegerField(null=True, blank=True)
    replaced_by = models.JSONField(default=list, blank=True)
    terms = models.JSONField(default=list, blank=True)
    related = models.JSONField(default=list, blank=True)
    guidance = models.JSONField(default=dict, blank=True)
    revision_notes = models.JSONField(default=dict, blank=True)
    unconfirmed = models.TextField(blank=True)
    # the fields editors changed (editing.py): reloading the bundled dataset keeps them
    edited = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "code"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def as_record(self) -> dict:
        """The same dict shape as a dataset TOML record."""
        return {f: getattr(self, f) for f in RECORD_FIELDS}


class OfficialText(models.Model):
    """The ADA's nomenclature and descriptor, from a licensed file (`cdthub import`)."""

    code = models.CharField(max_length=5, db_index=True)
    edition = models.PositiveSmallIntegerField()
    nomenclature = models.TextField()
    descriptor = models.TextField(blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("code", "edition")]
        ordering = ["code", "-edition"]

    def __str__(self) -> str:
        return f"{self.code} (CDT {self.edition})"


class CatalogState(models.Model):
    """A single row of counters. `version` changes with the catalog data (the snapshot is
    rebuilt); `pages_version` changes with anything else a code page shows, such as a published
    comment (pages and ETags change, the snapshot stays)."""

    version = models.PositiveIntegerField(default=0)
    pages_version = models.PositiveIntegerField(default=0)
    dataset_fingerprint = models.CharField(max_length=32, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    @classmethod
    def bump(cls, fingerprint: str | None = None) -> int:
        """One step up, counted by the database (several servers may change data at once: a
        read-then-write here could give two changes the same version)."""
        cls.objects.get_or_create(pk=1)
        changes: dict = {"version": models.F("version") + 1, "changed_at": timezone.now()}
        if fingerprint is not None:
            changes["dataset_fingerprint"] = fingerprint
        cls.objects.filter(pk=1).update(**changes)
        return cls.objects.values_list("version", flat=True).get(pk=1)

    @classmethod
    def touch_pages(cls) -> None:
        """Code pages changed without the catalog changing (e.g. a comment was published)."""
        cls.objects.get_or_create(pk=1)
        cls.objects.filter(pk=1).update(pages_version=models.F("pages_version") + 1)
