"""The OpenAPI document describes the claim JSON POST claims/check reads, as the reader reads it:
every field the reader takes is there, every value it takes without an error is allowed, and
the schema only documents – a body it refuses still gets findings, never a 422."""

import io
import json
import re

import jsonschema_rs
import pytest
from django.test import Client

from cdthub.core.claims import records
from cdthub.core.claims.check import Checker
from cdthub.core.claims.formats import read_file

URL = "/api/v1/claims/check"
LINE = {"date": "2026-03-02", "code": "D2392", "tooth": "30", "surfaces": "MO", "fee": 180}
CLAIM = {
    "id": "V1",
    "patient": {"birth_date": "1980-01-01"},
    "lines": [LINE],
    "history": [{"date": "2025-12-01", "code": "D0120"}],
}
QUADRANT = {"date": "2026-03-02", "code": "D4341", "area": "10", "tooth": "2,3,4,5"}
SEALANTS = {"date": "2026-03-02", "code": "D1351", "tooth": "3", "surfaces": "O"}
SEALANTS["extra_teeth"] = [{"tooth": "14", "surfaces": ["O"]}, {"tooth": 19}]
BAD = {**CLAIM, "lines": [{**LINE, "code": "D2393"}]}  # three surfaces billed, two given


@pytest.fixture(scope="module")
def document() -> dict:
    """The OpenAPI document, as a client generator fetches it (no database needed)."""
    return Client().get("/api/v1/openapi.json").json()


@pytest.fixture(scope="module")
def body_schema(document):
    body = document["paths"][URL]["post"]["requestBody"]["content"]["application/json"]
    # its $refs point into the document's components
    return jsonschema_rs.validator_for({**body["schema"], "components": document["components"]})


def properties(document: dict, name: str) -> set[str]:
    return set(document["components"]["schemas"][name]["properties"])


def fields_read_from_patient() -> set[str]:
    """What claim_from_record reads from "patient"."""
    return set(records.PATIENT_FIELDS)


def test_every_field_the_reader_takes_is_documented(document):
    assert properties(document, "Claim") == set(records.CLAIM_FIELDS)
    assert properties(document, "ServiceLine") == set(records.LINE_FIELDS)
    assert properties(document, "HistoryItem") == set(records.HISTORY_FIELDS)
    assert properties(document, "Patient") == fields_read_from_patient()
    body = document["paths"][URL]["post"]["requestBody"]["content"]
    refs = json.dumps(body["application/json"]["schema"])
    assert {"#/components/schemas/Claim", "#/components/schemas/ClaimBatch"} <= set(
        re.findall(r'"(#/components/schemas/\w+)"', refs)
    )
    assert properties(document, "ClaimBatch") == {"claims"}
    assert body["application/edi-x12"]["schema"]["type"] == "string"


def claim_with(**changes) -> dict:
    return {**CLAIM, **changes}


def line_with(**changes) -> dict:
    return claim_with(lines=[{**LINE, **changes}])


def history_with(**changes) -> dict:
    return claim_with(history=[{"date": "2025-12-01", "code": "D0120", **changes}])


TAKEN = {
    "id as a number": claim_with(id=7),
    "id as a decimal": claim_with(id=7.5),
    "id true": claim_with(id=True),
    "id null": claim_with(id=None),
    "id as an object": claim_with(id={"office": 2}),
    "no patient": claim_with(patient=None),
    "birth date null": claim_with(patient={"birth_date": None}),
    "birth date as a number": claim_with(patient={"birth_date": 19800101}),
    "birth date month first": claim_with(patient={"birth_date": "01/31/1980"}),
    "patient with more": claim_with(patient={"birth_date": "1980-01-01", "name": "A"}),
    "payer named": claim_with(payer="example-payer"),
    "payer as a number": claim_with(payer=12345),
    "payer null": claim_with(payer=None),
    "total as a number": claim_with(total=180),
    "total as text": claim_with(total="$180.00"),
    "total empty": claim_with(total=""),
    "total null": claim_with(total=None),
    "narrative": claim_with(narrative="see the x-ray"),
    "narrative as a number": claim_with(narrative=5),
    "narrative null": claim_with(narrative=None),
    "history null": claim_with(history=None),
    "history empty": claim_with(history=[]),
    "date as a number": line_with(date=20260302),
    "date YYYYMMDD": line_with(date="20260302"),
    "date month first": line_with(date="03/02/2026"),
    "code as a number": line_with(code=2392),
    "code lower case": line_with(code=" d2392 "),
    "tooth system null": line_with(tooth_system=None),
    "tooth system empty": line_with(tooth_system=""),
    "tooth system jp": line_with(tooth_system="jp"),
    "tooth system universal": line_with(tooth_system="Universal"),
    "tooth system JO": line_with(tooth_system="JO", tooth="46"),
    "tooth system iso": line_with(tooth_system="iso", tooth="46"),
    "tooth system fdi": line_with(tooth_system="FDI", tooth=46),
    "tooth as a number": line_with(tooth=30),
    "tooth as 30.0": line_with(tooth=30.0),
    "tooth with #": line_with(tooth="#30"),
    "teeth as text": claim_with(lines=[QUADRANT]),
    "teeth as a range": claim_with(lines=[{**QUADRANT, "tooth": "2-5"}]),
    "teeth as a list": claim_with(lines=[{**QUADRANT, "tooth": [2, "3", 4, "5"]}]),
    "area as a number": claim_with(lines=[{**QUADRANT, "area": 10}]),
    "area in words": claim_with(lines=[{**QUADRANT, "area": "upper right"}]),
    "area null": line_with(area=None),
    "surfaces as a list": line_with(surfaces=["M", "O"]),
    "surfaces lower case": line_with(surfaces="mo"),
    "quantity as text": line_with(quantity="1"),
    "quantity as 1.0": line_with(quantity=1.0),
    "quantity empty": line_with(quantity=""),
    "quantity null": line_with(quantity=None),
    "fee as text": line_with(fee="180.00"),
    "fee with dollars": line_with(fee="$1,180.00"),
    "fee with cents": line_with(fee=180.5),
    "fee null": line_with(fee=None),
    "fee empty": line_with(fee=""),
    "line narrative": line_with(narrative="distal decay"),
    "line narrative as a number": line_with(narrative=5),
    "line narrative null": line_with(narrative=None),
    "extra teeth null": line_with(extra_teeth=None),
    "extra teeth empty": line_with(extra_teeth=[]),
    "extra teeth": claim_with(lines=[SEALANTS]),
    "history date null": history_with(date=None),
    "history date as a number": history_with(date=20251201),
    "history code as a number": history_with(code=120),
    "history tooth": history_with(code="D2392", tooth=30, surfaces=["M", "O"]),
    "history tooth system": history_with(code="D2392", tooth_system="JO", tooth="46"),
    "history area": history_with(code="D4341", area=10),
    "a list of claims": [CLAIM, claim_with(id="V2")],
    "claims": {"claims": [CLAIM, claim_with(id="V2")]},
}


@pytest.mark.parametrize("body", TAKEN.values(), ids=TAKEN.keys())
def test_what_the_checker_takes_the_schema_allows(catalog, body_schema, body):
    claim_file = read_file(io.BytesIO(json.dumps(body).encode()))
    checker = Checker(catalog)
    found = [f for claim in claim_file.claims for f in checker.check(claim)]
    refused = [
        f.message
        for f in found + claim_file.findings
        if f.severity == "error" and f.rule in ("input.invalid", "date.invalid", "code.unknown")
    ]
    assert refused == []  # the checker took it
    assert [e.message for e in body_schema.iter_errors(body)] == []  # and so does the schema


@pytest.mark.parametrize(
    "body",
    [{"lines": "none"}, {"patient": "x", "lines": [{"code": "D0120", "quantity": "lots"}]},
     {"claims": [{"lines": []}]}, [{"lines": [{"date": "2026-02-30"}]}]],
)  # fmt: skip
@pytest.mark.usefixtures("loaded_db")
def test_a_body_the_schema_refuses_still_gets_findings(client, body_schema, body):
    assert not body_schema.is_valid(body)
    r = client.post(URL, data=json.dumps(body), content_type="application/json")
    assert r.status_code == 200
    assert {"input.invalid", "date.invalid"} & {f["rule"] for f in r.json()["findings"]}


X12_WITH_FAULTS = (
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260302*1200*^*00501*"
    "000000001*0*T*:~GS*HC*SENDER*RECEIVER*20260302*1200*1*X*005010X224A2~"
    "ST*837*0001*005010X224A2~BHT*0019*00*1*20260302*1200*CH~NM1*41*2*SUBMITTER*****46*S1~"
    "PER*IC*DESK*TE*5550100000~NM1*40*2*CLEARINGHOUSE*****46*R1~HL*1**20*1~"
    "NM1*85*2*SMILE DENTAL*****XX*1234567893~N3*10 MAIN ST~N4*SPRINGFIELD*IL*627010001~"
    "REF*EI*123456789~HL*2*1*22*0~SBR*P*18*******CI~NM1*IL*1*DOE*JANE****MI*M1~"
    "DMG*D8*19800101*F~NM1*PR*2*ACME*****PI*ACME1~CLM*C1*180***11:B:1*Y*A*Y*Y~"
    "LX*1~SV3*AD:D2393*180****1~TOO*JP*30*M:O~DTP*472*D8*20260302~"
    "SE*99*0001~GE*1*1~IEA*1*000000001~"
)


@pytest.mark.usefixtures("loaded_db")
def test_the_documented_report_is_what_the_endpoint_answers(client, document):
    """Each shape the report takes (a numbered claim, a line finding, a claim finding, a file
    finding with claim null) fits the response schema the document gives."""
    responses = document["paths"][URL]["post"]["responses"]
    schema = {**responses["200"]["content"]["application/json"]["schema"], **document}
    bodies = [
        ("application/json", json.dumps({"claims": [{**BAD, "id": 7}, {"lines": []}]})),
        ("application/edi-x12", X12_WITH_FAULTS),
    ]
    seen = set()
    for content_type, body in bodies:
        data = client.post(URL, data=body, content_type=content_type).json()
        errors = [e.message for e in jsonschema_rs.validator_for(schema).iter_errors(data)]
        assert errors == []
        shape = document["components"]["schemas"]
        assert set(data) == set(shape["ClaimReport"]["properties"])
        for finding in data["findings"]:
            assert set(finding) == set(shape["Finding"]["properties"])
            seen.add((type(finding["claim"]).__name__, finding["line"] is None))
    assert {("int", False), ("str", True), ("NoneType", True)} <= seen
