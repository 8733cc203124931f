"""The `cdthub` command. Each subcommand parses its arguments and makes one call into the core
(or, for serve/import/manage, into the Django site). `--json` prints one JSON document on stdout;
messages go to stderr.

The subcommands live in the modules listed in COMMANDS; each has `register(commands)`, which adds
its subcommands with `commands.add_parser(...)` and `set_defaults(func=...)`. A new command
module is one more line in COMMANDS.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from .core.codes import UnknownEdition
from .core.snapshot import Snapshot
from .web.settings import env

COMMANDS = (
    "cdthub.cli_codes",  # code, search, suggest, changes
    "cdthub.cli_site",  # serve, import, createuser, manage
    "cdthub.cli_check",  # check
    "cdthub.cli_convert",  # convert
    "cdthub.cli_ops",  # backup, restore
)
DEFAULT_SETTINGS = "cdthub.web.settings.local"


def err(message: str) -> None:
    print(message, file=sys.stderr)


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def setup_django() -> None:
    env.use_settings(DEFAULT_SETTINGS)
    import django

    django.setup()


def snapshot() -> Snapshot:
    """The catalog with its search index and finder: from the database when one is configured
    or the default SQLite file exists, otherwise straight from the bundled dataset."""
    if env.DATABASE_URL or (env.VAR_DIR / "cdthub.sqlite3").exists():
        setup_django()
        from .catalog import snapshot as site_snapshot

        return site_snapshot.get()
    from .core.snapshot import bundled

    return bundled()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cdthub", description="CDT dental procedure codes: look up, search, serve."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status: int = args.func(args)
    except UnknownEdition as exc:
        err(f"cdthub: {exc}")
        return 1
    except ImproperlyConfigured as exc:  # settings or start-up checks refuse, saying why
        err(f"cdthub: {exc}")
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main())
