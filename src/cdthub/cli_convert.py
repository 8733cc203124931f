"""`cdthub convert FILE --to json|csv|x12 [--from json|csv|x12] [-o OUT]`: claims from one format
to another, streamed claim by claim. X12 is 837D 005010X224A2; who sends it to whom comes from
`--config FILE` (TOML) and the identifier options, else from obvious placeholders.

Exit 0 converted; 1 converted, but the input had errors (listed on stderr, with any warnings: a
line that could not be read is named, never dropped silently); 2 the input or the options
cannot be used. An 837D is what goes to a payer, so a claim with an error in its input is left
out of one (named on stderr) rather than sent with a value guessed; JSON and CSV keep it, with
what could be read, for fixing.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from .cli import err
from .core.claims.formats import (
    FORMATS,
    ClaimFile,
    UnreadableFile,
    X12Options,
    load_options,
    read_file,
    write_claims,
)
from .core.claims.model import Claim, Finding
from .core.claims.x12.writer import notes_of, pick_component

MAX_SHOWN = 20
FROM_837D = (
    "from an 837D, what cdthub reads is carried (the billing provider, subscriber, patient and "
    "payer: names, ids, addresses, tax id; claim ids, totals, notes, dates, service lines with "
    "teeth and areas, predeterminations), not the rest: coordination of benefits (loops 2320, "
    "2330, 2430; a secondary or tertiary claim, SBR01 S or T, is written as primary), the group "
    "number (SBR03), pay-to address and plan (2010AB, 2010AC), attachments (PWK), prior "
    "authorization and other REF, diagnoses (HI), orthodontic and missing-teeth data (DN1, "
    "DN2), rendering provider and service facility (2310B, 2310C, 2420A), the provider's "
    "taxonomy unless the options give one (PRV), a line's place of service and prosthesis "
    "replacement (SV303, SV305), other dates (DTP*441, 452…), the place of service and release "
    "codes (CLM05, CLM09: written from the options); to send the claims, send the original "
    "file or export it again from the practice software"
)
# option name → X12Options field, for the identifiers a clearinghouse asks for most
IDENTIFIERS = {
    "sender_id": "your submitter id (ETIN) at the clearinghouse: ISA06, GS02, 1000A",
    "receiver_id": "the clearinghouse's id: ISA08, GS03, 1000B",
    "billing_npi": "the billing provider's NPI (2010AA)",
    "payer_id": "the payer's id at the clearinghouse (2010BB)",
}


def register(sub: Any) -> None:
    """Adds `convert` to the `cdthub` subcommands."""
    s = sub.add_parser(
        "convert",
        help="convert claims between JSON, CSV and X12 837D",
        description="Convert claims between claim JSON, CSV (one service line a row) and X12 "
        "837D (005010X224A2). The input format is sniffed unless --from says it. Exit 0 "
        "converted, 1 converted but the input had errors (listed), 2 the input or the "
        "options cannot be used.",
    )
    s.add_argument("file", metavar="FILE", help="the claims to convert ('-' reads stdin)")
    s.add_argument("--to", required=True, choices=FORMATS, dest="to_format")
    s.add_argument("--from", choices=FORMATS, dest="from_format", help="default: sniffed")
    s.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    s.add_argument(
        "--config",
        metavar="FILE",
        help="X12 sender, receiver, billing provider and payer (TOML; keys as in README)",
    )
    for name, text in IDENTIFIERS.items():
        s.add_argument("--" + name.replace("_", "-"), dest=name, metavar="ID", help=text)
    s.add_argument("--control-number", type=int, metavar="N", help="ISA13/GS06 (default 1)")
    s.add_argument(
        "--production", action="store_true", help="mark the 837D for production (ISA15 P, not T)"
    )
    s.set_defaults(func=cmd_convert)


def x12_options(args: argparse.Namespace) -> X12Options:
    """The config file's options with the command line's on top. Raises UnreadableFile."""
    options = load_options(args.config) if args.config else X12Options()
    given = {name: getattr(args, name) for name in IDENTIFIERS if getattr(args, name)}
    if args.control_number is not None:
        given["control_number"] = args.control_number
    if args.production:
        given["usage"] = "P"
    options = replace(options, **given)
    problem = options.problem()
    if problem:
        raise UnreadableFile(problem)
    return options


def cmd_convert(args: argparse.Namespace) -> int:
    try:
        options = x12_options(args) if args.to_format == "x12" else None
        source = sys.stdin.buffer if args.file == "-" else args.file
        if args.output and args.file != "-" and _same_file(args.file, args.output):
            raise UnreadableFile("the output would overwrite the input: choose another -o")
        if options is not None and options.component is None and source is args.file:
            # a first pass over the file for the notes' characters: a colon in a note stays a
            # colon when the separator is another character (X12 cannot escape one)
            notes = notes_of(read_file(source, args.from_format).claims)
            options = replace(options, component=pick_component(notes))
        claim_file = read_file(source, args.from_format)
    except UnreadableFile as exc:
        err(f"cdthub: {args.file}: {exc}")
        return 2
    problems: list[Finding] = []
    held: list[str] | None = [] if args.to_format == "x12" else None
    try:
        out: TextIO = (
            open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
        )
    except OSError as exc:
        err(f"cdthub: cannot write {args.output}: {exc.strerror or exc}")
        return 2
    try:
        notes = write_claims(_watched(claim_file, problems, held), args.to_format, out, options)
    finally:
        if out is not sys.stdout:
            out.close()
    if claim_file.format == "x12":
        notes.append(FROM_837D)
    for note in notes:
        err(f"cdthub: note: {note}")
    code = _report(args.file, problems)
    if held:
        shown = ", ".join(held[:MAX_SHOWN]) + (", …" if len(held) > MAX_SHOWN else "")
        err(
            f"cdthub: {len(held)} claim{'s' if len(held) > 1 else ''} with errors in the input "
            f"{'were' if len(held) > 1 else 'was'} not written to the 837D ({shown}): an 837D "
            "goes to a payer, so it holds only claims read in full; fix them and convert again"
        )
    return code


def _watched(
    claim_file: ClaimFile, problems: list[Finding], held: list[str] | None = None
) -> Iterator[Claim]:
    """The claims as they stream by, collecting what the reader could not read in file order
    (the file's own problems where they are, as `cdthub check` lists them). With `held` (an
    837D), a claim with an error in its input is listed there instead of given."""
    for file_problems, claim in claim_file.in_file_order():
        problems.extend(file_problems)
        if claim is not None:
            problems.extend(claim.problems)
            if held is not None and any(p.severity == "error" for p in claim.problems):
                held.append(claim.id)
                continue
            yield claim


def _report(name: str, problems: list[Finding]) -> int:
    errors = [p for p in problems if p.severity == "error"]
    if not problems:
        return 0
    err(f"cdthub: {name}: {len(problems)} input problem{'s' if len(problems) > 1 else ''}:")
    for p in problems[:MAX_SHOWN]:
        where = f"claim {p.claim}: " if p.claim else ""
        err(f"  {p.severity}: {where}{p.message}")
    if len(problems) > MAX_SHOWN:
        err(f"  and {len(problems) - MAX_SHOWN} more (cdthub check lists them all)")
    return 1 if errors else 0


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(b).exists() and os.path.samefile(a, b)
    except OSError:
        return False
