"""The `cdthub` command. Each subcommand parses its arguments and makes one call into the core
(or, for serve/import/manage, into the Django site). `--json` prints one JSON document on stdout;
messages go to stderr."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from . import cli_check, cli_convert
from .core.codes import Catalog, Code, claim_needs

DEFAULT_SETTINGS = "cdthub.web.settings.dev"


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _use_database() -> bool:
    """The CLI reads the database when one is configured or the default SQLite file exists;
    otherwise it works straight from the bundled dataset."""
    if os.environ.get("DATABASE_URL"):
        return True
    from .web.settings import env

    return (env.VAR_DIR / "cdthub.sqlite3").exists()


def _snapshot():
    """(catalog, search index) from the database when there is one, else the bundled data."""
    if _use_database():
        _django()
        from .catalog import snapshot

        snap = snapshot.get()
        return snap.catalog, snap.index
    from .core.dataset import load_catalog
    from .core.search import SearchIndex

    catalog = load_catalog()
    return catalog, SearchIndex(catalog)


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _describe(code: Code, catalog: Catalog, edition: int | None) -> str:
    lines = [f"{code.code}  {code.title}", ""]
    if code.summary:
        lines += [code.summary, ""]
    lines.append(
        f"Category:   {code.category}" + (f" / {catalog.family_name(code)}" if code.family else "")
    )
    lines.append("Claim line: " + " ".join(claim_needs(code)))
    years = f"added {code.added}" if code.added else "in use before 2005"
    if code.revised:
        years += ", revised " + ", ".join(map(str, code.revised))
    if code.deleted:
        years += f", deleted {code.deleted}"
    lines.append(f"Years:      {years}")
    if edition is not None:
        lines.append(f"CDT {edition}:   {'valid' if code.valid_in(edition) else 'NOT valid'}")
    if code.replaced_by:
        lines.append("Use now:    " + ", ".join(code.replaced_by))
    for r in code.related:
        lines.append(f"Related:    {r.code}  {r.note}")
    if code.official:
        lines += ["", f"ADA CDT {code.official.edition} (licensed): {code.official.nomenclature}"]
    return "\n".join(lines)


def cmd_code(args) -> int:
    catalog, _ = _snapshot()
    code = catalog.get(args.code)
    if code is None:
        nearest = ", ".join(c.code for c in catalog.nearest(args.code))
        _err(
            f"cdthub: {args.code!r} is not a CDT code in the dataset."
            + (f" Nearest: {nearest}" if nearest else "")
        )
        return 1
    if args.json:
        data = code.to_dict()
        if args.edition is not None:
            data["valid_in_edition"] = code.valid_in(args.edition)
        _print_json(data)
    else:
        print(_describe(code, catalog, args.edition))
    return 0


def cmd_search(args) -> int:
    _, index = _snapshot()
    hits = index.search(args.query, limit=max(1, args.limit))
    if args.json:
        _print_json({"query": args.query, "results": [h.to_dict() for h in hits]})
        return 0
    if not hits:
        _err(f"cdthub: nothing matches {args.query!r}")
        return 0
    for h in hits:
        print(f"{h.code.code}  {h.code.title}    [{'; '.join(h.why[:2])}]")
    return 0


def cmd_suggest(args) -> int:
    from .core.finder import MAX_LIMIT, Finder

    text = " ".join(args.text).strip()
    if not text:
        _err('cdthub: describe the procedure, e.g. cdthub suggest "MOD composite #30"')
        return 2
    if not 1 <= args.limit <= MAX_LIMIT:
        _err(f"cdthub: --limit must be between 1 and {MAX_LIMIT}")
        return 2
    _, index = _snapshot()
    result = Finder.for_index(index).suggest(text, args.limit)
    if args.json:
        _print_json(result.to_dict())
        return 0
    if not result.suggestions:
        _err(f"cdthub: no code fits {text!r}")
    for s in result.suggestions:
        print(f"{s.code.code}  {s.code.title}  ({s.score:.2f})")
        for reason in s.reasons:
            print(f"      - {reason}")
    if result.open_questions:
        print("\nOpen questions:")
        for question in result.open_questions:
            print(f"  ? {question}")
    return 0


def cmd_changes(args) -> int:
    catalog, _ = _snapshot()
    years = catalog.years()
    for y in (args.start, args.end):
        if y not in years:
            _err(f"cdthub: no CDT edition {y} in the dataset (editions {years[0]}-{years[-1]})")
            return 1
    if args.end < args.start:
        _err("cdthub: FROM_YEAR must not be after TO_YEAR")
        return 1
    changes = catalog.changes(args.start, args.end)
    if args.json:
        _print_json(changes.to_dict())
        return 0
    print(f"CDT {args.start} → {args.end}")
    for label, codes in (
        ("Added", changes.added),
        ("Revised", changes.revised),
        ("Deleted", changes.deleted),
    ):
        print(f"\n{label} ({len(codes)})")
        for c in codes:
            print(f"  {c.code}  {c.title}")
    return 0


MAX_PROBLEMS_SHOWN = 20


def _prepare_database() -> int | None:
    """Create or migrate the database and load the bundled dataset when it changed
    (returns how many codes were loaded, None when the data was already current)."""
    from django.core.management import call_command

    from .catalog.loading import load_dataset

    call_command("migrate", interactive=False, verbosity=0)
    return load_dataset()


def cmd_serve(args) -> int:
    _django()
    written = _prepare_database()
    if written:
        _err(f"cdthub: loaded {written} codes from the bundled dataset")
    _err(f"cdthub: serving on http://{args.host}:{args.port}/")
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
            "--access-logfile",
            "-",
        ],
    )
    return 0  # pragma: no cover - exec does not return


def _column_option(text: str) -> tuple[str, str]:
    from .catalog.ada_columns import parse_column_option

    try:
        return parse_column_option(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _edition_year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"expected a CDT year such as 2026, got {text[:20]!r}")
    return int(text)


def cmd_import(args) -> int:
    """Exit 0 imported, 1 the file has problems (nothing changed), 2 the file cannot be read."""
    _django()
    _prepare_database()
    from .catalog.importer import UnreadableFile, import_official

    try:
        result = import_official(args.file, args.edition, dict(args.column), args.allow_unknown)
    except UnreadableFile as exc:
        _err(f"cdthub: {exc}")
        return 2
    for note in result.notes:
        _err(f"cdthub: note: {note}")
    if result.problems:
        count = len(result.problems)
        _err(
            f"cdthub: {result.source} was not imported, nothing changed "
            f"({count} problem{'s' if count > 1 else ''}):"
        )
        for problem in result.problems[:MAX_PROBLEMS_SHOWN]:
            _err(f"  {problem}")
        if count > MAX_PROBLEMS_SHOWN:
            _err(f"  and {count - MAX_PROBLEMS_SHOWN} more")
        return 1
    _err(f"imported {result.imported} codes for CDT {result.edition}")
    return 0


def _read_password(from_stdin: bool) -> str | None:
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        _err("cdthub: no terminal to ask for the password; pipe it with --password-stdin")
        return None
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password (again): "):
        _err("cdthub: the two passwords differ")
        return None
    return first


def cmd_createuser(args) -> int:
    password = _read_password(args.password_stdin)
    if password is None:
        return 1
    _django()
    from .community.accounts import AccountError, create_user

    try:
        user = create_user(args.username, args.role, password, email=args.email or "")
    except AccountError as exc:
        _err(f"cdthub: {exc}")
        return 1
    _err(f"cdthub: created {args.role} {user.get_username()!r}; log in at /accounts/login/")
    return 0


def cmd_manage(args) -> int:
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cdthub manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="cdthub", description="CDT dental procedure codes: look up, search, serve."
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("serve", help="serve the hub (prepares the database first)")
    s.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--workers", type=int, default=2)
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("code", help="show one code")
    s.add_argument("code")
    s.add_argument(
        "--edition", type=int, help="also say whether the code is valid in this CDT year"
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_code)

    s = sub.add_parser("search", help="search codes by number, words, lay terms")
    s.add_argument("query")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    s = sub.add_parser(
        "suggest",
        help="coding assistant: codes for a procedure description",
        description='Rank the CDT codes that fit a description such as "MOD '
        'composite #30", with the reasons and the open questions. Quote the text '
        "(a shell reads # as the start of a comment).",
    )
    s.add_argument("text", nargs="+", metavar="TEXT")
    s.add_argument("--limit", type=int, default=5)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_suggest)

    s = sub.add_parser("changes", help="codes added, revised and deleted between two editions")
    s.add_argument("start", type=int, metavar="FROM_YEAR")
    s.add_argument("end", type=int, metavar="TO_YEAR")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_changes)

    s = sub.add_parser(
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

    s = sub.add_parser(
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

    cli_check.register(sub)
    cli_convert.register(sub)

    s = sub.add_parser("manage", help="run a Django management command (migrate, createsuperuser…)")
    s.add_argument("rest", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_manage)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
