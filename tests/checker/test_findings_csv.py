"""The findings CSV the /check/ page offers: each finding with the service it is about (date,
code, teeth, surfaces), readable by Excel, never holding a formula."""

import base64
import csv
import io
import json

import pytest

pytestmark = pytest.mark.usefixtures("loaded_db")

OLD_COLUMNS = ["claim", "line", "rule", "severity", "message"]
SERVICE = ["date", "code", "tooth", "surfaces"]


def downloaded(page: str) -> str:
    href = page.split('download="findings.csv" href="data:text/csv;charset=utf-8;base64,')[1]
    return base64.b64decode(href.split('"')[0]).decode("utf-8")


def rows(client, claims) -> list[dict[str, str]]:
    page = client.post("/check/", {"mode": "paste", "text": json.dumps(claims)}).content.decode()
    text = downloaded(page)
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_old_columns_come_first_then_the_service(client):
    line = {"date": "2026-03-02", "code": "D2393", "tooth": "30", "surfaces": "MO"}
    claim = {"id": "A-1", "patient": {"birth_date": "1984-02-11"}, "lines": [line]}
    page = client.post("/check/", {"mode": "paste", "text": json.dumps(claim)}).content.decode()
    header = next(csv.reader(io.StringIO(downloaded(page)[1:])))
    assert header == OLD_COLUMNS + SERVICE


def test_a_line_finding_names_its_date_code_teeth_and_surfaces(client):
    claim = {
        "id": "A-2",
        "patient": {"birth_date": "1984-02-11"},
        "total": 100,  # not the sum of the fees: a finding about the whole claim
        "lines": [
            {"date": "2026-03-02", "code": "D2393", "tooth": "30", "surfaces": "MO", "fee": 50},
            {"date": "2026-03-03", "code": "D3330", "tooth": "8", "fee": 20},
        ],
    }
    found = rows(client, claim)
    by_line = {row["line"]: row for row in found}
    assert {k: by_line["1"][k] for k in ["rule", *SERVICE]} == {
        "rule": "surface.count", "date": "2026-03-02", "code": "D2393", "tooth": "30",
        "surfaces": "MO",
    }  # fmt: skip
    assert {k: by_line["2"][k] for k in SERVICE} == {
        "date": "2026-03-03",
        "code": "D3330",
        "tooth": "8",
        "surfaces": "",
    }
    general = [row for row in found if row["line"] == ""]
    assert [row["rule"] for row in general] == ["input.invalid"]
    assert all(row[k] == "" for row in general for k in SERVICE)


def test_every_tooth_of_a_line_is_in_the_tooth_column_as_the_page_shows_it(client):
    claim = {
        "id": "T-1",
        "patient": {"birth_date": "1984-02-11"},
        "lines": [
            {"date": "2026-03-02", "code": "D2392", "tooth": "8", "surfaces": "MO",
             "extra_teeth": [{"tooth": "9"}, {"tooth": "13", "surfaces": "F"}]},
            {"date": "2026-03-02", "code": "D3330", "tooth_system": "JO", "tooth": "11"},
        ],
    }  # fmt: skip
    found = rows(client, claim)
    teeth = {row["line"]: row["tooth"] for row in found if row["line"]}
    assert teeth["1"] == "8, 9, 13 F"
    assert teeth["2"] == "11 ISO"  # the ISO number as written, said to be ISO (as on the page)


def test_an_unreadable_date_is_given_as_written(client):
    claim = {"id": "D-1", "patient": {"birth_date": "1984-02-11"},
             "lines": [{"date": "2026-02-30", "code": "D0120"}]}  # fmt: skip
    found = rows(client, claim)
    assert {row["date"] for row in found if row["line"] == "1"} == {"2026-02-30"}


def test_the_service_columns_never_hold_a_formula(client):
    claim = {
        "id": "=1+1",
        "patient": {"birth_date": "1984-02-11"},
        "lines": [{"date": "@SUM(A1)", "code": "=HYPERLINK(1)", "tooth": "-3", "surfaces": "+M"}],
    }
    found = [row for row in rows(client, claim) if row["line"] == "1"]
    assert found
    for row in found:
        assert row["claim"] == "'=1+1"
        assert (row["date"], row["code"], row["tooth"], row["surfaces"]) == (
            "'@SUM(A1)", "'=HYPERLINK(1)", "'-3", "'+M"
        )  # fmt: skip


def test_claims_past_those_shown_still_name_their_services(client, monkeypatch):
    from cdthub.checker import services

    monkeypatch.setattr(services, "MAX_SHOWN", 1)
    claims = {
        "claims": [
            {"id": f"C{n}", "patient": {"birth_date": "1984-02-11"},
             "lines": [{"date": "2026-03-02", "code": "D2393", "tooth": str(n), "surfaces": "MO"}]}
            for n in (3, 14)
        ]
    }  # fmt: skip
    found = rows(client, claims)
    assert [(row["claim"], row["code"], row["tooth"]) for row in found] == [
        ("C3", "D2393", "3"),
        ("C14", "D2393", "14"),
    ]


def test_findings_about_the_file_have_no_service():
    from cdthub.checker.services import findings_csv
    from cdthub.core.claims.model import Finding, Line

    line = Line(number=1, code="D0120", tooth="30")
    text = findings_csv(
        [(Finding(None, None, "input.invalid", "error", "x"), None),
         (Finding("A", 1, "code.unknown", "error", "y"), line)]
    )  # fmt: skip
    assert text.splitlines()[1:] == [
        ",,input.invalid,error,x,,,,",
        "A,1,code.unknown,error,y,,D0120,30,",
    ]
