"""Claim files in and out, whatever their format: the entry points the checker, the /check/ page,
the API and `cdthub convert` share.

    claim_file = read_file("claims.x12")          # format sniffed from the first bytes
    for claim in claim_file.claims:               # streamed: flat memory on any file size
        ...
    claim_file.findings                           # file-level faults, filled while iterating
    for file_findings, claim in claim_file.in_file_order():  # both, in file order
        ...
    write_claims(claims, "x12", sys.stdout, X12Options(...))

Formats: "json" (DESIGN.md's claim JSON), "csv" (one service line a row) and "x12" (837D
005010X224A2). A file that cannot be read at all raises `UnreadableFile` from `read_file`;
anything less becomes findings. Readers report a date that was given but cannot be read as
`date.invalid` (the text stays in `Line.raw_date`); a missing date is left to the rules.
"""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO, TextIO

from .csvio import read_csv, write_csv
from .fields import UnreadableFile, problem
from .jsonio import read_json, write_json
from .model import Claim, Finding
from .x12 import X12Options, load_options, read_x12, write_x12
from .x12.writer import notes_of, pick_component

__all__ = [
    "FORMATS",
    "ClaimFile",
    "UnreadableFile",
    "X12Options",
    "load_options",
    "read_file",
    "sniff_format",
    "write_claims",
]

FORMATS = ("json", "csv", "x12")
HEAD = 1 << 16  # bytes looked at before reading
BOM = b"\xef\xbb\xbf"
_MAGIC = {
    b"PK\x03\x04": "a ZIP archive or an Excel workbook (save the sheet as CSV)",
    b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old Excel or Word file (save the sheet as CSV)",
    b"\xff\xfe": "text saved as UTF-16 (save it as UTF-8)",
    b"\xfe\xff": "text saved as UTF-16 (save it as UTF-8)",
}


@dataclass
class ClaimFile:
    """What `read_file` returns. `claims` is read lazily, once; `findings` (file-level faults
    that belong to no claim) fills while it is iterated, so look at it afterwards."""

    claims: Iterator[Claim]
    findings: list[Finding] = field(default_factory=list)
    format: str = ""
    name: str = ""

    def in_file_order(self) -> Iterator[tuple[list[Finding], Claim | None]]:
        """The claims with the file's own findings where they belong, as a stream: before each
        claim, the findings made before it began (an 837D's envelope and submitter faults
        before its first claim); last, (the rest, None): a set's trailer counts after its
        claims, a JSON file that stops being valid after the claims read. Every reader of
        findings (the CLI, the API, the page) lists them in this order; nothing is held back
        to reorder, so memory stays flat on a file of any size."""
        shown = 0
        for claim in self.claims:
            before = max(shown, claim.file_findings_before)
            yield self.findings[shown:before], claim
            shown = before
        yield self.findings[shown:], None


def sniff_format(head: bytes) -> str:
    """ "json", "csv" or "x12" from the first bytes of a file (a BOM and blank space before the
    content are fine). Raises UnreadableFile for empty, binary or unrecognised content."""
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise UnreadableFile(f"this is {what}, not a claim file")
    text = head.removeprefix(BOM).lstrip()
    if not text:
        raise UnreadableFile("the file is empty")
    if b"\x00" in head:
        raise UnreadableFile("this is a binary file, not JSON, CSV or X12 837D text")
    if text.startswith(b"ISA"):
        return "x12"
    if text[:1] in (b"{", b"["):
        return "json"
    if text[:3].upper() == b"ISA":
        raise UnreadableFile(
            f"the file starts with {text[:3].decode()!r}: X12 segment ids and codes are upper "
            "case (ISA, GS, CLM…); export the 837D again from the practice software"
        )
    first_line = text.split(b"\n", 1)[0]
    if any(sep in first_line for sep in (b",", b";", b"\t")):
        return "csv"
    raise UnreadableFile(
        "the file is not JSON (it would start with { or [), not X12 837D (it would start with "
        "ISA) and not CSV (its first row would name the columns, separated by commas)"
    )


def read_file(
    source: str | os.PathLike[str] | BinaryIO,
    fmt: str | None = None,
    share: tuple[int, int] = (0, 1),
) -> ClaimFile:
    """Open a claim file (a path or a binary stream) and read its first claim, so that a file
    that cannot be read at all raises UnreadableFile here; the rest streams from `.claims`.
    `share` (k, n): a worker that checks only claims k, k+n… of the file; an 837D reader
    then leaves the other claims hollow (JSON and CSV claims are read whole anyway)."""
    if fmt is not None and fmt not in FORMATS:
        raise UnreadableFile(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        try:
            stream: BinaryIO = open(name, "rb", buffering=HEAD)  # noqa: SIM115 - closed by _read
        except OSError as exc:
            raise UnreadableFile(f"cannot open {name}: {exc.strerror or exc}") from None
        owned = True
    else:
        stream, name, owned = source, getattr(source, "name", "") or "", False
    try:
        stream, head = _head(stream)
        fmt = fmt or sniff_format(head)
        findings: list[Finding] = []
        claims = _read(stream, head, fmt, findings, owned, share)
        return ClaimFile(_primed(claims), findings, fmt, str(name))
    except BaseException:
        if owned:
            stream.close()
        raise


def _head(stream: BinaryIO) -> tuple[BinaryIO, bytes]:
    """The stream (wrapped when it cannot peek) and its first bytes, not consumed."""
    if isinstance(stream, io.BufferedReader):
        return stream, stream.peek(HEAD)[:HEAD]
    if stream.seekable():
        start = stream.tell()
        head = stream.read(HEAD)
        stream.seek(start)
        return stream, head
    buffered: Any = io.BufferedReader(stream, HEAD)
    return buffered, buffered.peek(HEAD)[:HEAD]


def _read(
    stream: BinaryIO,
    head: bytes,
    fmt: str,
    findings: list[Finding],
    owned: bool,
    share: tuple[int, int],
) -> Iterator[Claim]:
    text: io.TextIOWrapper | None = None
    try:
        if fmt == "json":
            if head.startswith(BOM):
                stream.read(len(BOM))
            yield from read_json(stream, head.removeprefix(BOM).lstrip(), findings)
            return
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"  # X12 reports its BOM
        if fmt == "csv" and not _utf8(head):
            encoding = "cp1252"
            findings.append(
                problem(
                    "The file is not UTF-8; it was read as Windows-1252, what Excel saves by "
                    "default: check accented letters, or save it as 'CSV UTF-8'",
                    severity="warning",
                )
            )
        text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        if fmt == "csv":
            yield from read_csv(text, findings)
        else:
            yield from read_x12(text, findings, share)
    finally:
        if owned:
            stream.close()
        elif text is not None:
            text.detach()  # leave the caller's stream open


def _utf8(head: bytes) -> bool:
    """Whether the file's first bytes read as UTF-8 (a character cut at the end is fine)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def _primed(claims: Iterator[Claim]) -> Iterator[Claim]:
    """Reads the first claim now (so UnreadableFile raises at once), then streams the rest."""
    try:
        first = next(claims)
    except StopIteration:
        return iter(())
    return itertools.chain((first,), claims)


def _noting_estimates(claims: Iterable[Claim], estimates: list[str]) -> Iterator[Claim]:
    for claim in claims:
        if claim.predetermination:
            estimates.append(claim.id)
        yield claim


def write_claims(
    claims: Iterable[Claim], fmt: str, out: TextIO, options: X12Options | None = None
) -> list[str]:
    """Write claims as JSON, CSV or X12 837D, streaming. Returns notes on what the format could
    not carry (e.g. history in 837D, a missing fee written as 0), for the user to see."""
    if fmt == "json":
        write_json(claims, out)
        return []
    if fmt == "csv":
        estimates: list[str] = []
        write_csv(_noting_estimates(claims, estimates), out)
        if not estimates:
            return []
        return [
            f"CSV has no column for a predetermination: {len(estimates)} claim"
            f"{'s' if len(estimates) > 1 else ''} ({', '.join(estimates[:5])}"
            f"{', …' if len(estimates) > 5 else ''}) read as claims for payment from it"
        ]
    if fmt == "x12":
        options = options or X12Options()
        if options.component is None and isinstance(claims, list | tuple):
            options = replace(options, component=pick_component(notes_of(claims)))
        return write_x12(claims, out, options)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
