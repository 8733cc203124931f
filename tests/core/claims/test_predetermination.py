"""Predeterminations (a request for a pre-treatment estimate, 837D CLM19 "PB"): read from 837D
and JSON, written back, and checked as treatment to come: no date yet, or a planned one, is not
a fault; undated lines are judged as of the day of the check."""

from __future__ import annotations

import datetime as dt
import io
import json

from cdthub.core.claims.check import Checker
from cdthub.core.claims.formats import read_file, write_claims
from cdthub.core.dataset import load_catalog

from .x12.helpers import CLEAN, read_text

TODAY = dt.date(2026, 12, 3)
# ADULT-2 of the fixture as a predetermination, its date of service taken out
ESTIMATE = CLEAN.replace(
    "CLM*ADULT-2*120***11:B:1*Y*A*Y*I~", "CLM*ADULT-2*120***11:B:1*Y*A*Y*I**********PB~"
).replace("TOO*JP*30*M:O~\nDTP*472*D8*20260310~\nSE*21*", "TOO*JP*30*M:O~\nSE*20*")


def _check(claim):
    return Checker(load_catalog(), today=TODAY).check(claim)


def _json(record):
    return next(iter(read_file(io.BytesIO(json.dumps(record).encode()), "json").claims))


def test_an_undated_predetermination_in_837d_is_no_date_fault():
    claims, findings = read_text(ESTIMATE)
    estimate = claims[-1]
    assert estimate.predetermination and not claims[0].predetermination
    assert estimate.lines[0].date is None and estimate.problems == [] and findings == []
    assert _check(estimate) == []
    # the same claim sent for payment still needs its date
    claims, _ = read_text(ESTIMATE.replace("*Y*I**********PB~", "*Y*I~"))
    assert [f.rule for f in _check(claims[-1])] == ["date.invalid"]


def test_undated_lines_are_judged_as_of_today_and_planned_dates_are_no_fault():
    record = {
        "id": "P1",
        "patient": {"birth_date": "1980-01-01"},
        "predetermination": True,
        "lines": [
            {"code": "D2740", "tooth": "30"},
            {"date": "2027-02-01", "code": "D2740", "tooth": "19"},
        ],
        "history": [{"code": "D2740", "tooth": "30", "date": "2024-05-01"}],
    }
    found = _check(_json(record))
    # the crown on 30 is inside five years of the last one today; the planned date is fine
    assert [(f.line, f.rule) for f in found] == [(1, "frequency.exceeded")]
    assert "2026-12-03" in found[0].message


def test_the_flag_is_written_to_837d_and_json_and_read_back():
    (estimate,) = read_text(ESTIMATE)[0][-1:]
    out = io.StringIO()
    write_claims([estimate], "x12", out)
    assert "CLM*ADULT-2*120***11:B:1*Y*A*Y*I**********PB~" in out.getvalue()
    assert read_text(out.getvalue())[0][0].predetermination
    assert estimate.to_dict()["predetermination"] is True
    assert "predetermination" not in read_text(CLEAN)[0][0].to_dict()


def test_a_flag_that_is_not_true_or_false_is_said():
    claim = _json({"id": "P2", "predetermination": "yes", "lines": [{"code": "D0120"}]})
    assert not claim.predetermination
    assert "Predetermination is 'yes': write true" in claim.problems[0].message


def test_csv_which_has_no_column_for_it_says_so():
    (estimate,) = read_text(ESTIMATE)[0][-1:]
    notes = write_claims([estimate], "csv", io.StringIO())
    assert notes == [
        "CSV has no column for a predetermination: 1 claim (ADULT-2) read as claims for payment "
        "from it"
    ]
