"""What readers send (comments, suggested updates, contact messages) and what editors do with
it (revisions of code pages, the audit log).

Rules that pages, the admin and the services share live on the QuerySets:
`Comment.objects.published()`, `.in_moderation()`, `Suggestion.objects.open()`,
`Revision.objects.notes()` … Reader e-mail addresses are stored for moderation and
follow-up only; no page, feed or API shows them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone

CODE_LENGTH = 5


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Comment.Status.APPROVED)

    def in_moderation(self):
        return self.filter(status=Comment.Status.PENDING)

    def for_code(self, code: str):
        return self.filter(code=code)

    def by_email(self, email: str):
        return self.filter(email=normalize_email(email))

    def threads(self, code: str):
        """Published top-level comments of a code, oldest first, their published replies
        prefetched as `published_replies`."""
        replies = models.Prefetch(
            "replies",
            queryset=self.model.objects.published().order_by("created_at"),
            to_attr="published_replies",
        )
        return (
            self.published()
            .for_code(code)
            .filter(parent__isnull=True)
            .order_by("created_at")
            .prefetch_related(replies)
        )


class Comment(models.Model):
    """A reader's reply on a code page. One level of replies: a reply's parent is top-level."""

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Published"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    code = models.CharField(max_length=CODE_LENGTH, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    name = models.CharField(max_length=80)
    email = models.EmailField(max_length=254, help_text="Never published.")
    body = models.TextField("comment", max_length=3000)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notify_replies = models.BooleanField(
        "e-mail replies", default=False, help_text="The author asked to be told of replies."
    )
    replies_told_at = models.DateTimeField(
        null=True, blank=True, help_text="On a reply: when the conversation was told of it."
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        permissions = [("moderate_comment", "Can approve, reject or mark comments as spam")]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.code} by {self.name}"

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.APPROVED


class Resemblance(models.Model):
    """A comment reads the same, or nearly, as an earlier one (community/duplicates.py)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="resemblances")
    other = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="resembled_by")
    score = models.PositiveSmallIntegerField(help_text="How alike, 100 for the same text.")
    same_author = models.BooleanField(default=False)

    class Meta:
        ordering = ["-score", "-other_id"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "other"], name="one_resemblance_a_pair")
        ]

    def __str__(self) -> str:
        return f"Comment {self.comment_id} resembles {self.other_id} ({self.score}%)"

    @property
    def same_text(self) -> bool:
        return self.score >= 100


class SuggestionQuerySet(models.QuerySet):
    def open(self):
        """Waiting for an editor."""
        return self.filter(status=Suggestion.Status.PENDING)

    def for_code(self, code: str):
        return self.filter(code=code)


class Suggestion(models.Model):
    """A reader's proposed change to one part of a code page; shown publicly only once an
    editor approved it (then as a Revision)."""

    class Part(models.TextChoices):
        SUMMARY = "summary", "Summary"
        GUIDANCE = "guidance", "Coding guidance"
        RELATED = "related", "Related codes"
        RESOURCE = "resource", "A link to learn more"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        CHANGES = "changes", "Changes requested"

    code = models.CharField(max_length=CODE_LENGTH, db_index=True)
    part = models.CharField(max_length=10, choices=Part.choices)
    proposed_text = models.TextField(max_length=6000)  # the reader's text, kept as sent
    # the guidance section the reader changed ("" for the whole part)
    section = models.CharField(max_length=20, blank=True)
    # an editor's version of the proposal ("" until one edits it); approving applies this
    edited_text = models.TextField(max_length=6000, blank=True)
    source = models.CharField("source or citation", max_length=500)
    email = models.EmailField(max_length=254, blank=True, help_text="Never published.")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_note = models.TextField(blank=True, max_length=2000)

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        permissions = [("review_suggestion", "Can approve or reject suggested updates")]

    def __str__(self) -> str:
        return f"Suggestion {self.pk} for {self.code} ({self.get_part_display()})"

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def text_to_apply(self) -> str:
        """What approving applies: the editor's version if there is one, else the reader's."""
        return self.edited_text or self.proposed_text


class RevisionQuerySet(models.QuerySet):
    def for_code(self, code: str):
        return self.filter(code=code).order_by("-created_at", "-pk")

    def notes(self):
        return self.filter(part=Suggestion.Part.OTHER).order_by("-created_at", "-pk")

    def last_reviewed(self, code: str):
        return self.filter(code=code).aggregate(at=models.Max("created_at"))["at"]


class Revision(models.Model):
    """One editorial change of a code page, with the value before and after (nothing is ever
    lost: restoring writes a new revision)."""

    FIELD_PARTS = ("summary", "guidance", "related")  # parts that are CodeEntry fields
    RESTORABLE = (*FIELD_PARTS, "resource")  # "resource": the code's whole list of links

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", "Approved suggestion"
        RESTORE = "restore", "Restored earlier text"
        REVIEW = "review", "Reviewed, no change"
        EDIT = "edit", "Edited by an editor"

    code = models.CharField(max_length=CODE_LENGTH, db_index=True)
    part = models.CharField(max_length=10, blank=True)  # a Suggestion.Part, "" for a review
    kind = models.CharField(max_length=10, choices=Kind.choices)
    previous_value = models.JSONField(null=True, blank=True)
    new_value = models.JSONField(null=True, blank=True)
    source = models.CharField(max_length=500, blank=True)
    note = models.TextField(blank=True, max_length=2000)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    suggestion = models.ForeignKey(
        Suggestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="revisions"
    )
    restored_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("restore_revision", "Can restore an earlier revision of a code page")]

    def __str__(self) -> str:
        return f"{self.code} {self.get_kind_display()} ({self.part or 'review'})"

    @property
    def part_label(self) -> str:
        if self.part == Suggestion.Part.RESOURCE:
            return "Learn more links"
        return Suggestion.Part(self.part).label if self.part else "Whole page"

    @property
    def editor_name(self) -> str:
        if self.editor is None:
            return "an editor"
        return self.editor.get_full_name() or self.editor.get_username()

    @property
    def restorable(self) -> bool:
        return self.part in self.RESTORABLE


class ResourceQuerySet(models.QuerySet):
    def for_code(self, code: str):
        return self.filter(code=code).order_by("position", "pk")


class Resource(models.Model):
    """A link an editor attached to a code ("Learn more"): a video, an article, a payer's
    policy, an ADA guide. Changed only through services (each change is a Revision of the
    code's whole list, so it can be restored)."""

    class Kind(models.TextChoices):
        VIDEO = "video", "Video"
        ARTICLE = "article", "Article"
        PAYER_POLICY = "payer_policy", "Payer policy"
        ADA_GUIDE = "ada_guide", "ADA guide"
        OTHER = "other", "Other"

    code = models.CharField(max_length=CODE_LENGTH, db_index=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(max_length=200)
    url = models.URLField(
        "address (URL)",
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="An http:// or https:// address.",
    )
    source = models.CharField("source (publisher)", max_length=120)
    note = models.CharField("one-line note", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # proposed by a reader (through a suggested update): its link gets rel="nofollow"
    from_reader = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["code", "position", "pk"]
        verbose_name = "learn-more link"

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    def clean(self) -> None:
        from cdthub.catalog import snapshot
        from cdthub.core.codes import normalize_code

        code = normalize_code(self.code or "")
        if not code or snapshot.get().catalog.get(code) is None:
            raise ValidationError({"code": "Not a CDT code in the dataset."})
        self.code = code

    @property
    def domain(self) -> str:
        from urllib.parse import urlsplit

        host = (urlsplit(self.url).hostname or "").lower()
        return host.removeprefix("www.")

    @property
    def rel(self) -> str:
        return "noopener noreferrer nofollow" if self.from_reader else "noopener noreferrer"

    def as_value(self) -> dict:
        """What a Revision keeps of it (and what restoring puts back)."""
        return {
            "kind": self.kind,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "note": self.note,
            "from_reader": self.from_reader,
        }


class ContactMessageQuerySet(models.QuerySet):
    def unhandled(self):
        return self.filter(handled_at__isnull=True)


class ContactMessage(models.Model):
    class Topic(models.TextChoices):
        CODING = "coding", "A coding question"
        CORRECTION = "correction", "A correction"
        PARTNERSHIP = "partnership", "Partnership"
        OTHER = "other", "Something else"

    name = models.CharField(max_length=80)
    email = models.EmailField(max_length=254)
    topic = models.CharField(max_length=12, choices=Topic.choices)
    message = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ContactMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "contact message"

    def __str__(self) -> str:
        return f"{self.get_topic_display()} from {self.name}"


class AuditEntry(models.Model):
    """Who did what, when: one row per workflow step (see services.py)."""

    action = models.CharField(max_length=40, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_type = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField(null=True)
    code = models.CharField(max_length=CODE_LENGTH, blank=True)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        who = self.actor.get_username() if self.actor else "a reader"
        return f"{self.action} {self.object_type} {self.object_id} by {who}"


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()
