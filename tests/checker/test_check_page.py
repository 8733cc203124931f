"""The /check/ page: paste, upload or type lines; findings per line, a tooth chart, a CSV of
the findings; clear messages for what cannot be read."""

import base64
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

pytestmark = pytest.mark.usefixtures("loaded_db")

BAD = {
    "id": "A-100",
    "patient": {"birth_date": "1984-02-11"},
    "lines": [
        {"date": "2026-03-02", "code": "D0120"},
        {"date": "2026-03-02", "code": "D2393", "tooth": "30", "surfaces": "MO"},
        {"date": "2026-03-02", "code": "D3330", "tooth": "8"},
    ],
}


def test_empty_page_offers_three_ways_in(client):
    page = client.get("/check/").content.decode()
    for mode in ("paste", "upload", "lines"):
        assert f'value="{mode}"' in page
    assert 'name="text"' in page and 'type="file"' in page and 'name="code"' in page


def test_pasted_claim_shows_findings_per_line_chart_and_csv(client):
    r = client.post("/check/", {"mode": "paste", "text": json.dumps(BAD)})
    page = r.content.decode()
    assert r.status_code == 200
    assert "1 claim: 2 errors, 0 warnings" in page
    assert "Line 2: D2393 is for three surfaces but MO is two: use D2392" in page
    assert "use D3310" in page
    assert '<svg class="tooth-chart"' in page
    assert 'data-tooth="30"' in page and 'class="tooth error" data-tooth="30"' in page
    assert 'class="tooth error" data-tooth="8"' in page
    href = page.split('download="findings.csv" href="data:text/csv;charset=utf-8;base64,')[1]
    csv_text = base64.b64decode(href.split('"')[0]).decode()
    assert csv_text.splitlines()[0].startswith("\ufeffclaim,line,rule,severity,message,")
    assert "A-100,2,surface.count,error," in csv_text


def test_a_typed_line_may_carry_its_narrative(client):
    rows = {"code": ["D2999", "D2999"], "date": ["2026-03-02"] * 2, "narrative": ["", "why"]}
    page = client.post("/check/", {"mode": "lines", **rows}).content.decode()
    assert "Line 1: D2999 is a by-report code" in page
    assert "Line 2: D2999 is a by-report code" not in page


def test_the_findings_csv_never_holds_a_formula():
    from cdthub.checker.services import findings_csv
    from cdthub.core.claims.model import Finding

    text = findings_csv([(Finding("=HYPERLINK(1)", 1, "code.unknown", "error", "x"), None)])
    assert "'=HYPERLINK(1)" in text


def test_typed_lines_in_iso_numbering(client):
    r = client.post(
        "/check/",
        {
            "mode": "lines",
            "birth_date": "1990-05-01",
            "tooth_system": "JO",
            "date": ["2026-03-02", "2026-03-02", ""],
            "code": ["D2392", "D4341", ""],
            "tooth": ["46", "", ""],
            "surfaces": ["MO", "", ""],
            "area": ["", "10", ""],
        },
    )
    page = r.content.decode()
    assert "1 claim: 0 errors" in page
    assert 'class="tooth treated" data-tooth="30"' in page  # ISO 46 is Universal 30
    assert "<title>tooth 46 (Universal 30): on the claim, nothing found</title>" in page
    assert ">46</text>" in page and "ISO 3950 numbering (Universal layout)" in page


def test_uploaded_837d(client):
    import io

    from cdthub.core.claims.formats import read_file, write_claims

    out = io.StringIO()
    write_claims(read_file(io.BytesIO(json.dumps(BAD).encode())).claims, "x12", out)
    upload = SimpleUploadedFile("day.x12", out.getvalue().encode())
    page = client.post("/check/", {"mode": "upload", "file": upload}).content.decode()
    assert "D2393 is for three surfaces" in page
    assert "Checked: <code>day.x12</code>" in page
    assert 'download="findings-dayx12.csv"' in page


def test_supernumerary_teeth_are_named_under_the_chart(client):
    claim = {"id": "S1", "patient": {"birth_date": "1984-02-11"},
             "lines": [{"date": "2026-03-02", "code": "D7140", "tooth": "51"},
                       {"date": "2026-03-02", "code": "D3330", "tooth": "60"}]}  # fmt: skip
    page = client.post("/check/", {"mode": "paste", "text": json.dumps(claim)}).content.decode()
    assert "Not drawn (supernumerary): tooth 51, 60 (error found)" in page


def test_an_837d_lines_every_tooth_is_shown(client):
    from pathlib import Path

    fixture = Path(__file__).parents[1] / "core" / "claims" / "fixtures" / "clean.x12"
    page = client.post("/check/", {"mode": "paste", "text": fixture.read_text()}).content
    assert '<td data-label="Tooth">8, 9, 13 F</td>' in page.decode()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"mode": "paste", "text": "  "}, "paste claims first"),
        ({"mode": "paste", "text": "hello there this is not a claim"}, "the text is not JSON"),
        ({"mode": "upload"}, "choose a file"),
    ],
)
def test_what_cannot_be_read_says_why(client, data, says):
    r = client.post("/check/", data)
    assert r.status_code == 400 and says in r.content.decode()


def test_pasted_text_is_escaped(client):
    claim = {"id": "<b>x</b>", "lines": [{"date": "2026-03-02", "code": "<script>"}]}
    page = client.post("/check/", {"mode": "paste", "text": json.dumps(claim)}).content.decode()
    assert "<script>" not in page.split("</header>")[1].replace("<script src=", "")


@pytest.mark.parametrize(
    ("rows", "says"),
    [
        ({"code": ["D0120", "", ""], "tooth": ["", "30", ""]}, "line 2: no code: add it"),
        ({"code": ["", ""], "tooth": ["", ""], "date": ""}, "type at least one line with a code"),
    ],
)
def test_typed_lines_without_a_code_are_not_dropped_unseen(client, rows, says):
    r = client.post("/check/", {"mode": "lines", "date": ["2026-03-02"], **rows})
    page = r.content.decode()
    assert r.status_code == 400 and says in page
    assert page.index('role="alert"') < page.index('class="checker-form"')  # seen first


def test_a_quadrants_teeth_fit_in_the_tooth_box(client):
    page = client.get("/check/").content.decode()
    assert 'name="tooth" value="" placeholder="30" maxlength="40"' in page
    r = client.post(
        "/check/",
        {"mode": "lines", "birth_date": "1980-01-01", "date": "2026-03-02", "code": "D4341",
         "tooth": "18,19,20,21", "area": "30"},
    )  # fmt: skip
    assert "1 claim: 0 errors, 0 warnings" in r.content.decode()


def test_a_claim_of_thousands_of_lines_shows_the_first_and_counts_the_rest(client):
    many = {
        "id": "BIG",
        "patient": {"birth_date": "1980-01-01"},
        "lines": [{"date": "2026-03-02", "code": "D2393", "tooth": "30", "surfaces": "MO"}] * 2000,
    }
    page = client.post("/check/", {"mode": "paste", "text": json.dumps(many)}).content.decode()
    assert '<h2 id="results">1 claim: ' in page
    assert page.split('id="results"')[1].count('<td data-label="Line">') == 300
    assert "1700 more lines of this claim checked and counted above" in page


def test_several_claims_get_a_verdict_and_a_list_linking_each_claim(client):
    clean = {"id": "OK-1", "patient": {"birth_date": "1980-01-01"},
             "lines": [{"date": "2026-03-02", "code": "D4341", "area": "UR"}]}  # fmt: skip
    text = json.dumps({"claims": [BAD, clean]})
    page = client.post("/check/", {"mode": "paste", "text": text}).content.decode()
    results = page.split('id="results"')[1]
    assert "1 of the 2 claims shown has no error; fix the errors before sending" in results
    glance = results.split("Claims at a glance")[1].split("</table>")[0]
    assert '<a href="#claim-1">A-100</a>' in glance and '<a href="#claim-2">OK-1</a>' in glance
    assert "fix first" in glance and "no findings" in glance
    assert '10 <small class="muted">upper right quadrant</small>' in results  # area UR


def test_a_clean_claim_says_so_plainly(client):
    clean = {"id": "OK-1", "patient": {"birth_date": "1980-01-01"},
             "lines": [{"date": "2026-03-02", "code": "D0120"}]}  # fmt: skip
    page = client.post("/check/", {"mode": "paste", "text": json.dumps(clean)}).content.decode()
    assert "No findings: nothing the checks look for would get this claim denied." in page
    assert "Claims at a glance" not in page  # one claim: nothing to list


def test_claims_past_what_the_page_shows_are_said_above_the_first_claim(client, settings):
    from cdthub.checker import services

    claims = [{**BAD, "id": f"C{i}"} for i in range(services.MAX_SHOWN + 3)]
    page = client.post("/check/", {"mode": "paste", "text": json.dumps(claims)}).content.decode()
    before_claims = page.split('<article class="checked-claim"')[0]
    assert f"The first {services.MAX_SHOWN} claims are shown below; the other 3 were checked" in (
        before_claims
    )
