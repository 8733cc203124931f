"""Editorial edits of the catalog: one place where a code's field is changed by a person rather
than by loading data. The community's workflow (approving a suggested update, restoring a
revision) calls `edit_field`; it keeps its own record of who changed what and why."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import CodeEntry
from .versions import catalog_changed

EDITABLE = ("summary", "guidance", "related")


class NotLoaded(LookupError):
    """The code is not in the database (the dataset was never loaded)."""


def edit_field(code: str, field: str, value: Any) -> Any:
    """Write `value` into one field of `code`, mark the field as edited (reloading the bundled
    dataset keeps it) and move the catalog to a new version (versions.catalog_changed).
    Returns the previous value."""
    if field not in EDITABLE:
        raise ValueError(f"{field!r} is not an editable field; use one of {EDITABLE}")
    with transaction.atomic():
        entry = CodeEntry.objects.select_for_update().filter(code=code).first()
        if entry is None:
            raise NotLoaded(f"{code} is not in the database; load the dataset first.")
        previous = getattr(entry, field)
        setattr(entry, field, value)
        entry.edited = sorted({*entry.edited, field})
        entry.save(update_fields=[field, "edited", "updated_at"])
        catalog_changed()
    return previous
