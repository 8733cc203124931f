"""200 comments posted at once from 20 threads are all stored.

The test database is SQLite in memory with a shared cache, where concurrent writers fail at
once with "database table is locked" (busy timeouts do not apply to shared-cache locks), so
this runs what production runs instead: gunicorn on a temporary SQLite file with the WAL,
busy-timeout and IMMEDIATE-transaction settings of settings/base.py, driven through the real
form by bench/comments_concurrency.py.
"""

import importlib.util
import sqlite3
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "comments_concurrency.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("comments_concurrency", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_two_hundred_concurrent_comments_are_all_stored(bench):
    with bench.Site() as site:
        result = bench.run(threads=20, per_thread=10, site=site)
        assert result.failed == 0
        assert result.accepted == 200
        assert result.stored == 200
        with sqlite3.connect(site.db) as db:
            assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
