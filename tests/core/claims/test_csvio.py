"""Claim CSV: one service line a row, grouped by claim_id; history rows; the names practice
software uses for columns; faults as findings that name the line."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from cdthub.core.claims.formats import UnreadableFile, read_file

CSV = """claim_id,birth_date,date,code,tooth,surfaces,area,fee,kind
A1,2016-04-02,2026-03-02,D2392,30,MO,,180.00,
A1,2016-04-02,2026-03-02,D1120,,,,60,
A1,2016-04-02,2025-09-01,D1120,,,,,history
B2,1980-01-15,2026-03-02,D4341,,,10,250,
"""


def read(text: str | bytes):
    data = text.encode() if isinstance(text, str) else text
    claim_file = read_file(io.BytesIO(data), "csv")
    return list(claim_file.claims), claim_file.findings


def test_rows_group_into_claims_with_history():
    (a, b), findings = read(CSV)
    assert findings == [] and a.problems == [] and b.problems == []
    assert (a.id, a.birth_date, [line.code for line in a.lines]) == (
        "A1",
        dt.date(2016, 4, 2),
        ["D2392", "D1120"],
    )
    assert a.lines[0].fee == Decimal("180.00") and a.lines[0].surfaces == "MO"
    assert [(h.code, h.date) for h in a.history] == [("D1120", dt.date(2025, 9, 1))]
    assert b.lines[0].area == "10"


def test_other_column_names_separators_and_excel_habits():
    text = "\ufeffClaim ID;DOB;Date of Service;Procedure Code;Tooth Number;Surface;Charge\n"
    text += "X;04/02/2016;03/02/2026;d2392;#30;mo;$1,180.00\n"
    (claim,), findings = read(text)
    assert findings == [] and claim.problems == []
    line = claim.lines[0]
    assert (line.code, line.tooth, line.surfaces, line.fee) == ("D2392", "30", "MO", 1180)
    assert line.date == dt.date(2026, 3, 2) and claim.birth_date == dt.date(2016, 4, 2)


def test_headers_with_signs_and_abbreviations():
    text = "Claim #,Patient DOB,DOS,Proc. Code,Tooth #,Surf,Amount\n"
    text += "X,2016-04-02,2026-03-02,D2392,30,MO,180\n"
    (claim,), findings = read(text)
    assert findings == [] and claim.id == "X" and claim.birth_date == dt.date(2016, 4, 2)
    line = claim.lines[0]
    assert (line.code, line.tooth, line.surfaces, line.fee) == ("D2392", "30", "MO", 180)


def test_unknown_columns_and_disagreeing_rows_are_warnings():
    text = "claim_id,birth_date,code,colour\nA,2016-04-02,D0120,red\nA,2016-05-02,D1120,blue\n"
    (claim,), findings = read(text)
    assert [f.severity for f in findings] == ["warning"] and "'colour'" in findings[0].message
    assert claim.birth_date == dt.date(2016, 4, 2)
    assert "different values for birth_date" in claim.problems[0].message


def test_rows_of_a_claim_apart_from_each_other_are_said():
    text = "claim_id,code\nA,D0120\nB,D0120\nA,D1110\n"
    claims, _ = read(text)
    assert [c.id for c in claims] == ["A", "B", "A"]
    assert "are not together (again from row 4)" in claims[2].problems[0].message


def test_a_row_without_code_is_named_by_its_line():
    (claim,), _ = read("claim_id,date,code\nA,2026-03-02,D0120\nA,2026-03-02,\n")
    assert [(p.line, p.message) for p in claim.problems] == [
        (2, "Line 2: procedure code: no procedure code.")
    ]


@pytest.mark.parametrize(
    "text, why", [("claim_id,date\nA,2026-03-02\n", "no 'code' column"), ("code\n", "no rows")]
)
def test_what_cannot_be_read(text, why):
    with pytest.raises(UnreadableFile, match=why):
        read(text)


def test_a_row_the_csv_module_cannot_read_is_skipped_and_said():
    claims, findings = read('claim_id,code\nA,"' + "x" * 200_000 + '"\nB,D0120\n')
    assert [c.id for c in claims] == ["B"]
    assert findings[0].message.startswith("Row 2 cannot be read as CSV (field larger than")
