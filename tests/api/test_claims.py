"""POST /api/v1/claims/check: a JSON claim, {"claims": [...]}, an 837D body or CSV; the
DESIGN.md shape; clear JSON errors for what cannot be read."""

import io
import json

import pytest

from cdthub.core.claims.formats import read_file, write_claims

pytestmark = pytest.mark.usefixtures("loaded_db")

URL = "/api/v1/claims/check"
CLEAN = {
    "id": "OK1",
    "patient": {"birth_date": "1980-01-01"},
    "lines": [
        {"date": "2026-03-02", "code": "D0120"},
        {"date": "2026-03-02", "code": "D1110"},
        {"date": "2026-03-02", "code": "D2392", "tooth": "30", "surfaces": "MO"},
    ],
}
BAD = {
    "id": "BAD1",
    "patient": {"birth_date": "1980-01-01"},
    "lines": [
        {"date": "2026-03-02", "code": "D0120"},
        {"date": "2026-03-02", "code": "D3330", "tooth": "8"},
    ],
    "history": [{"date": "2025-12-01", "code": "D0120"}],
}


def post(client, body, content_type="application/json", **query):
    data = json.dumps(body) if isinstance(body, dict) else body
    suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    return client.post(URL + suffix, data=data, content_type=content_type)


def test_one_claim_in_the_design_shape(client):
    r = post(client, BAD)
    assert r.status_code == 200
    data = r.json()
    assert data["summary"] == {"claims": 1, "errors": 2, "warnings": 0}
    assert {(f["claim"], f["line"], f["rule"]) for f in data["findings"]} == {
        ("BAD1", 1, "frequency.exceeded"),
        ("BAD1", 2, "tooth.wrong_type"),
    }
    for f in data["findings"]:
        assert set(f) == {"claim", "line", "rule", "severity", "message"}
        assert f["message"].startswith(f"Line {f['line']}: ")


def test_several_claims(client):
    data = post(client, {"claims": [CLEAN, BAD]}).json()
    assert data["summary"]["claims"] == 2
    assert not [f for f in data["findings"] if f["claim"] == "OK1"]


def test_a_claim_id_given_as_a_number_comes_back_as_one(client):
    numbered = {**BAD, "id": 7}
    data = post(client, {"claims": [numbered, {**CLEAN, "id": "8"}]}).json()
    assert {f["claim"] for f in data["findings"]} == {7}


def test_an_837d_body(client):
    claims = list(read_file(io.BytesIO(json.dumps({"claims": [CLEAN, BAD]}).encode())).claims)
    out = io.StringIO()
    write_claims(claims, "x12", out)
    r = post(client, out.getvalue(), content_type="application/edi-x12")
    assert r.status_code == 200
    data = r.json()
    assert data["summary"]["claims"] == 2
    assert ("BAD1", 2, "tooth.wrong_type") in {
        (f["claim"], f["line"], f["rule"]) for f in data["findings"]
    }


def test_a_csv_body_gets_findings(client):
    text = "claim_id,birth_date,kind,date,code,tooth\n"  # BAD as CSV rows
    text += "BAD1,1980-01-01,,2026-03-02,D0120,\nBAD1,1980-01-01,,2026-03-02,D3330,8\n"
    text += "BAD1,1980-01-01,history,2025-12-01,D0120,\n"
    r = post(client, text, content_type="text/csv")
    assert r.status_code == 200
    assert {(f["claim"], f["line"], f["rule"]) for f in r.json()["findings"]} == {
        ("BAD1", 1, "frequency.exceeded"),
        ("BAD1", 2, "tooth.wrong_type"),
    }
    one_column = post(client, "code\nD3330\n", content_type="text/csv").json()  # no separator
    assert "tooth.required" in {f["rule"] for f in one_column["findings"]}


def test_a_body_over_2_mb_gets_413_too_large(client):
    csv = "code\nD0120\n"
    at_limit = csv + "\n" * (2 * 1024 * 1024 - len(csv))  # blank rows are skipped
    assert post(client, at_limit, content_type="text/csv").status_code == 200
    r = post(client, at_limit + "\n", content_type="text/csv")
    assert r.status_code == 413
    error = r.json()["error"]
    assert error["code"] == "too_large" and "at most 2 MB" in error["message"]


def test_a_payer_pack_can_be_chosen(client):
    data = post(client, BAD, pack="example-payer").json()
    assert "frequency.exceeded" not in {f["rule"] for f in data["findings"]}
    r = post(client, BAD, pack="nope")
    assert r.status_code == 400 and r.json()["error"]["code"] == "unknown_pack"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [("", "application/json"), ("{not json", "application/json"), ("%PDF-1.4", "text/plain"),
     ("ISA*00*", "application/json")],
)  # fmt: skip
def test_unreadable_bodies_get_a_json_error(client, body, content_type):
    r = post(client, body, content_type=content_type)
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["code"] == "unreadable" and error["message"]


def test_broken_claim_fields_become_findings_not_errors(client):
    claim = {"id": "X", "lines": [{"date": "2026-02-30", "code": "D0120", "quantity": "lots"}]}
    r = post(client, claim)
    assert r.status_code == 200
    rules = {f["rule"] for f in r.json()["findings"]}
    assert "date.invalid" in rules and "input.invalid" in rules


def test_the_route_is_in_the_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "application/edi-x12" in json.dumps(spec["paths"]["/api/v1/claims/check"])


def test_no_csrf_token_needed_for_scripts():
    from django.test import Client

    r = Client(enforce_csrf_checks=True).post(
        URL, data=json.dumps(BAD), content_type="application/json"
    )
    assert r.status_code == 200


def test_django_answers_under_the_api_in_the_api_error_shape(client):
    r = client.get(URL)
    assert (r.status_code, r.json()["error"]["code"]) == (405, "method_not_allowed")
    assert "POST" in r["Allow"]
    r = client.get("/api/v1/no-such-thing")
    assert (r.status_code, r.json()["error"]["code"]) == (404, "not_found")
    r = client.post(URL, data=b"{}", content_type="application/json",
                    HTTP_TRANSFER_ENCODING="chunked", CONTENT_LENGTH="")  # fmt: skip
    assert (r.status_code, r.json()["error"]["code"]) == (411, "length_required")
    assert client.get("/no-such-page").status_code == 404  # the site's own pages stay HTML


def test_other_claim_ids_come_back_as_json_writes_them(client):
    claims = [{"id": i, "lines": [{"date": "2026-03-02", "code": "D9999"}]} for i in (7.5, True)]
    r = post(client, {"claims": claims})
    assert {f["claim"] for f in r.json()["findings"]} == {"7.5", "true"}


def test_checks_are_rate_limited_per_address(client, settings):
    settings.CDTHUB_RATE_LIMITS = {**settings.CDTHUB_RATE_LIMITS, "check": (2, 60)}
    assert [post(client, CLEAN).status_code for _ in range(3)] == [200, 200, 429]
    assert post(client, CLEAN).json()["error"]["code"] == "too_many_requests"
    page = client.post("/check/", {"mode": "paste", "text": json.dumps(CLEAN)})
    assert page.status_code == 429  # the page and the API share the count
