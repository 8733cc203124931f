"""One builder of a catalog's search index and finder, shared by the site and the CLI."""

from cdthub.core.dataset import load_catalog
from cdthub.core.snapshot import build, bundled


def test_the_bundled_snapshot_is_built_once_and_answers():
    snap = bundled()
    assert snap is bundled() and snap.version == snap.catalog.version
    assert snap.index.search("D9992", 1)[0].code.code == "D9992"
    assert snap.finder.suggest("MOD composite #30").suggestions[0].code.code == "D2393"


def test_build_gives_a_catalog_its_own_index_and_finder():
    snap = build(load_catalog())
    assert snap.index.catalog is snap.catalog and snap.finder.catalog is snap.catalog
    assert snap.finder.index is snap.index
