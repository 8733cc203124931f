"""Claims as CSV: one service line a row, grouped into claims by the `claim_id` column.

Columns (header names are case-insensitive; `,`, `;` or tab separates them): `claim_id`,
`birth_date`, `payer`, then the line's `date`, `code`, `tooth_system`, `tooth`, `surfaces`,
`area`, `quantity`, `fee`, `narrative`. Only `code` is required. A row whose `kind` column says
`history` is an earlier service of the patient rather than a line of the claim. The rows of a
claim come together; reading streams claim by claim.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from .fields import UnreadableFile, clean_text, parse_birth_date, problem, shown
from .model import Claim, Finding
from .records import (
    HISTORY_FIELDS,
    LINE_FIELDS,
    Notes,
    history_from_record,
    line_from_record,
    lines_numbering,
)

CLAIM_COLUMNS = ("claim_id", "kind", "birth_date", "payer")
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


def read_csv(text: TextIO, findings: list[Finding]) -> Iterator[Claim]:
    """Claims from CSV text. Raises UnreadableFile when the header has no `code` column."""
    first = text.readline()
    delimiter = sniff_delimiter(first)
    header = [_column(name) for name in next(csv.reader([first], delimiter=delimiter), [])]
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
    rows = csv.DictReader(text, fieldnames=header, delimiter=delimiter, restkey="")
    group: list[tuple[int, dict[str, str]]] = []
    group_id, seen = "", set[str]()
    for row_number, row in _rows(rows, findings):
        if not any((v or "").strip() for k, v in row.items() if k):
            continue
        claim_id = (row.get("claim_id") or "").strip() or "1"
        if group and claim_id != group_id:
            yield _claim(group_id, group, seen)
            group = []
        group_id = claim_id
        group.append((row_number, row))
    if not group and not seen:
        raise UnreadableFile("the CSV has a header but no rows")
    if group:
        yield _claim(group_id, group, seen)


def _rows(
    rows: csv.DictReader[str], findings: list[Finding]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, row) for each row; one that the csv module cannot read is a finding."""
    number = 1
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


def _claim(claim_id: str, group: list[tuple[int, dict[str, str]]], seen: set[str]) -> Claim:
    """The claim the consecutive rows of one claim_id make."""
    first_row = group[0][0]
    claim = Claim(id=claim_id)
    notes = Notes(claim.id)
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
    number = 0
    past: list[dict[str, str]] = []
    for _, row in group:
        if (row.get("kind") or "").strip().lower() == "history":
            past.append(row)
            continue
        number += 1
        line = line_from_record(_only(row, _LINE_ONLY), number, notes)
        if line is not None:
            claim.lines.append(line)
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
    """One row per service line (and per history item, with kind=history)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for claim in claims:
        birth = claim.birth_date.isoformat() if claim.birth_date else ""
        rows = [("line", line.to_dict()) for line in claim.lines]
        rows += [("history", item.to_dict()) for item in claim.history]
        for kind, data in rows:
            cells = [_cell(data.get(f)) for f in _LINE_ONLY]
            writer.writerow([claim.id, kind, birth, claim.payer, *cells])


def _cell(value: object) -> str:
    return "" if value is None else str(value)
