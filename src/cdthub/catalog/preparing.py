"""Getting the database ready before a server answers: migrations, then the bundled dataset.

Several app servers (or `cdthub import` next to a starting server) may prepare the same database
at the same moment. Two `migrate` runs at once would both try to create the same tables, and two
loads would both bump the data version, so preparation runs under one lock per database:
PostgreSQL's session-level advisory lock (released by the server even if the process dies), or
on SQLite an exclusive file lock beside the database file. Whoever comes second waits, then
finds the schema migrated and the dataset current, and does nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files import locks
from django.db import connections

# pg_advisory_lock's key: any constant the site's other code does not use ("cdthub" in hex)
ADVISORY_KEY = 0x636474687562


@contextmanager
def preparation_lock(alias: str = "default") -> Iterator[None]:
    """Held by one process at a time per database."""
    connection = connections[alias]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])
    elif connection.vendor == "sqlite" and _on_disk(str(connection.settings_dict["NAME"])):
        path = Path(connection.settings_dict["NAME"])
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_name(path.name + ".prepare.lock"), "ab") as lock:
            locks.lock(lock, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(lock)
    else:  # an in-memory database belongs to one process
        yield


def _on_disk(name: str) -> bool:
    return name not in ("", ":memory:") and "mode=memory" not in name


def prepare_database() -> int | None:
    """Create or migrate the database and load the bundled dataset when it changed; returns
    how many codes were loaded, None when the data was already current."""
    from django.core.management import call_command

    from .loading import load_dataset

    with preparation_lock():
        call_command("migrate", interactive=False, verbosity=0)
        return load_dataset()
