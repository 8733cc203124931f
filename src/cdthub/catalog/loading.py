"""Copy the bundled dataset into the database (one transaction), then refresh the snapshot.

Fields editors changed (an approved suggestion or a restored revision, see cdthub.community)
keep their edited value: the bundled data never overwrites editorial work."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction

from cdthub.core.codes import category_for
from cdthub.core.dataset import RECORD_FIELDS, fingerprint, records_and_families

from . import snapshot
from .models import CatalogState, CodeEntry, Family

# every column the bundled data sets (the code itself is the key)
FIELDS = ["category", *RECORD_FIELDS[1:]]


def _edited_fields() -> dict[str, set[str]]:
    """{code: {field, ...}} changed by editors; empty when the community app is not installed."""
    if not apps.is_installed("cdthub.community"):
        return {}
    return apps.get_model("community", "Revision").objects.edited_fields()


def load_dataset(force: bool = False) -> int | None:
    """Load the bundled dataset; returns the number of codes written, None when already current."""
    fp = fingerprint()
    state = CatalogState.objects.filter(pk=1).first()
    if state and state.dataset_fingerprint == fp and not force and CodeEntry.objects.exists():
        return None
    records, families = records_and_families()
    rows = []
    for rec in records:
        row = CodeEntry(code=rec["code"], category=category_for(rec["code"]).slug)
        for name in FIELDS[1:]:  # a field the record leaves out takes the column's default
            value = rec.get(name)
            setattr(
                row, name, CodeEntry._meta.get_field(name).get_default() if value is None else value
            )
        rows.append(row)
    with transaction.atomic():
        edited = _edited_fields()
        if edited:
            current = CodeEntry.objects.in_bulk(list(edited))
            for row in rows:
                if row.code in current:
                    for name in edited[row.code]:
                        setattr(row, name, getattr(current[row.code], name))
        Family.objects.all().delete()
        Family.objects.bulk_create(
            [Family(slug=f.key, category=f.category, name=f.name, order=f.order) for f in families]
        )
        CodeEntry.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["code"], update_fields=FIELDS
        )
        CatalogState.bump(fp)
    snapshot.invalidate()
    return len(rows)
