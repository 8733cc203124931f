"""Copy the bundled dataset into the database (one transaction), then refresh the snapshot.

Fields editors changed (CodeEntry.edited, see editing.py) keep their edited value: the bundled
data never overwrites editorial work."""

from __future__ import annotations

import copy

from django.db import transaction

from cdthub.core.codes import category_for
from cdthub.core.dataset import RECORD_FIELDS, fingerprint, records_and_families

from .models import CatalogState, CodeEntry, Family
from .versions import catalog_changed

# every column the bundled data sets (the code itself is the key)
FIELDS = ["category", *RECORD_FIELDS[1:]]

_last_parsed: tuple[str, list, list] | None = None  # (fingerprint, records, families)


def _parsed(fp: str) -> tuple[list, list]:
    """The bundled files, parsed once per process while their fingerprint stays the same (the
    TOML parsing is most of a load); copies, so rows never share a list with the next load."""
    global _last_parsed
    if _last_parsed is None or _last_parsed[0] != fp:
        _last_parsed = (fp, *records_and_families())
    return copy.deepcopy(_last_parsed[1]), _last_parsed[2]


def load_dataset(force: bool = False) -> int | None:
    """Load the bundled dataset; returns the number of codes written, None when already current."""
    fp = fingerprint()
    if not force and _current(fp, CatalogState.objects.filter(pk=1).first()):
        return None
    records, families = _parsed(fp)
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
        # looked at again under the state row's lock: another process may have loaded it while
        # this one read the files (SQLite's IMMEDIATE transactions serialise writers anyway)
        state = CatalogState.objects.select_for_update().filter(pk=1).first()
        if not force and _current(fp, state):
            return None
        edited = {e.code: e for e in CodeEntry.objects.exclude(edited=[])}
        for row in rows:
            for name in edited[row.code].edited if row.code in edited else ():
                setattr(row, name, getattr(edited[row.code], name))
        Family.objects.all().delete()
        Family.objects.bulk_create(
            [Family(slug=f.key, category=f.category, name=f.name, order=f.order) for f in families]
        )
        CodeEntry.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["code"], update_fields=FIELDS
        )
        catalog_changed(fp)
    return len(rows)


def _current(fp: str, state: CatalogState | None) -> bool:
    return bool(state and state.dataset_fingerprint == fp and CodeEntry.objects.exists())
