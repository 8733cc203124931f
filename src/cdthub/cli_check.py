"""`cdthub check FILE... [--format json|csv|x12] [--pack FILE] [--json] [--jobs N]`: the claim
checker on files and folders. Exit 0 when no finding is an error, 1 when one is, 2 when a file
cannot be read (or the pack cannot be used).

Findings go to stdout (one line each, or one JSON document with --json, written as it comes so
a huge file needs no memory), in file order as the API lists them (ClaimFile.in_file_order); the
summary and any problem go to stderr. On a terminal, a
progress bar (rich) shows how far into the files the checker is; piped output gets none.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from .cli import CliError, err, snapshot
from .core.claims.batch import Piece, check_sources, expand
from .core.claims.check import Summary
from .core.claims.formats import FORMATS, UnreadableFile
from .core.claims.packs import Pack, PackError, load_pack, load_pack_file, pack_names
from .core.claims.rules import known_severities
from .core.codes import Catalog

PROGRESS_FROM = 1 << 20  # bytes: smaller files finish before a bar would help


def register(sub: Any) -> None:
    """Adds `check` to the `cdthub` subcommands."""
    s = sub.add_parser(
        "check",
        help="check dental claims (JSON, CSV or X12 837D) for what gets them denied",
        description="Check claims before sending them: codes valid on the date of service, "
        "teeth, surfaces and areas that fit each code, frequency and age limits, same-day "
        "conflicts, narratives. FILE may be a folder. Exit 0 no error finding, 1 some, "
        "2 a file cannot be read.",
    )
    s.add_argument("files", nargs="+", metavar="FILE", help="claim files or folders of them")
    s.add_argument("--format", choices=FORMATS, help="the files' format (default: sniffed)")
    s.add_argument(
        "--pack",
        metavar="FILE",
        help="a rule pack (TOML file, or the name of a bundled pack: "
        + ", ".join(pack_names())
        + ") used for every claim; default: the pack the claim's payer names, else default",
    )
    s.add_argument("--json", action="store_true", help="one JSON document on stdout")
    s.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="N processes: files are shared among them, and one big file's claims too",
    )
    s.set_defaults(func=cmd_check)


def _catalog() -> Catalog:
    return snapshot().catalog


def _pack(text: str | None) -> Pack | None:
    if text is None:
        return None
    if Path(text).is_file():
        return known_severities(load_pack_file(text), text)
    if text in pack_names():
        return load_pack(text)
    raise PackError(f"{text}: no such pack file, and no bundled pack of that name")


def _with_progress(pieces: Iterator[Piece], total: int) -> Iterator[Piece]:
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("checking"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    done: dict[str, int] = {}
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("check", total=total)
        for piece in pieces:
            done[piece.source] = piece.position
            bar.update(task, completed=sum(done.values()))
            yield piece


class _Output:
    """Writes findings as they come: text lines, or one streamed JSON document."""

    def __init__(self, out: TextIO, as_json: bool, several: bool):
        self.out, self.as_json, self.several = out, as_json, several
        self.first = True
        if as_json:
            out.write('{"findings": [')

    def finding(self, source: str, f: Any) -> None:
        if self.as_json:
            data = f.to_dict()
            if self.several:
                data["file"] = source
            self.out.write(("\n  " if self.first else ",\n  ") + json.dumps(data))
        else:
            where = f"{source}: " if self.several else ""
            claim = f"claim {f.claim}: " if f.claim is not None else ""
            self.out.write(f"{where}{claim}{f.severity}: {f.message} [{f.rule}]\n")
        self.first = False

    def close(self, summary: Summary, unreadable: list[str]) -> None:
        if self.as_json:
            tail: dict[str, Any] = {"summary": summary.to_dict()}
            if unreadable:
                tail["unreadable"] = unreadable
            self.out.write("\n]," + json.dumps(tail)[1:] + "\n")


def cmd_check(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise CliError("bad_jobs", "--jobs must be 1 or more", 2)
    try:
        pack = _pack(args.pack)
        files = expand(args.files)
    except (PackError, UnreadableFile) as exc:
        raise CliError("unreadable", str(exc), 2) from None
    if not files:
        raise CliError("unreadable", "no files to check (the folder is empty)", 2)
    pieces = check_sources(files, _catalog(), pack, args.format, args.jobs)
    total = sum(p.stat().st_size for p in files)
    if sys.stderr.isatty() and total >= PROGRESS_FROM:
        pieces = _with_progress(pieces, total)
    output = _Output(sys.stdout, args.json, len(files) > 1)
    summary, unreadable = Summary(), []
    for piece in pieces:
        if piece.error is not None:
            unreadable.append(piece.error)
            err(f"cdthub: {piece.error}")
            continue
        summary.add(piece.findings, piece.claims)
        for finding in piece.findings:
            output.finding(piece.source, finding)
    output.close(summary, unreadable)
    counts = summary.to_dict()
    err(
        f"cdthub: checked {counts['claims']} claim(s): {counts['errors']} error(s), "
        f"{counts['warnings']} warning(s)"
    )
    if unreadable:
        return 2
    return 1 if counts["errors"] else 0
