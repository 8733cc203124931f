"""Claims as CSV: one service line a row, grouped into claims by the `claim_id` column.

Columns (header names are case-insensitive; `,`, `;` or tab separates them, or Excel's
`sep=;` line says which): `claim_id`, `birth_date`, `payer`, `total`, `claim_narrative`, then
the line's `date`, `code`, `tooth_system`, `tooth`, `surfaces`, `area`, `quantity`, `fee`,
`narrative`. Only `code` is required. A row whose `kind` column says `history` is an earlier
service of the patient rather than a line of the claim. The rows of a claim come together (a
row without claim_id continues the claim above); reading streams claim by claim. What could be
misread is said: cells past the header's, a column named twice, an unknown kind, dates
written 03/02/2026 (read month first).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from .fields import (
    UnreadableFile,
    clean_text,
    month_first,
    parse_birth_date,
    parse_fee,
    problem,
    shown,
)
from .model import Claim, Finding
from .records import (
    HISTORY_FIELDS,
    LINE_FIELDS,
    Notes,
    check_total,
    history_from_record,
    line_from_record,
    lines_numbering,
)

CLAIM_COLUMNS = ("claim_id", "kind", "birth_date", "payer", "total", "claim_narrative")
HISTORY_KINDS = frozenset(("history", "hist", "h", "past", "prior", "previous", "earlier"))
LINE_KINDS = frozenset(("", "line", "l", "service", "claim", "billed"))
COLUMNS = CLAIM_COLUMNS + tuple(f for f in LINE_FIELDS if f != "extra_teeth")
# other names practice software uses for the same columns
ALIASES = {
    "claim": "claim_id",
    "id": "claim_id",
    "dob": "birth_date",
    "patient_dob": "birth_date",
    "date_of_birth": "birth_date",
    "birthdate": "birth_date",
    "patient_birth_date": "birth_date",
    "date_of_service": "date",
    "dos": "date",
    "service_date": "date",
    "procedure_code": "code",
    "cdt_code": "code",
    "proc_code": "code",
    "tooth_number": "tooth",
    "tooth_no": "tooth",
    "surface": "surfaces",
    "surf": "surfaces",
    "oral_cavity_area": "area",
    "units": "quantity",
    "qty": "quantity",
    "area_of_oral_cavity": "area",
    "oral_cavity": "area",
    "tooth_surfaces": "surfaces",
    "tooth_surface": "surfaces",
    "charge": "fee",
    "amount": "fee",
    "note": "narrative",
    "record": "kind",
}
_NOT_NAME = re.compile(r"[^a-z0-9]+")  # spaces, dashes, '#', '.' in a header
_LINE_ONLY = tuple(f for f in LINE_FIELDS if f != "extra_teeth")


def sniff_delimiter(header: str) -> str:
    """The separator the header line uses most among comma, semicolon and tab."""
    return max((",", ";", "\t"), key=header.count)


@dataclass
class _File:
    """What reading one CSV file keeps across its claims."""

    findings: list[Finding]
    seen: set[str] = field(default_factory=set)  # claim ids met so far
    slashed: bool = False  # a date written 03/02/2026 was met (said once a file)
    continued: bool = False  # a row without claim_id was read with the row above (said once)

    def no_id(self, row: int, claim_id: str) -> None:
        if self.continued:
            return
        self.continued = True
        self.findings.append(
            problem(
                f"Row {row} has no claim_id; it was read as part of claim {shown(claim_id)}, "
                "the row above (so were later rows without one)",
                severity="warning",
            )
        )

    def slashed_date(self, row: int, value: str | None) -> None:
        if self.slashed or not value or not month_first(value):
            return
        self.slashed = True
        self.findings.append(
            problem(
                f"Dates such as {shown(value.strip())} (row {row}) were read month first, "
                "as US software writes them; if this file writes the day first, save its "
                "dates as YYYY-MM-DD",
                severity="warning",
                rule="date.invalid",
            )
        )


def read_csv(text: TextIO, findings: list[Finding]) -> Iterator[Claim]:
    """Claims from CSV text. Raises UnreadableFile when the header has no `code` column."""
    first = text.readline()
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)
    if hint:  # Excel's "sep=;" line before the header
        first = text.readline()
    delimiter = hint.group(1) if hint else sniff_delimiter(first)
    names = next(csv.reader([first], delimiter=delimiter), [])
    header = [_column(name) for name in names]
    if "code" not in header:
        raise UnreadableFile(
            "the CSV has no 'code' column; its first row must name the columns, e.g. "
            "claim_id,birth_date,date,code,tooth,surfaces,area,fee"
        )
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        findings.append(
            problem(
                f"Columns {', '.join(shown(u, 20) for u in unknown[:5])} are not claim "
                f"columns and were ignored (the columns are {', '.join(COLUMNS)})",
                severity="warning",
            )
        )
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        named = [shown(n, 20) for n, h in zip(names, header, strict=True) if h in twice]
        findings.append(
            problem(
                f"Column {', '.join(shown(c, 20) for c in twice)} appears more than once "
                f"(headers {', '.join(named)}): only the last was read; keep one",
            )
        )
    rows = csv.DictReader(text, fieldnames=header, delimiter=delimiter, restkey="")
    state = _File(findings)
    group: list[tuple[int, dict[str, str]]] = []
    group_id = ""
    before = 0  # the file's findings made before the group's first row (see Claim)
    ids = "claim_id" in header
    for row_number, row in _rows(rows, findings, 3 if hint else 2):
        if not any((v or "").strip() for k, v in row.items() if k and isinstance(v, str)):
            continue
        claim_id = (row.get("claim_id") or "").strip()
        if not claim_id and ids and group:  # a continuation row, as spreadsheets leave them
            claim_id = group_id
            state.no_id(row_number, group_id)
        claim_id = claim_id or "1"
        if group and claim_id != group_id:
            yield _claim(group_id, group, state, before)
            group = []
        if not group:
            before = len(findings)
        group_id = claim_id
        group.append((row_number, row))
    if not group and not state.seen:
        raise UnreadableFile("the CSV has a header but no rows")
    if group:
        yield _claim(group_id, group, state, before)


def _rows(
    rows: csv.DictReader[str], findings: list[Finding], first: int
) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, row) for each row, the first numbered `first` (the file's line count, one
    row a line); one that the csv module cannot read is a finding."""
    number = first - 1
    while True:
        number += 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            message = f"Row {number} cannot be read as CSV ({exc}); it was skipped."
            findings.append(problem(message))
            continue
        yield number, row


def _column(name: str) -> str:
    """A header as a column name: 'Tooth #' → tooth, 'Patient DOB' → birth_date."""
    key = _NOT_NAME.sub("_", name.strip().lower()).strip("_")
    return ALIASES.get(key, key)


def _claim(
    claim_id: str, group: list[tuple[int, dict[str, str]]], state: _File, before: int
) -> Claim:
    """The claim the consecutive rows of one claim_id make; `before`: the file's findings
    made before its first row."""
    first_row = group[0][0]
    claim = Claim(id=claim_id, file_findings_before=before)
    notes = Notes(claim.id)
    seen = state.seen
    if claim.id in seen:
        notes.add(
            None,
            f"the rows of claim {shown(claim.id)} are not together (again from row "
            f"{first_row}); they were read as a separate claim with the same id",
            severity="warning",
        )
    seen.add(claim.id)
    birth = _same(group, "birth_date", notes)
    if birth:
        claim.birth_date = notes.read(
            None, "patient birth date", parse_birth_date, birth, None, "date.invalid"
        )
    claim.payer = _same(group, "payer", notes) or claim.payer
    total = _same(group, "total", notes)
    if total:
        claim.total = notes.read(None, "claim total", parse_fee, total, None)
    claim.narrative = _same(group, "claim_narrative", notes)
    number = 0
    past: list[dict[str, str]] = []
    rows: list[int] = []  # the file row of each line
    for row_number, row in group:
        state.slashed_date(row_number, row.get("date"))
        extra = [c for c in row.get("", []) if c and c.strip()]  # cells past the header's
        kind = (row.get("kind") or "").strip().lower()
        if kind in HISTORY_KINDS:
            past.append(row)
            if extra:
                notes.add(None, _extra_cells(row_number, extra))
            continue
        number += 1
        if kind not in LINE_KINDS:
            notes.add(
                number,
                f"row {row_number}: kind {shown(kind, 20)} is neither 'line' nor 'history'; "
                "it was read as a service line",
            )
        if extra:
            notes.add(number, _extra_cells(row_number, extra))
        rows.append(row_number)  # line `number` is this row, read or not
        line = line_from_record(_only(row, _LINE_ONLY), number, notes)
        if line is not None:
            claim.lines.append(line)
    check_total(claim, notes)
    claim.rows = tuple(rows)  # findings name the row of each line
    numbering = lines_numbering(claim.lines)  # for history rows that do not say theirs
    for row in past:
        index = len(claim.history) + 1
        item = history_from_record(_only(row, HISTORY_FIELDS), index, notes, numbering)
        if item is not None:
            claim.history.append(item)
    if number == 0:
        notes.add(None, "the claim has no service lines (only history rows)")
    claim.problems = notes.items
    return claim


def _extra_cells(row: int, extra: list[str]) -> str:
    return (
        f"row {row} has {len(extra)} more cell{'s' if len(extra) > 1 else ''} than the header "
        f"({', '.join(shown(c, 15) for c in extra[:3])}): a value holding the separator needs "
        "quotes, or a decimal comma was used; the row's values may be in the wrong columns"
    )


def _only(row: dict[str, str], fields: tuple[str, ...]) -> dict[str, str]:
    return {k: row[k] for k in fields if k in row}


def _same(group: list[tuple[int, dict[str, str]]], column: str, notes: Notes) -> str | None:
    """A claim-level column: the one value its rows give (a warning when they disagree)."""
    values = {v for _, row in group if (v := clean_text(row.get(column)))}
    if len(values) > 1:
        notes.add(
            None,
            f"the rows give {len(values)} different values for {column}; the first row's was used",
            severity="warning",
        )
    return next((v for _, row in group if (v := clean_text(row.get(column)))), None)


def write_csv(claims: Iterable[Claim], out: TextIO) -> None:
    """One row per service line (and per history item, with kind=history); the claim's total
    and note repeat on each of its rows, a quadrant's further teeth join its tooth cell."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for claim in claims:
        birth = claim.birth_date.isoformat() if claim.birth_date else ""
        total = "" if claim.total is None else str(claim.total)
        rows = [("line", line.to_dict()) for line in claim.lines]
        rows += [("history", item.to_dict()) for item in claim.history]
        for kind, data in rows:
            extra = [str(e["tooth"]) for e in data.get("extra_teeth") or ()]
            if extra and data.get("tooth"):
                data["tooth"] = ",".join([str(data["tooth"]), *extra])
            cells = [_cell(data.get(f)) for f in _LINE_ONLY]
            writer.writerow(
                [claim.id, kind, birth, claim.payer, total, claim.narrative or "", *cells]
            )


def _cell(value: object) -> str:
    return "" if value is None else str(value)
