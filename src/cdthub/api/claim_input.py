"""The bodies POST /api/v1/claims/check reads, described for the OpenAPI document: claim JSON
(one claim, {"claims": [...]} or a list of claims), an X12 837D file or CSV text.

Documentation, never validation. The endpoint hands the body to the claim readers
(core/claims/jsonio.py, records.py, fields.py), which turn what they cannot read into findings
(input.invalid, date.invalid) and answer 200, never 422. So these schemas allow every value the
reader takes without an error finding – numbers written as text ("2", "$180.00"), text codes
written as numbers (1110 reads as D1110), lists of teeth or surface letters, null for "not
given" – and require only what the checker cannot do without: a claim's lines, a line's code
and date of service, a history item's code. A client generated from them never refuses a claim
the checker would take. tests/api/test_claim_input.py holds them to the reader.
"""

from __future__ import annotations

from typing import Annotated, Any

from ninja.openapi.schema import REF_TEMPLATE
from ninja.schema import NinjaGenerateJsonSchema
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from cdthub.core.claims.csvio import COLUMNS
from cdthub.core.claims.fields import MAX_FEE, MAX_QUANTITY
from cdthub.core.claims.packs import pack_names

DATE = "2026-03-02 (YYYY-MM-DD); 20260302 and 03/02/2026 (month first, with a warning) read too"

# the fields service lines and history items share, each described once
ToothSystem = Annotated[
    str | None,
    Field(
        description="JP (Universal: 1-32, A-T; the default) or JO (ISO 3950: 11-48, 51-85), "
        "as in 837D TOO01; any case; universal, iso and fdi read too",
        examples=["JP", "JO"],
    ),
]
Tooth = Annotated[
    str | int | list[str | int] | None,
    Field(
        description='a tooth ("30", 30, "#30", "A"), or the teeth of a quadrant\'s or an '
        'arch\'s line ("2,3,4,5", "2-5", ["2", "3", "4", "5"])',
        examples=["30"],
    ),
]
Surfaces = Annotated[
    str | list[str] | None,
    Field(description='letters M, O, D, I, B, F, L: "MO" or ["M", "O"]', examples=["MO"]),
]
Area = Annotated[
    str | int | None,
    Field(
        description="oral-cavity area: 00 whole mouth, 01 upper arch, 02 lower arch, 10 20 30 "
        '40 quadrants, 03-08 sextants; 1 reads as 01; words such as "upper right" read too',
        examples=["10"],
    ),
]
Code = Annotated[
    str | int, Field(description="CDT procedure code (1110 reads as D1110)", examples=["D2392"])
]
Amount = Annotated[float, Field(ge=0, le=float(MAX_FEE))] | str | None
Text = str | float | None  # a number is read as its text


class _Doc(BaseModel):
    """A documented object: unknown fields are ignored with a warning finding, never refused."""

    model_config = ConfigDict(extra="allow")


class Patient(_Doc):
    """The patient: only the birth date is read (other fields are ignored)."""

    birth_date: str | int | None = Field(
        None,
        description=f"{DATE}. Without it, age limits go unchecked (a warning says which lines).",
        examples=["2016-04-02"],
    )


class ExtraTooth(_Doc):
    """A further tooth of a service line, with surfaces of its own."""

    tooth: Tooth = None
    surfaces: Surfaces = None


class ServiceLine(_Doc):
    """One service line of the claim."""

    date: str | int = Field(description=f"date of service: {DATE}", examples=["2026-03-02"])
    code: Code
    tooth_system: ToothSystem = None
    tooth: Tooth = None
    surfaces: Surfaces = None
    area: Area = None
    quantity: Annotated[int, Field(ge=1, le=MAX_QUANTITY)] | str | None = Field(
        None, description=f'units, 1 to {MAX_QUANTITY} (default 1); "2" reads as 2', examples=[1]
    )
    fee: Amount = Field(
        None,
        description='the charge: 180, 180.5 or "$1,200.00"; cents at most, a point before them',
        examples=[180.0],
    )
    narrative: Text = Field(None, description="a note on the line (by-report codes need one)")
    extra_teeth: list[ExtraTooth] | None = Field(
        None,
        description="further teeth with surfaces of their own (837D's further TOO segments); "
        "the first tooth is `tooth`",
    )


class HistoryItem(_Doc):
    """A service the patient already had (for frequency limits and duplicates)."""

    date: str | int | None = Field(None, description=DATE, examples=["2025-12-01"])
    code: Code
    tooth_system: ToothSystem = Field(
        None, description="as on a line; when not given, the numbering of the claim's lines"
    )
    tooth: Tooth = None
    surfaces: Surfaces = None
    area: Area = None


class Claim(_Doc):
    """One dental claim (DESIGN.md's claim JSON)."""

    id: Any = Field(
        None,
        description="names the claim in findings, given back as it came (7 stays a number); "
        "without one, its place in the request (1, 2…)",
        examples=["A-100"],
    )
    patient: Patient | None = None
    payer: Text = Field(
        None,
        description="picks the bundled rule pack of that name ("
        + ", ".join(pack_names())
        + "); any other payer gets the default pack",
        examples=["default"],
    )
    tooth_system: ToothSystem = Field(
        None,
        description="the tooth numbering of the lines and history items that give none (JP "
        "when not given)",
    )
    lines: list[ServiceLine] = Field(min_length=1)
    history: list[HistoryItem] | None = Field(None, description="services the patient already had")
    total: Amount = Field(None, description="the claim's total charge: the sum of the line fees")
    narrative: Text = Field(None, description="a note on the whole claim")
    predetermination: bool | None = Field(
        None,
        description="true: a request for a pre-treatment estimate (837D CLM19 PB), whose lines "
        "may have no date or a planned one; undated lines are judged as of the day of the check",
    )


class ClaimBatch(_Doc):
    """Several claims; give each its own id."""

    claims: list[Claim] = Field(min_length=1)


CLAIM_JSON: dict[str, Any] = TypeAdapter(
    Annotated[Claim | ClaimBatch | list[Claim], Field(description="one claim or several")]
).json_schema(ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema)
COMPONENTS: dict[str, Any] = CLAIM_JSON.pop("$defs")

BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": CLAIM_JSON,
            "example": {
                "id": "A-100",
                "patient": {"birth_date": "1984-02-11"},
                "lines": [{"date": "2026-03-02", "code": "D2393", "tooth": "30", "surfaces": "MO"}],
            },
        },
        "application/edi-x12": {
            "schema": {"type": "string", "description": "an X12 837D (005010X224A2) file"}
        },
        "text/csv": {
            "schema": {
                "type": "string",
                "description": "one service line a row under a header naming the columns: "
                + ", ".join(COLUMNS),
            }
        },
    },
}


def add_components(schemas: dict[str, Any]) -> None:
    """Adds the claim JSON's named schemas to the OpenAPI document's components."""
    for name, schema in COMPONENTS.items():
        if schemas.setdefault(name, schema) != schema:
            raise ValueError(f"two OpenAPI schemas are named {name}")
