import pytest

from cdthub.core.dataset import load_catalog
from cdthub.core.search import SearchIndex


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture(scope="session")
def index(catalog):
    return SearchIndex(catalog)


@pytest.fixture
def loaded_db(db):
    """The test database holding the bundled dataset, with a fresh snapshot."""
    from django.core.cache import cache

    from cdthub.catalog import snapshot
    from cdthub.catalog.loading import load_dataset

    cache.clear()  # rendered pages are cached per data version, which restarts with each test
    load_dataset(force=True)
    yield
    snapshot.invalidate()
    cache.clear()
