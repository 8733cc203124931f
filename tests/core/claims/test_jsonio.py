"""Claim JSON (DESIGN.md): one claim, {"claims": [...]} or a list; bad values are findings that
name the line; a file that is not JSON cannot be read; a fault late in a big file keeps the
claims before it."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest

from cdthub.core.claims.check import check
from cdthub.core.claims.formats import UnreadableFile, read_file
from cdthub.core.claims.records import claim_from_record
from cdthub.core.dataset import load_catalog

CLAIM = {
    "id": "A1",
    "patient": {"birth_date": "2016-04-02"},
    "payer": "default",
    "lines": [
        {"date": "2026-03-02", "code": "D2392", "tooth_system": "JP", "tooth": "30",
         "surfaces": "MO", "area": None, "quantity": 1, "fee": 180.0, "narrative": None},
        {"date": "2026-03-02", "code": "d4341", "area": 10, "fee": "250.00"},
    ],
    "history": [{"date": "2025-12-01", "code": "D0120", "tooth": None}],
}  # fmt: skip


def read(data: object, raw: bool = False):
    body = data if raw else json.dumps(data)
    claim_file = read_file(io.BytesIO(body.encode() if isinstance(body, str) else body), "json")
    return list(claim_file.claims), claim_file.findings


def test_one_claim_reads_as_written():
    (claim,), findings = read(CLAIM)
    assert findings == [] and claim.problems == []
    assert claim.id == "A1" and claim.birth_date == dt.date(2016, 4, 2)
    first, second = claim.lines
    assert (first.code, first.tooth, first.surfaces, first.fee) == ("D2392", "30", "MO", 180)
    assert (second.code, second.area, second.fee) == ("D4341", "10", Decimal("250.00"))
    assert claim.history[0].code == "D0120" and claim.history[0].date == dt.date(2025, 12, 1)


def test_surfaces_may_be_a_list_of_letters():
    listed = json.loads(json.dumps(CLAIM))
    listed["lines"][0]["surfaces"] = ["m", "O "]
    listed["history"][0].update(code="D2391", tooth="3", surfaces=["O"])
    (claim,), _ = read(listed)
    assert claim.lines[0].surfaces == "MO" and claim.history[0].surfaces == "O"
    listed["lines"][0]["surfaces"] = [1, 2]  # not letters: kept as written, for a finding
    (claim,), _ = read(listed)
    assert claim.lines[0].surfaces == "[1, 2]"


def test_history_without_numbering_takes_the_numbering_of_the_claims_lines():
    iso = {
        "id": "J1",
        "lines": [{"date": "2026-03-02", "code": "D2740", "tooth_system": "JO", "tooth": "46"}],
        "history": [
            {"date": "2024-01-05", "code": "D2740", "tooth": "46"},
            {"date": "2024-01-05", "code": "D2740", "tooth": "3", "tooth_system": "JP"},
        ],
    }
    (claim,), _ = read(iso)
    assert [h.tooth_system for h in claim.history] == ["JO", "JP"]
    iso["lines"].append({"date": "2026-03-02", "code": "D7140", "tooth": "1"})  # JP as well
    (claim,), _ = read(iso)
    assert claim.history[0].tooth_system == "JP"


def test_a_claims_tooth_system_numbers_its_lines_and_history_that_name_none():
    iso = {
        "id": "J2",
        "tooth_system": "iso",
        "lines": [
            {"date": "2026-03-02", "code": "D2392", "tooth": "46", "surfaces": "MO"},
            {
                "date": "2026-03-02",
                "code": "D2391",
                "tooth": "3",
                "tooth_system": "JP",
                "surfaces": "O",
            },
        ],
        "history": [{"date": "2024-01-05", "code": "D2740", "tooth": "36"}],
    }
    (claim,), _ = read(iso)
    assert [line.tooth_system for line in claim.lines] == ["JO", "JP"]
    assert claim.history[0].tooth_system == "JO" and claim.problems == []
    assert check(claim, load_catalog()) == []
    (claim,), _ = read({**iso, "tooth_system": "XX"})  # said, and read as Universal
    assert claim.problems[0].message == (
        "The claim's tooth system: 'XX' is unknown: use JP (Universal numbering) or JO (ISO 3950)."
    )


def test_a_numeric_id_is_named_as_a_number_in_findings_and_written_back():
    from cdthub.core.claims.check import check
    from cdthub.core.dataset import load_catalog

    numbered = {**CLAIM, "id": 7}
    numbered["lines"] = [{"date": "2026-03-02", "code": "D2393", "tooth": "30", "surfaces": "MO"}]
    (claim,), _ = read(numbered)
    assert claim.id == "7" and claim.to_dict()["id"] == 7
    assert {f.to_dict()["claim"] for f in check(claim, load_catalog())} == {7}


@pytest.mark.parametrize("shape", ["object", "list"])
def test_a_claim_id_used_twice_in_a_file_is_a_warning(shape):
    twice = [{**CLAIM, "id": "DUP"}, {**CLAIM, "id": "OTHER"}, {**CLAIM, "id": "DUP"}]
    claims, _ = read({"claims": twice} if shape == "object" else twice)
    assert [len(c.problems) for c in claims] == [0, 0, 1]
    (said,) = claims[2].problems
    assert said.severity == "warning" and "id 'DUP' of claim 1" in said.message


def test_a_date_written_month_first_is_read_with_a_warning():
    us = json.loads(json.dumps(CLAIM))
    us["lines"][0]["date"] = "03/02/2026"
    (claim,), _ = read(us)
    assert claim.lines[0].date == dt.date(2026, 3, 2)
    (warning,) = claim.problems
    assert (warning.line, warning.rule, warning.severity) == (1, "date.invalid", "warning")
    assert "YYYY-MM-DD" in warning.message


def test_a_history_tooth_only_universal_reads_stays_universal_and_a_bad_one_is_said():
    iso = {
        "id": "J2",
        "lines": [{"date": "2026-03-02", "code": "D2740", "tooth_system": "JO", "tooth": "16"}],
        "history": [
            {"date": "2024-01-05", "code": "D2740", "tooth": "3"},  # no ISO tooth 3
            {"date": "2024-01-05", "code": "D2740", "tooth": "99"},
        ],
    }
    (claim,), _ = read(iso)
    assert [h.tooth_system for h in claim.history] == ["JP", "JO"]
    (said,) = claim.problems
    assert said.severity == "warning" and said.message.startswith("History item 2: '99'")


@pytest.mark.parametrize("shape", ["object", "list"])
def test_a_tooth_written_as_a_whole_number_or_a_list_is_read(shape):
    spread = json.loads(json.dumps(CLAIM))
    spread["lines"][0]["tooth"] = 30.0  # as a spreadsheet exports 30
    spread["lines"][1]["tooth"] = ["2", 3, "4"]  # a quadrant's teeth
    (claim,), _ = read({"claims": [spread]} if shape == "list" else spread)
    assert claim.lines[0].tooth == "30" and claim.lines[1].tooth == "2,3,4"


@pytest.mark.parametrize("shape", ["object", "list"])
def test_many_claims_stream_and_get_ids_by_position(shape):
    without_id = {k: v for k, v in CLAIM.items() if k != "id"}
    many = [CLAIM, without_id, CLAIM]
    claims, _ = read({"claims": many} if shape == "object" else many)
    assert [c.id for c in claims] == ["A1", "2", "A1"]


def test_claims_after_other_keys_are_still_read():
    claims, _ = read({"source": "pms export", "claims": [CLAIM]})
    assert [c.id for c in claims] == ["A1"]


def test_bad_values_name_the_line_and_keep_the_rest():
    bad = json.loads(json.dumps(CLAIM))
    bad["lines"][0].update(date="2026-02-30", fee="lots", quantity=0, tooth_system="XX")
    bad["lines"][1]["tooht"] = "3"
    bad["lines"].append({"date": "2026-03-02"})
    bad["patient"]["birth_date"] = "yesterday"
    (claim,), _ = read(bad)
    found = [(p.line, p.rule, p.severity, p.message) for p in claim.problems]
    said = "\n".join(p[3] for p in found)
    assert (1, "date.invalid", "error") in [p[:3] for p in found]
    assert "Line 1: date of service: '2026-02-30' is not a day of the calendar" in said
    assert "Line 1: fee: 'lots' is not an amount" in said
    assert "Line 1: quantity: '0' is out of range" in said
    assert "Line 1: tooth system: 'XX' is unknown" in said
    assert (2, "input.invalid", "warning") in [p[:3] for p in found] and "'tooht'" in said
    assert "Line 3: procedure code: no procedure code" in said
    assert (None, "date.invalid", "error") in [p[:3] for p in found]
    assert claim.lines[0].raw_date == "2026-02-30" and claim.lines[0].date is None
    assert [line.number for line in claim.lines] == [1, 2]


@pytest.mark.parametrize(
    "body, why",
    [
        ('{"lines": [', "not valid JSON"),
        ("[]", "no claims"),
        ('"a claim"', "must be a claim object"),
        ('{"claims": 3}', '"claims" must be a list'),
    ],
)
def test_what_is_not_claims_cannot_be_read(body, why):
    with pytest.raises(UnreadableFile, match=why):
        read(body, raw=True)


def test_a_fault_after_some_claims_keeps_them_and_says_where():
    body = json.dumps({"claims": [CLAIM, CLAIM]})[:-2] + ', {"id": ]}'
    claims, findings = read(body, raw=True)
    assert len(claims) == 2
    assert findings[0].message.startswith("The JSON stops being valid after claim 2")


def test_a_member_that_is_not_an_object_is_a_finding():
    claims, _ = read({"claims": [CLAIM, 7]})
    assert (
        claims[1].problems[0].message == "Claim 2 is '7', not a claim object with lines; skipped."
    )


def test_a_bom_is_fine():
    claims, _ = read(b"\xef\xbb\xbf" + json.dumps(CLAIM).encode(), raw=True)
    assert claims[0].id == "A1"


def test_the_reason_for_bad_json_quotes_no_text_from_the_file():
    with pytest.raises(UnreadableFile) as caught:
        read(b'{"claims": [{"id": "\xff\xfe", "narrative": "secret"}]}', raw=True)
    assert "invalid bytes in UTF8 string" in str(caught.value)
    assert "secret" not in str(caught.value)


def test_a_total_that_is_not_the_sum_of_the_fees_is_said_as_in_837d():
    (claim,), _ = read({"id": "t", "total": 500, "lines": [{"code": "D0120", "fee": 55}]})
    assert [p.rule for p in claim.problems] == ["input.invalid"]
    assert "not the sum of its line fees 55" in claim.problems[0].message


def test_a_birth_date_written_month_first_is_said_without_repeating_it():
    (claim,), _ = read({"id": "b", "patient": {"birth_date": "11/02/1984"},
                        "lines": [{"code": "D0120", "date": "2026-03-02"}]})  # fmt: skip
    assert claim.birth_date == dt.date(1984, 11, 2)
    said = [p for p in claim.problems if p.rule == "date.invalid"]
    assert said[0].severity == "warning" and "1984" not in said[0].message


def test_values_are_named_as_json_spells_them():
    (claim,), _ = read({"id": "v", "lines": [{"code": "D0120", "fee": True}]})
    assert "'true' is not an amount" in claim.problems[0].message


def test_what_the_reader_ignores_or_cannot_place_is_said():
    record = {"patient": {"birth_date": "1980-01-01", "name": "A. Patient"},
              "lines": [{"date": "2026-03-02", "code": "D4341", "area": True}]}  # fmt: skip
    claim = claim_from_record(record, 1)
    said = [p.message for p in claim.problems]
    assert any("'name' is not a field of the patient and was ignored" in m for m in said), said
    found = check(claim, load_catalog())
    assert any(f.rule == "area.invalid" and "true" in f.message for f in found), found
