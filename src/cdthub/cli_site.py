"""Commands that run or change the site: `serve`, `import`, `createuser`, `manage`."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys

from .cli import err, setup_django
from .web.settings import env


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = commands.add_parser("serve", help="serve the hub (prepares the database first)")
    s.add_argument("--port", type=_port_number, default=env.PORT)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--workers", type=int, default=2)
    s.add_argument(
        "--dev",
        action="store_true",
        help="debugging: DEBUG on (Django's error pages show code and settings, never let "
        "others reach it) and reload when the code changes",
    )
    s.set_defaults(func=cmd_serve)

    s = commands.add_parser(
        "import",
        help="import the ADA's licensed CDT file (CSV or XLSX); all rows or none",
        description="Store the ADA's nomenclature and descriptors from a licensed CDT data file. "
        "Every row is checked first; one bad row and nothing changes. Exit 0 imported, "
        "1 the file has problems, 2 the file cannot be read.",
    )
    s.add_argument("file", metavar="FILE", help="the .csv or .xlsx file")
    s.add_argument(
        "--edition",
        type=_edition_year,
        required=True,
        metavar="YEAR",
        help="the CDT year the file is for; importing a year again replaces it",
    )
    s.add_argument(
        "--column",
        type=_column_option,
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="read a field (code, nomenclature, descriptor) from another header, "
        'e.g. --column code="Proc #"; may be repeated',
    )
    s.add_argument(
        "--allow-unknown",
        action="store_true",
        help="skip codes cdthub's catalog does not hold instead of refusing the file",
    )
    s.set_defaults(func=cmd_import)

    s = commands.add_parser(
        "createuser",
        help="add an editor, staff or admin account",
        description="Add an account for the editor desk and the admin. The "
        "password is asked twice, or read from one line of stdin.",
    )
    s.add_argument("username")
    s.add_argument("--role", required=True, choices=["editor", "staff", "admin"])
    s.add_argument("--email", help="optional; never shown on the site")
    s.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    s.set_defaults(func=cmd_createuser)

    s = commands.add_parser(
        "manage", help="run a Django management command (migrate, createsuperuser…)"
    )
    s.add_argument("rest", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_manage)


MAX_PROBLEMS_SHOWN = 20


def _prepare_database() -> int | None:
    """Create or migrate the database and load the bundled dataset when it changed
    (returns how many codes were loaded, None when the data was already current), under a lock
    so servers starting together do it once (catalog/preparing.py)."""
    from .catalog.preparing import prepare_database

    return prepare_database()


DEV_SETTINGS = "cdthub.web.settings.dev"


def cmd_serve(args: argparse.Namespace) -> int:
    if args.dev:
        chosen = env.settings_module()
        if chosen not in ("", DEV_SETTINGS):
            err(f"cdthub: --dev uses {DEV_SETTINGS}, but DJANGO_SETTINGS_MODULE is {chosen}")
            return 2
        env.use_settings(DEV_SETTINGS)
    setup_django()
    from .web.startup import check_static_files

    check_static_files()  # production: refuses, saying to run collectstatic, if not done
    problem = _port_problem(args.host, args.port)
    if problem:
        err(f"cdthub: cannot serve on {args.host}:{args.port}: {problem}")
        return 2
    written = _prepare_database()
    if written:
        err(f"cdthub: loaded {written} codes from the bundled dataset")
    from django.conf import settings

    mode = " with DEBUG on (--dev: for debugging only)" if settings.DEBUG else ""
    err(f"cdthub: serving on http://{args.host}:{args.port}/{mode}")
    os.execvp(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cdthub.web.wsgi:application",
            "--bind",
            f"{args.host}:{args.port}",
            "--workers",
            str(args.workers),
            "--threads",
            "4",
            *_access_log(),
            *(["--reload"] if args.dev else []),
        ],
    )
    return 0  # pragma: no cover - exec does not return


def _port_problem(host: str, port: int) -> str | None:
    """Why gunicorn could not listen on host:port, said before the database is prepared
    (gunicorn itself would say "serving", retry for five seconds, then stop with log lines).
    A moment passes before gunicorn binds, so this catches the usual case, not every race."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError):
        return f"{host!r} is not a host name or address this machine knows"
    with socket.socket(family, kind, proto) as probe:
        # as gunicorn does: connections a stopped server left in TIME_WAIT do not count
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                other = port + 1 if port < 65535 else 8000
                return (
                    f"port {port} is in use (is cdthub already running?): stop that server, "
                    f"or choose another port: make run PORT={other}, or cdthub serve --port {other}"
                )
            if exc.errno == errno.EACCES:
                return (
                    f"port {port} is reserved for the system's administrator: choose one above 1023"
                )
            if exc.errno == errno.EADDRNOTAVAIL:
                return f"{host} is not an address of this machine"
            return exc.strerror or str(exc)
    return None


def _access_log() -> list[str]:
    """gunicorn's access log (addresses, query strings), unless cdthub logs each request itself
    as JSON without them (production settings)."""
    from django.conf import settings

    if "cdthub.ops.requestlog.RequestLogMiddleware" in settings.MIDDLEWARE:
        return []
    return ["--access-logfile", "-"]


def _column_option(text: str) -> tuple[str, str]:
    from .catalog.ada_columns import parse_column_option

    try:
        return parse_column_option(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _port_number(text: str) -> int:
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 65535):
        raise argparse.ArgumentTypeError(
            f"expected a port number from 1 to 65535, got {text[:20]!r}"
        )
    return int(text)


def _edition_year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a CDT year such as 2026, got {text[:20]!r}")
    return int(text)


def cmd_import(args: argparse.Namespace) -> int:
    """Exit 0 imported, 1 the file has problems (nothing changed), 2 the file cannot be read."""
    setup_django()
    _prepare_database()
    from .catalog.importer import UnreadableFile, import_official

    try:
        result = import_official(args.file, args.edition, dict(args.column), args.allow_unknown)
    except UnreadableFile as exc:
        err(f"cdthub: {exc}")
        return 2
    for note in result.notes:
        err(f"cdthub: note: {note}")
    if result.problems:
        count = len(result.problems)
        err(
            f"cdthub: {result.source} was not imported, nothing changed "
            f"({count} problem{'s' if count > 1 else ''}):"
        )
        for problem in result.problems[:MAX_PROBLEMS_SHOWN]:
            err(f"  {problem}")
        if count > MAX_PROBLEMS_SHOWN:
            err(f"  and {count - MAX_PROBLEMS_SHOWN} more")
        return 1
    err(f"imported {result.imported} codes for CDT {result.edition}")
    return 0


def _read_password(from_stdin: bool) -> str | None:
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        err("cdthub: no terminal to ask for the password; pipe it with --password-stdin")
        return None
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        err("cdthub: the two passwords differ")
        return None
    return first


def cmd_createuser(args: argparse.Namespace) -> int:
    password = _read_password(args.password_stdin)
    if password is None:
        return 1
    setup_django()
    from .community.accounts import AccountError, create_user

    try:
        user = create_user(args.username, args.role, password, email=args.email or "")
    except AccountError as exc:
        err(f"cdthub: {exc}")
        return 1
    err(f"cdthub: created {args.role} {user.get_username()!r}; log in at /accounts/login/")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cdthub manage", *args.rest])
    return 0
