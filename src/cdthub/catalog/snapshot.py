"""The immutable in-memory Catalog (and its search index) built from the database.

Rebuilt when CatalogState.version changes; the version is re-read at most once a second per
process so a hot page costs no query. Falls back to the bundled dataset while the database is
empty, so a fresh checkout still shows pages.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from django.db import DatabaseError

from cdthub.core.codes import Catalog, Family, Official
from cdthub.core.dataset import code_from_record, load_catalog
from cdthub.core.search import SearchIndex

RECHECK_SECONDS = 1.0


@dataclass(frozen=True)
class Snapshot:
    key: str  # which data it was built from: "bundled" or "db-<CatalogState.version>"
    version: str  # for ETags: changes whenever the data does
    catalog: Catalog
    index: SearchIndex


_lock = threading.Lock()
_current: Snapshot | None = None
_checked_at = 0.0
_pages = 0  # CatalogState.pages_version when last read


def _db_state() -> tuple[int | None, int]:
    from .models import CatalogState

    try:
        row = CatalogState.objects.filter(pk=1).values_list("version", "pages_version").first()
    except DatabaseError:
        return None, 0
    return row if row else (None, 0)


def _build(version: int | None, key: str) -> Snapshot:
    from .models import CodeEntry, OfficialText
    from .models import Family as FamilyRow

    if version is None:
        catalog = load_catalog()
        return Snapshot(key, f"bundled-{catalog.version}", catalog, SearchIndex(catalog))
    families = [
        Family(f.slug.split(":", 1)[-1], f.name, f.category, f.order)
        for f in FamilyRow.objects.all()
    ]
    codes = [code_from_record(row.as_record()) for row in CodeEntry.objects.all()]
    catalog = Catalog(codes, families, version=f"db-{version}")
    official = {}
    for row in OfficialText.objects.order_by("code", "edition"):
        official[row.code] = Official(row.edition, row.nomenclature, row.descriptor)  # latest wins
    if official:
        catalog = catalog.with_official(official)
    return Snapshot(key, catalog.version, catalog, SearchIndex(catalog))


def get() -> Snapshot:
    """The current snapshot; cheap on the hot path."""
    global _current, _checked_at, _pages
    now = time.monotonic()
    if _current is not None and now - _checked_at < RECHECK_SECONDS:
        return _current
    version, _pages = _db_state()
    key = f"db-{version}" if version is not None else "bundled"
    with _lock:
        if _current is None or _current.key != key:
            _current = _build(version, key)
        _checked_at = now
        return _current


def page_version() -> str:
    """What a code page shows depends on: the catalog version and the pages version."""
    snap = get()
    return f"{snap.version}.{_pages}"


def recheck() -> None:
    """Re-read the versions on the next request (this process changed what pages show)."""
    global _checked_at
    _checked_at = 0.0


def invalidate() -> None:
    """Forget the snapshot (after this process changed the data)."""
    global _current, _checked_at
    with _lock:
        _current = None
        _checked_at = 0.0
