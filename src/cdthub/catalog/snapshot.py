"""The in-memory snapshot every page, the API and the CLI read: the catalog as the database holds
it, with its search index and coding assistant (built by cdthub.core.snapshot.build).

Rebuilt when CatalogState.version changes; the versions are re-read at most once a second per
process so a hot page costs no query. Falls back to the bundled dataset while the database
holds no catalog, so a fresh checkout still shows pages.
"""

from __future__ import annotations

import threading
import time

from django.db import DatabaseError

from cdthub.core.codes import Catalog, Family, Official
from cdthub.core.dataset import code_from_record
from cdthub.core.snapshot import Snapshot, build, bundled

RECHECK_SECONDS = 1.0
NEVER = float("-inf")  # when the versions must be read on the next request


def _db_state() -> tuple[int | None, int]:
    """(CatalogState.version or None when there is no catalog yet, pages_version)."""
    from .models import CatalogState

    try:
        row = CatalogState.objects.filter(pk=1).values_list("version", "pages_version").first()
    except DatabaseError:
        return None, 0
    return row if row else (None, 0)


def _build(version: int | None) -> Snapshot:
    from .models import CodeEntry, OfficialText
    from .models import Family as FamilyRow

    if version is None:
        return bundled()
    families = [
        Family(f.slug.split(":", 1)[-1], f.name, f.category, f.order)
        for f in FamilyRow.objects.all()
    ]
    codes = [code_from_record(row.as_record()) for row in CodeEntry.objects.all()]
    catalog = Catalog(codes, families, version=f"db-{version}")
    official = {}
    for row in OfficialText.objects.order_by("code", "edition"):
        official[row.code] = Official(row.edition, row.nomenclature, row.descriptor)  # latest wins
    return build(catalog.with_official(official) if official else catalog)


class _Current:
    """This process's snapshot, the data it was built from, and when the database was last
    asked whether that data changed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.snapshot: Snapshot | None = None
        self.key = ""  # "bundled" or "db-<CatalogState.version>"
        self.pages = 0  # CatalogState.pages_version when last read
        self.checked_at = NEVER

    def get(self) -> Snapshot:
        now = time.monotonic()
        snap = self.snapshot
        if snap is not None and now - self.checked_at < RECHECK_SECONDS:
            return snap
        version, pages = _db_state()
        key = "bundled" if version is None else f"db-{version}"
        with self._lock:
            if self.snapshot is None or self.key != key:
                self.snapshot, self.key = _build(version), key
            self.pages, self.checked_at = pages, now
            return self.snapshot

    def recheck(self) -> None:
        self.checked_at = NEVER

    def forget(self) -> None:
        with self._lock:
            self.snapshot, self.key, self.checked_at = None, "", NEVER


_current = _Current()


def get() -> Snapshot:
    """The current snapshot; cheap on the hot path."""
    return _current.get()


def page_version() -> str:
    """What a code page shows depends on: the catalog version and the pages version."""
    return f"{get().version}.{_current.pages}"


def recheck() -> None:
    """Re-read the versions on the next request (this process changed what pages show)."""
    _current.recheck()


def invalidate() -> None:
    """Forget the snapshot (this process changed the data, or a test starts afresh)."""
    _current.forget()
