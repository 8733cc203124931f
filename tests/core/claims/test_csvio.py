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


def test_the_claim_narrative_column_is_the_claims_note_and_narrative_the_lines():
    text = "claim_id,claim_narrative,code,narrative\nE1,Patient moved away,D0120,\n"
    text += "E1,,D7140,Tooth fractured\n"
    (claim,), findings = read(text)
    assert findings == [] and claim.problems == []
    assert claim.narrative == "Patient moved away"
    assert [line.narrative for line in claim.lines] == [None, "Tooth fractured"]


def test_other_column_names_separators_and_excel_habits():
    text = "\ufeffClaim ID;DOB;Date of Service;Procedure Code;Tooth Number;Surface;Charge\n"
    text += "X;04/02/2016;03/02/2026;d2392;#30;mo;$1,180.00\n"
    (claim,), findings = read(text)
    assert claim.problems == []  # US dates are read month first, said once for the file:
    assert [(f.rule, f.severity) for f in findings] == [("date.invalid", "warning")]
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


# --- what a spreadsheet export can get wrong is said, never read silently wrong ---------------


def test_a_decimal_comma_fee_is_a_finding_not_a_hundredfold_fee():
    (claim,), _ = read("claim_id;date;code;fee\nE1;2026-03-02;D0120;55,50\n")
    assert claim.lines[0].fee is None
    assert "decimal comma: write it with a point, as 55.50" in claim.problems[0].message
    (claim,), _ = read('claim_id,code,fee\nE1,D0120,"1,200.50"\n')
    assert claim.lines[0].fee == Decimal("1200.50")  # a comma between thousands is fine


def test_cells_past_the_header_and_a_column_named_twice_are_said():
    (claim,), findings = read(
        "claim_id,date,code,fee,Tooth #,tooth\nE3,2026-03-02,D2391,1.200,00,3,4\n"
    )
    assert "row 2 has 1 more cell than the header ('4')" in claim.problems[0].message
    assert "Column 'tooth' appears more than once" in findings[0].message


def test_an_unknown_kind_is_said_and_history_synonyms_are_history():
    text = "claim_id,kind,date,code\nE1,line,2026-03-02,D0120\nE1,prior,2025-12-01,D1110\n"
    text += "E1,bogus,2026-03-02,D0210\n"
    (claim,), _ = read(text)
    assert [h.code for h in claim.history] == ["D1110"]
    assert [line.code for line in claim.lines] == ["D0120", "D0210"]
    assert "kind 'bogus' is neither 'line' nor 'history'" in claim.problems[0].message


def test_windows_1252_text_is_read_with_a_warning():
    data = "claim_id,code,narrative\nE1,D7999,Caf\u00e9 \u2013 ok\n".encode("cp1252")
    (claim,), findings = read(data)
    assert claim.lines[0].narrative == "Caf\u00e9 \u2013 ok"
    assert "not UTF-8; it was read as Windows-1252" in findings[0].message


def test_slashed_dates_are_said_once_and_a_day_first_date_is_named():
    text = "sep=;\nclaim_id;date;code\nE1;03/02/2026;D0120\nE2;04/02/2026;D0120\n"
    text += "E3;25/02/2026;D0120\n"
    claims, findings = read(text)
    said = [f.message for f in findings if f.rule == "date.invalid"]
    assert len(said) == 1 and "'03/02/2026' (row 3) were read month first" in said[0]
    assert "written day first" in claims[2].problems[0].message


def test_a_row_without_claim_id_continues_the_claim_above():
    text = "claim_id,birth_date,date,code\nE1,2016-04-02,2026-03-02,D0120\n,,2026-03-02,D1120\n"
    (claim,), findings = read(text)
    assert [line.code for line in claim.lines] == ["D0120", "D1120"]
    assert "Row 3 has no claim_id" in findings[0].message


def test_spreadsheet_values_and_area_words_read_as_codes():
    text = "claim_id,Qty,code,tooth,Area of Oral Cavity\nE1,2,D4341,,upper right quadrant\n"
    text += "E1,1,D2391,30.0,\n"
    (claim,), findings = read(text)
    assert findings == []
    assert (claim.lines[0].quantity, claim.lines[0].area) == (2, "10")
    assert claim.lines[1].tooth == "30"


def test_a_total_that_is_not_the_sum_of_the_fees_is_said_as_in_837d():
    (claim,), _ = read("claim_id,total,code,fee\nE1,500,D0120,55\n")
    assert "The claim total 500 is not the sum of its line fees 55" in claim.problems[0].message
    (claim,), _ = read("claim_id,total,code,fee\nE1,55.00,D0120,55\n")
    assert claim.problems == []


def test_a_quadrants_further_teeth_are_written_in_its_tooth_cell():
    from cdthub.core.claims.formats import write_claims
    from cdthub.core.claims.model import Claim, Line

    line = Line(1, "D4342", dt.date(2026, 3, 2), tooth="12", area="20")
    line.extra_teeth = (("13", None), ("14", None))
    out = io.StringIO()
    write_claims([Claim("c", [line])], "csv", out)
    assert ',"12,13,14",' in out.getvalue()
    (again,), _ = read(out.getvalue())
    assert again.lines[0].tooth == "12,13,14" and again.problems == []


def test_findings_on_a_csv_line_name_its_row_in_the_file():
    from cdthub.core.claims.check import Checker
    from cdthub.core.dataset import load_catalog

    text = "claim_id,date,code,tooth,surfaces\nE1,2026-03-02,D0120,,\nE1,2026-03-02,D2393,30,MO\n"
    (claim,), _ = read(text)
    found = Checker(load_catalog()).check(claim)
    assert found[0].message.startswith("Line 2 (row 3): D2393 is for three surfaces")
