"""A catalog with everything built from it: its search index and its coding assistant.

`build(catalog)` is the one place these are built; the web site (cdthub.catalog.snapshot, from
the database) and the CLI (from the bundled dataset, `bundled()`) both use it. A Snapshot is
immutable and safe to share between threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .codes import Catalog
from .dataset import load_catalog
from .finder import Finder
from .search import SearchIndex


@dataclass(frozen=True, slots=True)
class Snapshot:
    catalog: Catalog
    index: SearchIndex
    finder: Finder

    @property
    def version(self) -> str:
        """Changes whenever the data does (ETags, cache keys)."""
        return self.catalog.version


def build(catalog: Catalog) -> Snapshot:
    index = SearchIndex(catalog)
    return Snapshot(catalog, index, Finder(catalog, index))


@lru_cache(maxsize=1)
def bundled() -> Snapshot:
    """The snapshot of the bundled dataset, built on first use (it never changes)."""
    return build(load_catalog())
