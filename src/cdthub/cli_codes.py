"""Commands that read the catalog: `code`, `search`, `suggest`, `changes`."""

from __future__ import annotations

import argparse

from .cli import err, print_json, snapshot
from .core.codes import Catalog, Code, claim_needs
from .core.finder import MAX_LIMIT


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    s = commands.add_parser("code", help="show one code")
    s.add_argument("code")
    s.add_argument(
        "--edition", type=int, help="also say whether the code is valid in this CDT year"
    )
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_code)

    s = commands.add_parser("search", help="search codes by number, words, lay terms")
    s.add_argument("query")
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


def cmd_code(args: argparse.Namespace) -> int:
    catalog = snapshot().catalog
    code = catalog.get(args.code)
    if code is None:
        nearest = ", ".join(c.code for c in catalog.nearest(args.code))
        err(
            f"cdthub: {args.code!r} is not a CDT code in the dataset."
            + (f" Nearest: {nearest}" if nearest else "")
        )
        return 1
    if args.json:
        data = code.to_dict()
        if args.edition is not None:
            data["valid_in_edition"] = code.valid_in(args.edition)
        print_json(data)
    else:
        print(_describe(code, catalog, args.edition))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    hits = snapshot().index.search(args.query, limit=max(1, args.limit))
    if args.json:
        print_json({"query": args.query, "results": [h.to_dict() for h in hits]})
        return 0
    if not hits:
        err(f"cdthub: nothing matches {args.query!r}")
        return 0
    for h in hits:
        print(f"{h.code.code}  {h.code.title}    [{'; '.join(h.why[:2])}]")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    text = " ".join(args.text).strip()
    if not text:
        err('cdthub: describe the procedure, e.g. cdthub suggest "MOD composite #30"')
        return 2
    if not 1 <= args.limit <= MAX_LIMIT:
        err(f"cdthub: --limit must be between 1 and {MAX_LIMIT}")
        return 2
    result = snapshot().finder.suggest(text, args.limit)
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
        err("cdthub: FROM_YEAR must not be after TO_YEAR")
        return 1
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
