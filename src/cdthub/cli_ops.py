"""Commands that look after a running site: `backup` and `restore` (SQLite)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli import err, setup_django


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = commands.add_parser(
        "backup",
        help="copy the SQLite database into FILE, safely while the site serves",
        description="Copy the SQLite database into FILE with SQLite's online backup API: the "
        "site may keep serving. On PostgreSQL it refuses and names pg_dump. Exit 0 written, "
        "2 nothing written.",
    )
    s.add_argument("file", metavar="FILE", type=Path)
    s.add_argument("--force", action="store_true", help="replace FILE when it exists")
    s.set_defaults(func=cmd_backup)

    s = commands.add_parser(
        "restore",
        help="replace the SQLite database's content with a backup FILE",
        description="Check FILE (an intact cdthub database), keep a copy of the current "
        "database beside it, then copy FILE in. Exit 0 restored, 2 nothing changed.",
    )
    s.add_argument("file", metavar="FILE", type=Path)
    s.add_argument("--yes", action="store_true", help="do not ask before replacing the data")
    s.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    setup_django()
    from .ops.backup import BackupError, backup

    try:
        size = backup(args.file, overwrite=args.force)
    except BackupError as exc:
        err(f"cdthub: {exc}")
        return 2
    err(f"cdthub: backed up the database to {args.file} ({size / 1e6:.1f} MB)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    setup_django()
    from .ops.backup import BackupError, check_backup, database_name, restore, sqlite_connection

    try:
        sqlite_connection()  # refuses on PostgreSQL, naming pg_restore
        check_backup(args.file)
        if not args.yes and not _confirm(
            f"Replace the data in {database_name()} with {args.file}?"
        ):
            err("cdthub: nothing restored (pass --yes to restore without asking)")
            return 2
        kept = restore(args.file)
    except BackupError as exc:
        err(f"cdthub: {exc}")
        return 2
    err(f"cdthub: restored {args.file}; the database as it was is kept in {kept}")
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
