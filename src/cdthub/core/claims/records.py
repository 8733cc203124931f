"""Claims, service lines and history items from plain records: a JSON object or a CSV row.

The JSON and CSV readers both hand their records to these builders, so a field reads the same
in either format. Nothing here raises on bad input: each problem becomes a finding on the
claim (`Notes`), and the line keeps what could be read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TypeVar

from ..teeth import ToothError, parse_teeth
from .fields import (
    BadValue,
    clean_area,
    clean_code,
    clean_surfaces,
    clean_text,
    clean_tooth,
    month_first,
    parse_birth_date,
    parse_date,
    parse_fee,
    parse_quantity,
    parse_tooth_system,
    problem,
    shown,
)
from .model import Claim, Finding, HistoryItem, Line, Severity

LINE_FIELDS = (
    "date",
    "code",
    "tooth_system",
    "tooth",
    "surfaces",
    "area",
    "quantity",
    "fee",
    "narrative",
    "extra_teeth",
)
HISTORY_FIELDS = ("date", "code", "tooth_system", "tooth", "surfaces", "area")
CLAIM_FIELDS = (
    "id", "patient", "payer", "lines", "history", "total", "narrative", "predetermination",
    "tooth_system",
)  # fmt: skip
PATIENT_FIELDS = ("birth_date",)

T = TypeVar("T")


class Notes:
    """The findings gathered while one claim is read (they end up in `Claim.problems`)."""

    def __init__(self, claim_id: str) -> None:
        self.claim_id = claim_id
        self.items: list[Finding] = []

    def add(
        self,
        line: int | None,
        message: str,
        rule: str = "input.invalid",
        severity: Severity = "error",
    ) -> None:
        where = f"Line {line}: " if line is not None else ""
        self.items.append(problem(where + message, self.claim_id, line, severity, rule))

    def unknown_fields(
        self, record: Mapping[str, object], known: tuple[str, ...], line: int | None, what: str
    ) -> None:
        if len(record) <= len(known) and all(k in known for k in record):
            return
        extra = [k for k in record if k not in known]
        if extra:
            self.add(
                line,
                f"{', '.join(shown(k, 20) for k in extra[:5])} "
                f"{'is not a field' if len(extra) == 1 else 'are not fields'} of {what} and "
                f"{'was' if len(extra) == 1 else 'were'} ignored (the fields are "
                f"{', '.join(known)})",
                severity="warning",
            )

    def read(
        self,
        line: int | None,
        label: str,
        parse: Callable[[object], T],
        value: object,
        default: T,
        rule: str = "input.invalid",
    ) -> T:
        """parse(value), or `default` and a finding naming the field when it cannot be read."""
        try:
            return parse(value)
        except BadValue as exc:
            self.add(line, f"{label}: {exc}", rule=rule)
            return default


def line_from_record(
    record: Mapping[str, object],
    number: int,
    notes: Notes,
    iso_dates: bool = False,
    numbering: str = "JP",
) -> Line | None:
    """A service line from its fields (see DESIGN.md's claim JSON); None without a code.
    `iso_dates` (claim JSON, whose dates are YYYY-MM-DD): a date written 03/02/2026 is read
    month first with a warning, as a sender abroad may have meant 3 February. `numbering`:
    the tooth numbering of a line that names none (the claim's `tooth_system`, else JP)."""
    notes.unknown_fields(record, LINE_FIELDS, number, "a service line")
    code = notes.read(number, "procedure code", clean_code, record.get("code"), "")
    if not code:
        return None
    line = Line(number=number, code=code)
    _fill_place(line, record, number, notes, numbering=numbering)
    raw = record.get("date")
    if raw is not None and str(raw).strip():
        line.date = notes.read(number, "date of service", parse_date, raw, None, "date.invalid")
        if line.date is None:
            line.raw_date = str(raw).strip()[:40]
        elif iso_dates and month_first(raw):
            notes.add(
                number,
                f"the date of service {shown(str(raw).strip())} was read month first, as "
                f"{line.date.isoformat()}: write dates as YYYY-MM-DD so that no one reads "
                "day and month the other way round",
                "date.invalid",
                "warning",
            )
    if record.get("quantity") not in (None, ""):
        line.quantity = notes.read(number, "quantity", parse_quantity, record["quantity"], 1)
    if record.get("fee") not in (None, ""):
        line.fee = notes.read(number, "fee", parse_fee, record["fee"], None)
    line.narrative = clean_text(record.get("narrative"))
    line.extra_teeth = _extra_teeth(record.get("extra_teeth"), number, notes)
    return line


def history_from_record(
    record: Mapping[str, object], index: int, notes: Notes, numbering: str = "JP"
) -> HistoryItem | None:
    """An earlier service; `index` (1-based) names it in findings. None without a code. A
    tooth with no `tooth_system` of its own is read in `numbering` (see `lines_numbering`)."""
    notes.unknown_fields(record, HISTORY_FIELDS, None, f"history item {index}")
    label = f"history item {index}"
    code = notes.read(None, f"{label}: procedure code", clean_code, record.get("code"), "")
    if not code:
        return None
    item = HistoryItem(code=code)
    _fill_place(item, record, None, notes, label + ": ", numbering)
    if item.tooth:
        _settle_history_tooth(item, record.get("tooth_system") in (None, ""), notes, label)
    if record.get("date") not in (None, ""):
        item.date = notes.read(
            None, f"{label}: date", parse_date, record["date"], None, "date.invalid"
        )
    return item


def _fill_place(
    target: Line | HistoryItem,
    record: Mapping[str, object],
    line: int | None,
    notes: Notes,
    prefix: str = "",
    numbering: str = "JP",
) -> None:
    """Tooth system, tooth, surfaces and area: shared by lines and history items."""
    given = record.get("tooth_system")
    target.tooth_system = (
        notes.read(line, prefix + "tooth system", parse_tooth_system, given, numbering)
        if given not in (None, "")
        else numbering
    )
    target.tooth = clean_tooth(record.get("tooth"))
    target.surfaces = clean_surfaces(record.get("surfaces"))
    target.area = clean_area(record.get("area"))


def _settle_history_tooth(item: HistoryItem, inherited: bool, notes: Notes, label: str) -> None:
    """A history tooth the numbering it took from the lines cannot read, but Universal can, is
    Universal (JO lines, history written '3'); one no numbering reads is said, as it counts
    toward no per-tooth limit."""
    assert item.tooth is not None
    try:
        parse_teeth(item.tooth, item.tooth_system)
        return
    except ToothError as exc:
        problem = str(exc)
    if inherited and item.tooth_system != "JP":
        try:
            parse_teeth(item.tooth, "JP")
            item.tooth_system = "JP"
            return
        except ToothError:
            pass
    notes.add(
        None,
        f"{label}: {problem}; it counts toward no per-tooth limit",
        severity="warning",
    )


def lines_numbering(lines: list[Line]) -> str:
    """The tooth numbering of the claim's lines that name a tooth, when they all use the same
    one (a practice on ISO numbering writes its history in ISO too); JP otherwise."""
    systems = {line.tooth_system for line in lines if line.tooth}
    return systems.pop() if len(systems) == 1 else "JP"


def _extra_teeth(value: object, line: int, notes: Notes) -> tuple[tuple[str, str | None], ...]:
    if value in (None, "", []):
        return ()
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        notes.add(line, 'extra_teeth must be a list of {"tooth": ..., "surfaces": ...}; ignored')
        return ()
    teeth = [(clean_tooth(v.get("tooth")), clean_surfaces(v.get("surfaces"))) for v in value]
    return tuple((t, s) for t, s in teeth if t)


def claim_from_record(record: Mapping[str, object], position: int) -> Claim:
    """A whole claim from DESIGN.md's claim JSON; `position` (1-based) is its id when it has
    none."""
    raw_id = record.get("id")
    if raw_id in (None, ""):
        claim_id = str(position)
    elif isinstance(raw_id, str):
        claim_id = raw_id.strip()
    elif isinstance(raw_id, bool):  # as JSON writes it, not as Python does
        claim_id = "true" if raw_id else "false"
    elif isinstance(raw_id, int | float | Decimal):
        claim_id = str(raw_id)
    else:  # an object or a list
        claim_id = json.dumps(raw_id, default=str)
    notes = Notes(claim_id)
    notes.unknown_fields(record, CLAIM_FIELDS, None, "a claim")
    claim = Claim(id=claim_id)
    if isinstance(raw_id, int) and not isinstance(raw_id, bool):
        claim.id_number = raw_id  # findings name it as it came: 7, not "7"
    patient = record.get("patient")
    if isinstance(patient, Mapping):
        notes.unknown_fields(patient, PATIENT_FIELDS, None, "the patient")
        if patient.get("birth_date") not in (None, ""):
            claim.birth_date = notes.read(
                None,
                "patient birth date",
                parse_birth_date,
                patient["birth_date"],
                None,
                "date.invalid",
            )
            if claim.birth_date is not None and month_first(patient["birth_date"]):
                notes.add(
                    None,
                    "the patient's birth date was read month first: write dates as "
                    "YYYY-MM-DD so that no one reads day and month the other way round",
                    "date.invalid",
                    "warning",
                )
    elif patient is not None:
        notes.add(None, 'patient must be an object such as {"birth_date": "2016-04-02"}')
    payer = record.get("payer")
    if payer not in (None, ""):
        claim.payer = str(payer).strip()
    if record.get("total") not in (None, ""):
        claim.total = notes.read(None, "claim total", parse_fee, record["total"], None)
    claim.narrative = clean_text(record.get("narrative"))
    estimate = record.get("predetermination")
    if isinstance(estimate, bool):
        claim.predetermination = estimate
    elif estimate is not None:
        notes.add(
            None,
            f"predetermination is {shown(estimate)}: write true (a request for an estimate) or "
            "false",
        )
    # the claim's tooth_system: the numbering of its lines (and history) that name none
    given = record.get("tooth_system")
    numbering = "JP"
    if given not in (None, ""):
        numbering = notes.read(None, "the claim's tooth system", parse_tooth_system, given, "JP")
    for number, item in enumerate(_records(record.get("lines"), "lines", notes), start=1):
        if item is None:
            notes.add(number, "a service line must be an object with a code, a date and so on")
        elif (line := line_from_record(item, number, notes, True, numbering)) is not None:
            claim.lines.append(line)
    if not record.get("lines"):
        notes.add(None, "the claim has no service lines")
    check_total(claim, notes)
    if given in (None, ""):
        numbering = lines_numbering(claim.lines)
    for index, item in enumerate(_records(record.get("history"), "history", notes), start=1):
        if item is None:
            notes.add(None, f"history item {index} must be an object with a code and a date")
        elif (done := history_from_record(item, index, notes, numbering)) is not None:
            claim.history.append(done)
    claim.problems = notes.items
    return claim


def check_total(claim: Claim, notes: Notes) -> None:
    """A stated claim total that is not the sum of the line fees (every fee given) is a
    finding, as in 837D (CLM02), so a claim gets the same findings in every format."""
    if claim.total is None or not claim.lines or any(li.fee is None for li in claim.lines):
        return
    added = sum((li.fee for li in claim.lines if li.fee is not None), Decimal(0))
    if added != claim.total:
        notes.add(
            None,
            f"the claim total {claim.total} is not the sum of its line fees {added}: correct "
            "the total or the fees",
        )


def _records(value: object, name: str, notes: Notes) -> list[Mapping[str, object] | None]:
    """The objects of a list field; None for each member that is not an object."""
    if value is None:
        return []
    if not isinstance(value, list):
        notes.add(None, f"{name} must be a list; it was ignored")
        return []
    return [v if isinstance(v, Mapping) else None for v in value]
