"""Backing up and restoring the SQLite database with SQLite's online backup API, page by page
through the site's own connection: safe while the site serves (readers and writers go on; a
write during the copy makes SQLite copy again what changed, so the file is one consistent
moment). PostgreSQL has its own tools (pg_dump / pg_restore, see the README).

A restore first checks the file (an SQLite database that passes `PRAGMA integrity_check` and
holds cdthub's tables), keeps a copy of the current database next to it, then copies the backup
in and moves the data version, so every server process rebuilds its pages.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from pathlib import Path

from django.db import connection

PAGES_PER_STEP = 1024  # copy in steps so writers are not held up for the whole copy
NEEDED_TABLES = ("django_migrations", "catalog_catalogstate", "community_comment")
PG_HINT = (
    "on PostgreSQL use pg_dump and pg_restore instead (README, 'Backups'): "
    "pg_dump -Fc -f cdthub.dump DBNAME, then pg_restore --clean --if-exists -d DBNAME cdthub.dump"
)


class BackupError(Exception):
    """Said to the operator as it is; nothing was changed."""


def sqlite_connection() -> sqlite3.Connection:
    if connection.vendor != "sqlite":
        raise BackupError(f"cdthub backup and restore work on SQLite only; {PG_HINT}")
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def database_name() -> str:
    return str(connection.settings_dict["NAME"])


def backup(target: Path, overwrite: bool = False) -> int:
    """Copy the live database into `target` (written beside it first, then renamed, so a failed
    copy never leaves half a file). Returns the file's size in bytes."""
    source = sqlite_connection()
    target = Path(target)
    if target.exists() and not overwrite:
        raise BackupError(f"{target} exists; choose another name or pass --force to replace it")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent} is not a folder")
    fd, partial = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(fd)
    try:
        with sqlite3.connect(partial) as copy:
            source.backup(copy, pages=PAGES_PER_STEP)
        copy.close()
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return target.stat().st_size


def check_backup(path: Path) -> None:
    """Refuse a file that is not a whole cdthub database."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise BackupError(f"{path} is not an SQLite database (not a cdthub backup)")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            problems = db.execute("PRAGMA integrity_check").fetchall()
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} cannot be read as an SQLite database ({exc})") from None
    if problems != [("ok",)]:
        raise BackupError(f"{path} is damaged (SQLite integrity check: {problems[0][0]})")
    missing = [t for t in NEEDED_TABLES if t not in tables]
    if missing:
        raise BackupError(f"{path} is not a cdthub database (no table {missing[0]})")


def restore(path: Path, keep_current: bool = True) -> Path | None:
    """Replace the live database's content with the backup at `path`. Returns where the database
    as it was before is kept (None when `keep_current` is false)."""
    check_backup(path)
    sqlite_connection()  # refuses on PostgreSQL
    kept = None
    if keep_current:
        name = database_name()
        folder = Path(name).parent if Path(name).is_file() else Path(tempfile.gettempdir())
        stamp = time.strftime("%Y%m%d-%H%M%S")
        kept = folder / f"{Path(name).name}.before-restore-{stamp}"
        backup(kept, overwrite=True)
    connection.close()  # no open transaction on the destination
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source:
        _restore_into(source)
    source.close()
    _data_changed()
    return kept


def _restore_into(source: sqlite3.Connection) -> None:
    # in one step: no other connection writes between pages of the restored copy
    source.backup(sqlite_connection())


def _data_changed() -> None:
    """Every process rebuilds its snapshot and pages: the restored versions may equal ones they
    already hold with other content."""
    from django.core.management import call_command
    from django.db import transaction

    from cdthub.catalog.models import CatalogState
    from cdthub.catalog.versions import catalog_changed, pages_changed

    call_command("migrate", interactive=False, verbosity=0)  # a backup from an older release
    with transaction.atomic():
        if CatalogState.objects.filter(pk=1).exists():
            catalog_changed()
        pages_changed()
