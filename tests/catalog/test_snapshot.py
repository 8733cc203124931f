"""The site's snapshot: the bundled data until the database holds a catalog, then the database's,
rebuilt when its version moves."""

import pytest

from cdthub.catalog import snapshot
from cdthub.catalog.models import CatalogState, CodeEntry
from cdthub.core.snapshot import bundled


@pytest.mark.django_db
def test_an_empty_database_shows_the_bundled_data():
    assert snapshot.get() is bundled()


@pytest.mark.usefixtures("loaded_db")
def test_a_new_catalog_version_is_picked_up_on_recheck(monkeypatch):
    monkeypatch.setattr(snapshot, "RECHECK_SECONDS", 3600)  # only recheck() makes it look
    monkeypatch.setattr(snapshot, "build", getattr(snapshot.build, "real", snapshot.build))
    first = snapshot.get()
    assert first.version.startswith("db-") and first.finder.catalog is first.catalog
    CodeEntry.objects.filter(code="D9992").update(title="Care coordination, changed here")
    CatalogState.bump()
    assert snapshot.get() is first  # the version is not re-read on every request
    snapshot.recheck()
    second = snapshot.get()
    assert second is not first and second.catalog.get("D9992").title.endswith("changed here")
    assert snapshot.page_version().startswith(second.version)
