"""Telling every process that what pages show changed.

`catalog_changed()` moves the catalog to a new version (CatalogState.version): each process
rebuilds its snapshot, and pages, ETags, the API and search follow. `pages_changed()` moves only
the pages' version (a comment was published): new ETags and page-cache entries, no rebuild.

Both refresh this process at once, for the rest of the caller's transaction, and again when the
transaction commits, for every request after it; other processes see the change within
snapshot.RECHECK_SECONDS.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from . import snapshot
from .models import CatalogState


def catalog_changed(fingerprint: str | None = None) -> None:
    """Inside the transaction that changed the catalog's rows (`fingerprint`: of the bundled
    dataset, when that is what was loaded)."""
    CatalogState.bump(fingerprint)
    _now_and_on_commit(snapshot.invalidate)


def pages_changed() -> None:
    """Inside the transaction that changed something else a code page shows."""
    CatalogState.touch_pages()
    _now_and_on_commit(snapshot.recheck)


def _now_and_on_commit(refresh: Callable[[], None]) -> None:
    refresh()
    transaction.on_commit(refresh)
