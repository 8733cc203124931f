"""Fixtures and helpers shared by the whole suite (core, pages, community and browser tests).

Every test starts with empty caches and no in-memory snapshot: rendered pages, rate-limit
counters and the snapshot all outlive a test's database transaction, so without this a test
could see what an earlier one left behind.

Tests that touch the database are marked `db` here; `make test` runs them a second time on
PostgreSQL with the caches in Redis. Tests marked `services` get real servers from the
`postgres` and `redis` fixtures (cdthub.web.services: throwaway, stopped whatever happens).
"""

import hashlib
import itertools
import os
import pickle
import uuid

import pytest
from django.core.cache import caches
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from cdthub.core import snapshot as core_snapshot

PASSWORD = "a-long-test-passphrase-42"

# Property tests must not depend on how busy the machine is: no time limit per example, and no
# complaint that generating examples is slow (or that they share this file's fixtures).
hypothesis_settings.register_profile(
    "cdthub",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.load_profile("cdthub")


DB_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


@pytest.fixture(scope="session", autouse=True)
def snapshots_built_once_per_content():
    """Most view tests load the same bundled dataset into a fresh database, so the site builds
    the same search index and assistant (0.7 s) again each time. Within this test process, a
    catalog whose codes and families are equal to one already built reuses that build's index
    and assistant (the Snapshot keeps the new catalog, with its version); any other catalog,
    such as one a test has edited, is built for real."""
    from cdthub.catalog import snapshot as site_snapshot

    real = site_snapshot.build
    built: dict[bytes, core_snapshot.Snapshot] = {}

    def build(catalog):
        key = hashlib.sha256(pickle.dumps((list(catalog), catalog.families), 5)).digest()
        done = built.get(key)
        if done is None:
            if len(built) > 8:
                built.clear()
            done = built[key] = real(catalog)
        return core_snapshot.Snapshot(catalog, done.index, done.finder)

    build.real = real  # type: ignore[attr-defined]  # for a test about the build itself
    site_snapshot.build = build
    yield
    site_snapshot.build = real


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("django_db") or DB_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.db)


# real servers (tests marked `services`) -------------------------------------------------------
@pytest.fixture(scope="session")
def postgres_cluster(request):
    """A PostgreSQL cluster's superuser URL: the one `make test` started
    (CDTHUB_TEST_POSTGRES), or a throwaway one for this test process."""
    from cdthub.web.services import MissingPackage, Postgres

    if os.environ.get("CDTHUB_TEST_POSTGRES"):
        return os.environ["CDTHUB_TEST_POSTGRES"]
    try:
        server = Postgres()
        request.addfinalizer(server.stop)
        server.start()
    except MissingPackage as exc:
        pytest.fail(str(exc))
    return server.url


@pytest.fixture
def postgres(postgres_cluster):
    """The URL of an empty PostgreSQL database of this test's own."""
    import psycopg

    name = f"cdthub_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_cluster, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield postgres_cluster.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(postgres_cluster, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def redis_server(request):
    """A redis-server of this test process's own (not `make test`'s REDIS_URL, whose databases
    the other test processes use)."""
    from cdthub.web.services import MissingPackage, Redis

    try:
        server = Redis()
        request.addfinalizer(server.stop)
        server.start()
    except MissingPackage as exc:
        pytest.fail(str(exc))
    return server


_redis_databases = itertools.count()


@pytest.fixture
def redis(redis_server):
    """The URL of an emptied Redis database of this test's own."""
    import redis as redis_py

    from cdthub.web.settings.base import redis_database

    url = redis_database(redis_server.url, next(_redis_databases) % 64)
    redis_py.Redis.from_url(url).flushdb()
    return url


@pytest.fixture(scope="session")
def bundled():
    """The bundled dataset's catalog, search index and finder (cdthub.core.snapshot)."""
    return core_snapshot.bundled()


@pytest.fixture(scope="session")
def catalog(bundled):
    return bundled.catalog


@pytest.fixture(scope="session")
def index(bundled):
    return bundled.index


@pytest.fixture(scope="session")
def finder(bundled):
    return bundled.finder


@pytest.fixture(autouse=True)
def fresh_state():
    from cdthub.catalog import snapshot

    def forget() -> None:
        for cache in caches.all(initialized_only=True):
            cache.clear()
        snapshot.invalidate()

    forget()
    yield
    forget()


@pytest.fixture
def loaded_db(db):
    """The test database holding the bundled dataset."""
    from cdthub.catalog.loading import load_dataset

    load_dataset(force=True)


@pytest.fixture
def live_catalog(transactional_db, live_server):
    """A live server whose database holds the bundled dataset, its snapshot already built (so a
    first page does not wait for it on a busy machine)."""
    from cdthub.catalog import snapshot
    from cdthub.catalog.loading import load_dataset

    load_dataset(force=True)
    snapshot.get()
    return live_server


@pytest.fixture
def scratch_site(request):
    """gunicorn serving cdthub on a fresh SQLite file; stopped (process group and all) whatever
    happens in the test."""
    from cdthub.web.scratch import ScratchSite

    site = ScratchSite(min_seconds=1)
    request.addfinalizer(site.stop)
    return site.start()


# people ------------------------------------------------------------------------------------
@pytest.fixture
def editor(db):
    from cdthub.community.accounts import create_user

    return create_user("edna", "editor", PASSWORD, email="edna@example.org")


@pytest.fixture
def staff_user(db):
    from cdthub.community.accounts import create_user

    return create_user("stan", "staff", PASSWORD)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# what readers send ------------------------------------------------------------------------
@pytest.fixture
def make_comment(db):
    from cdthub.community.models import Comment

    def make(code="D9992", status=Comment.Status.PENDING, **fields):
        fields.setdefault("name", "Pat Reader")
        fields.setdefault("email", "pat@example.org")
        fields.setdefault("body", "Does this apply to nursing homes?")
        return Comment.objects.create(code=code, status=status, **fields)

    return make


def comment_data(**overrides):
    """What the "Leave a reply" form sends, with a fresh time stamp."""
    from cdthub.community.forms import stamp

    data = {
        "name": "Pat Reader",
        "email": "pat@example.org",
        "body": "Payers in our state want a narrative with this code.",
        "website": "",
        "ts": stamp("comment"),
    }
    data.update(overrides)
    return data
