"""Commands that read the catalog: `code`, `codes`, `search`, `suggest`, `changes`."""

from __future__ import annotations

import argparse
import re

from .cli import CliError, err, print_json, snapshot
from .core.codes import CATEGORIES, CATEGORY_BY_SLUG, Catalog, Code, claim_needs
from .core.finder import MAX_LIMIT, Suggestions

TOOTH_AREAS = ("tooth", "surface")
# words after which a description usually names a tooth ("MOD composite #30", "crown on #3")
_BEFORE_TOOTH = re.compile(
    r"\b(?:on|tooth|teeth|composite|amalgam|filling|crown|extraction|extract|pulled|root canal|"
    r"rct|sealant|onlay|inlay|veneer|post|buildup|build-up|pulpotomy|[modbfli]{1,5})$",
    re.I,
)


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = commands.add_parser("code", help="show one code")
    s.add_argument("code")
    s.add_argument(
        "--edition", type=int, help="also say whether the code is valid in this CDT year"
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_code)

    s = commands.add_parser("codes", help="list the current codes, one a line")
    s.add_argument(
        "--category", metavar="SLUG", help="only this category: " + ", ".join(CATEGORY_BY_SLUG)
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_codes)

    s = commands.add_parser("search", help="search codes by number, words, lay terms")
    s.add_argument("query", nargs="+", metavar="QUERY")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_search)

    s = commands.add_parser(
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

    s = commands.add_parser("changes", help="codes added, revised and deleted between two editions")
    s.add_argument("start", type=int, metavar="FROM_YEAR")
    s.add_argument("end", type=int, metavar="TO_YEAR")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_changes)


def _describe(code: Code, catalog: Catalog, edition: int | None) -> str:
    lines = [f"{code.code}  {code.title}", ""]
    if code.summary:
        lines += [code.summary, ""]
    category = CATEGORY_BY_SLUG[code.category]
    lines.append(
        f"Category:   {category.name} ({category.range_label})"
        + (f" / {catalog.family_name(code)}" if code.family else "")
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
    for label, items in code.guidance_sections():
        lines += ["", label]
        lines += [f"  - {item}" for item in items]
    if code.official:
        lines += ["", f"ADA CDT {code.official.edition} (licensed): {code.official.nomenclature}"]
    return "\n".join(lines)


def _query(words: list[str] | str, asking: str) -> str:
    """The words of a query; an empty one is a usage error (status 2) everywhere."""
    text = " ".join(words) if isinstance(words, list) else words
    if not text.strip():
        raise CliError("empty_query", asking, 2)
    return text.strip()


def cmd_code(args: argparse.Namespace) -> int:
    asked = _query(args.code, "give a code, for example: cdthub code D2392")
    catalog = snapshot().catalog
    code = catalog.get(asked)
    if code is None:
        nearest = ", ".join(c.code for c in catalog.nearest(asked))
        raise CliError(
            "code_not_found",
            f"{asked!r} is not a CDT code in the dataset."
            + (f" Nearest: {nearest}" if nearest else ""),
        )
    if args.edition is not None:
        catalog.check_year(args.edition)  # an edition the dataset lacks: said, exit 1
    if args.json:
        data = code.to_dict()
        if args.edition is not None:
            data["valid_in_edition"] = code.valid_in(args.edition)
        print_json(data)
    else:
        print(_describe(code, catalog, args.edition))
    return 0


def cmd_codes(args: argparse.Namespace) -> int:
    catalog = snapshot().catalog
    if args.category is not None and args.category not in CATEGORY_BY_SLUG:
        raise CliError(
            "unknown_category",
            f"no category {args.category!r}; there are: {', '.join(CATEGORY_BY_SLUG)}",
        )
    slugs = [args.category] if args.category else [c.slug for c in CATEGORIES]
    codes = [c for slug in slugs for c in catalog.in_category(slug)]
    if args.json:
        print_json({"count": len(codes), "results": [c.to_dict() for c in codes]})
        return 0
    for c in codes:
        print(f"{c.code}  {c.title}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    query = _query(
        args.query, 'give words or a code to search for, e.g. cdthub search "deep cleaning"'
    )
    found = snapshot().index.find(query, limit=max(1, args.limit))
    if args.json:
        print_json(found.to_dict())
        return 0
    for correction in found.corrections:
        err(f"cdthub: {correction}")
    if not found.hits:
        err(f"cdthub: nothing matches {query!r}")
        return 0
    for h in found.hits:
        print(f"{h.code.code}  {h.code.title}    [{h.reason}]")
    return 0


def shell_ate_a_tooth(words: list[str], result: Suggestions) -> bool:
    """True when a tooth written after '#' was probably dropped by the shell: the text names
    no tooth and has no '#', the best code needs one, and it was not given as one quoted
    argument with spaces (inside quotes a '#' survives) or it ends where a tooth would follow."""
    text = " ".join(words)
    if "#" in text or (result.reading and result.reading.teeth) or not result.suggestions:
        return False
    if result.suggestions[0].code.area not in TOOTH_AREAS:
        return False
    if any(" " in w.strip() for w in words):  # quoted: a '#' inside would have survived
        return False
    return len(words) > 1 or bool(_BEFORE_TOOTH.search(text.strip()))


def cmd_suggest(args: argparse.Namespace) -> int:
    text = _query(args.text, 'describe the procedure, e.g. cdthub suggest "MOD composite #30"')
    if not 1 <= args.limit <= MAX_LIMIT:
        raise CliError("bad_limit", f"--limit must be between 1 and {MAX_LIMIT}", 2)
    result = snapshot().finder.suggest(text, args.limit)
    if shell_ate_a_tooth(args.text, result):
        err(
            "cdthub: note: no tooth number was read. A shell drops everything after an "
            f'unquoted #, so quote the text, e.g. cdthub suggest "{text} #30"'
        )
    if args.json:
        print_json(result.to_dict())
        return 0
    if not result.suggestions:
        err(f"cdthub: no code fits {text!r}")
    for s in result.suggestions:
        print(f"{s.code.code}  {s.code.title}  ({s.score:.2f})")
        for reason in s.reasons:
            print(f"      - {reason}")
    if result.open_questions:
        print("\nOpen questions:")
        for question in result.open_questions:
            print(f"  ? {question}")
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    try:
        changes = snapshot().catalog.changes(args.start, args.end)
    except ValueError:
        raise CliError("bad_range", "FROM_YEAR must not be after TO_YEAR") from None
    if args.json:
        print_json(changes.to_dict())
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
