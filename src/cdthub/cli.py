"""The `cdthub` command. Each subcommand parses its arguments and makes one call into the core
(or, for serve/import/manage, into the Django site). `--json` prints one JSON document on stdout;
messages go to stderr.

Errors: a command raises `CliError(code, message, status)`. The message goes to stderr as
"cdthub: …"; with `--json` the document `{"error": {"code": ..., "message": ...}}` goes to
stdout instead, as the API answers. Status 1: what was asked for does not exist or does not
fit (unknown code, category or edition); status 2: the command was used wrongly (empty query,
bad option) or its input cannot be read. A closed pipe (`cdthub codes | head -1`) ends quietly
with status 141, as commands killed by SIGPIPE report in a shell.

The subcommands live in the modules listed in COMMANDS; each has `register(commands)`, which adds
its subcommands with `commands.add_parser(...)` and `set_defaults(func=...)`. A new command
module is one more line in COMMANDS.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

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
CLOSED_PIPE = 141  # 128 + SIGPIPE: what a shell reports for `yes | head -1`


class CliError(Exception):
    """A command fails for a reason the user can fix; `code` is a stable word for scripts."""

    def __init__(self, code: str, message: str, status: int = 1):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


class Parser(argparse.ArgumentParser):
    """Usage errors become CliError, so `--json` answers them in JSON too."""

    def error(self, message: str) -> NoReturn:
        raise CliError("usage", f"{message} (see: {self.prog} --help)", 2)


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
    or the default SQLite file exists, otherwise straight from the bundled dataset.

    The default SQLite file (`make run`'s) is first brought up to this version of cdthub, as
    `serve` does (migrations, the bundled data when it changed), so a `git pull` never leaves
    the command line reading an old schema or old data. A configured database is left alone:
    its migrations are for whoever deploys it (a mismatch is said, not a traceback)."""
    if env.DATABASE_URL or (env.VAR_DIR / "cdthub.sqlite3").exists():
        setup_django()
        from django.db import DatabaseError

        from .catalog import snapshot as site_snapshot
        from .catalog.preparing import prepare_database

        try:
            if not env.DATABASE_URL:
                prepare_database()
            return site_snapshot.get()
        except DatabaseError as exc:
            raise CliError(
                "database",
                f"the database cannot be read by this version of cdthub ({type(exc).__name__}): "
                "run `cdthub manage migrate`, then `cdthub manage load_dataset`",
                2,
            ) from None
    from .core.snapshot import bundled

    return bundled()


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="cdthub", description="CDT dental procedure codes: look up, search, serve."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(commands)
    return parser


def fail(exc: CliError, as_json: bool) -> int:
    if as_json:
        print_json({"error": {"code": exc.code, "message": exc.message}})
    else:
        err(f"cdthub: {exc.message}")
    return exc.status


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in argv
    try:
        try:
            args = build_parser().parse_args(argv)
            status: int = args.func(args)
        except CliError as exc:
            status = fail(exc, as_json)
        except UnknownEdition as exc:
            status = fail(CliError("unknown_edition", str(exc), 1), as_json)
        except ImproperlyConfigured as exc:  # settings or start-up checks refuse, saying why
            status = fail(CliError("not_configured", str(exc), 2), as_json)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
    except BrokenPipeError:
        # the reader went away (`| head`): nothing more to say to it, and no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLOSED_PIPE
    return status


if __name__ == "__main__":
    # `python -m cdthub.cli` runs this file as __main__, a second copy of the module whose
    # CliError the commands do not raise: run the package's own, as `cdthub` does
    from cdthub.cli import main as package_main

    sys.exit(package_main())
