"""The site as production serves it (wsgi.py under gunicorn, SQLite in WAL mode): 200 comments
posted at once from 20 readers are all stored.

The test database is SQLite in memory with a shared cache, where concurrent writers fail at
once with "database table is locked" (busy timeouts do not apply to shared-cache locks), so
this runs a real server on a temporary SQLite file instead (cdthub.web.scratch).
"""

import sqlite3

from cdthub.web.scratch import post_comments


def test_two_hundred_concurrent_comments_are_all_stored(scratch_site):
    result = post_comments(scratch_site, readers=20, per_reader=10)
    assert result.failed == 0
    assert result.accepted == 200
    assert result.stored == 200
    with sqlite3.connect(scratch_site.db) as db:
        assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
