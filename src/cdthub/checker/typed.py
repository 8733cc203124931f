"""The /check/ page's "type lines" form: the rows as typed, what is wrong with a field, and the
claim JSON the rows make.

A row's fields come as lists of the same name (`code`, `tooth`, …, one a row), so a row added
in the browser needs no new names. Quantity and fee are read with the claim readers' own
parsers: a value the checker could not read (quantity 0, a negative fee, a decimal comma) is
refused here, with a message under the row, and nothing is checked until it is fixed; what was
typed stays in the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from cdthub.core.claims.fields import MAX_QUANTITY, BadValue, parse_fee, parse_quantity
from cdthub.core.claims.formats import UnreadableFile

ROWS = 6  # rows the empty form shows
MAX_ROWS = 50
FIELDS = ("date", "code", "tooth", "surfaces", "area", "quantity", "fee", "narrative")
LONGEST = {"narrative": 400}  # characters kept of a typed value (others: 40)


@dataclass
class Row:
    """One typed line: its values as typed (trimmed) and a message for each wrong field."""

    typed: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def blank(self) -> bool:
        return not any(self.typed.values())

    def problems(self) -> list[tuple[str, str]]:
        """(field, message) for each wrong field, in the form's column order."""
        return [(name, self.errors[name]) for name in FIELDS if name in self.errors]


def blank_rows(count: int = ROWS) -> list[Row]:
    return [Row(dict.fromkeys(FIELDS, "")) for _ in range(count)]


def read_rows(post: Any, judge: bool = True) -> list[Row]:
    """The rows as typed (up to MAX_ROWS), each with its fields' errors when `judge` (the form
    was sent to be checked); blank rows up to ROWS."""
    columns = {name: post.getlist(name) for name in FIELDS}
    count = min(max([len(v) for v in columns.values()] + [0]), MAX_ROWS)

    def cell(name: str, i: int) -> str:
        values = columns[name]
        return (values[i] if i < len(values) else "").strip()[: LONGEST.get(name, 40)]

    rows = [Row({name: cell(name, i) for name in FIELDS}) for i in range(count)]
    for row in rows if judge else ():
        _judge(row)
    return rows + blank_rows(max(0, ROWS - len(rows)))


def _judge(row: Row) -> None:
    if row.blank:
        return
    if not row.typed["code"]:
        row.errors["code"] = "no code: add it, or clear the line"
    if row.typed["quantity"] and (why := quantity_problem(row.typed["quantity"])):
        row.errors["quantity"] = why
    if row.typed["fee"]:
        try:
            parse_fee(row.typed["fee"])
        except BadValue as exc:
            row.errors["fee"] = f"fee {exc}"  # fee '12,50' has a decimal comma: write…


def quantity_problem(text: str) -> str | None:
    """What is wrong with a typed quantity, or None when the checker reads it."""
    try:
        parse_quantity(text)
        return None
    except BadValue:
        pass
    try:
        too_many = Decimal(text) > MAX_QUANTITY
    except InvalidOperation:
        too_many = False
    if too_many:
        return f"quantity must be at most {MAX_QUANTITY}: split the service over several lines"
    return "quantity must be a whole number of at least 1 (blank is 1)"


def claim_record(post: Any, rows: list[Row]) -> dict[str, Any]:
    """The typed lines as claim JSON. Raises UnreadableFile, naming the lines and fields to fix,
    when a field is wrong (a row with values but no code is one: it would be dropped unseen),
    and when no row has a code."""
    wrong = [
        f"line {number}: {message}"
        for number, row in enumerate(rows, start=1)
        for _, message in row.problems()
    ]
    if wrong:
        raise UnreadableFile(
            f"{'; '.join(wrong)}. Nothing was checked: fix the marked fields (what you typed is "
            "kept) and check again"
        )
    system = post.get("tooth_system", "JP")
    lines = [
        {**{k: v or None for k, v in row.typed.items()}, "tooth_system": system}
        for row in rows
        if row.typed["code"]
    ]
    if not lines:
        raise UnreadableFile("type at least one line with a code (a date, tooth and more help)")
    born = post.get("birth_date", "").strip()
    return {"id": "1", "patient": {"birth_date": born or None}, "lines": lines}
