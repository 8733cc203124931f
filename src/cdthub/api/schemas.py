"""The shapes the API answers with (DESIGN.md's contracts), as django-ninja schemas: they make
the OpenAPI document describe every response, errors included. Fields may be added, never
renamed; a field the core adds to `Code.to_dict()` is added here too (tests/api check)."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field


class Related(Schema):
    code: str
    note: str


class Teeth(Schema):
    position: Literal["any", "anterior", "posterior", "premolar", "molar"]
    dentition: Literal["any", "primary", "permanent"]


class Surfaces(Schema):
    min: int
    max: int | None = Field(description="null: no upper limit")


class Revision(Schema):
    year: int
    what: str | None = Field(description="what changed, in our words; null when not recorded")


class Official(Schema):
    edition: int
    nomenclature: str
    descriptor: str
    source: str


class Code(Schema):
    code: str = Field(examples=["D9992"])
    title: str
    summary: str
    category: str = Field(examples=["adjunctive-general-services"])
    family: str
    area: Literal["none", "tooth", "surface", "quadrant", "arch", "sextant", "mouth", "tooth_range"]
    arch: Literal["upper", "lower"] | None = Field(
        description="the arch the code itself names (no area needed on the claim line)"
    )
    teeth: Teeth | None
    surfaces: Surfaces | None
    unit: str | None
    by_report: bool
    added: int | None
    revised: list[int]
    revisions: list[Revision]
    deleted: int | None
    replaced_by: list[str]
    terms: list[str]
    related: list[Related]
    guidance: dict[str, list[str]] | None
    unconfirmed: str | None = Field(description="what is not yet confirmed about this code")
    official: Official | None = Field(description="the ADA's text, after a licensed import")
    source: Literal["cdthub", "ada"]


class Resource(Schema):
    kind: Literal["video", "article", "payer_policy", "ada_guide", "other"]
    title: str
    url: str
    domain: str = Field(description="the site the link leads to")
    source: str = Field(description="who published it")
    note: str
    from_reader: bool = Field(description="proposed by a reader, approved by an editor")


class CodeInEdition(Code):
    valid_in_edition: bool | None = Field(
        None, description="only with ?edition=: whether the code is valid in that CDT year"
    )
    resources: list[Resource] = Field(
        default_factory=list, description='"Learn more" links editors attached to the code'
    )


class CodeList(Schema):
    count: int
    edition: int
    results: list[Code]


class Hit(Schema):
    code: str
    title: str
    score: float
    why: list[str] = Field(description="why it matched, in plain words, the plainest first")
    reason: str = Field(
        description='the one reason to show ("also known as "deep cleaning"", "code D0274")'
    )
    deleted: int | None


class Correction(Schema):
    typed: str = Field(description="a word of the query as typed")
    read_as: str = Field(description="what it was read as (a typo corrected)")


class SearchResults(Schema):
    query: str
    results: list[Hit] = Field(description="best first; the list stops where relevance drops")
    corrections: list[Correction] = Field(description="typos corrected, once for the query")


class Suggestion(Schema):
    code: str
    title: str
    score: float = Field(ge=0, le=1)
    reasons: list[str] = Field(description='why it fits, and "but …" where it does not')


class Suggestions(Schema):
    text: str
    suggestions: list[Suggestion]
    open_questions: list[str] = Field(description="what would decide between look-alike codes")
    read: dict[str, Any] = Field(description="what was read from the text: teeth, surfaces…")


class RevisedCode(Code):
    what_changed: str | None


class Changes(Schema):
    start: int = Field(alias="from")
    end: int = Field(alias="to")
    added: list[Code]
    revised: list[RevisedCode]
    deleted: list[Code]


class ErrorDetail(Schema):
    model_config = ConfigDict(extra="allow")

    code: str = Field(examples=["code_not_found"])
    message: str


class Error(Schema):
    error: ErrorDetail


class Finding(Schema):
    claim: int | str | None = Field(
        description=(
            "the claim's id as given (a whole number stays a number; other values as JSON "
            'writes them); a claim without one is named by its place in the request ("1"); '
            "null for a finding about the whole request"
        )
    )
    line: int | None = Field(description="1-based service line; null for the claim or file")
    rule: str = Field(examples=["surface.count"])
    severity: Literal["error", "warning"]
    message: str


class ClaimSummary(Schema):
    claims: int
    errors: int
    warnings: int


class ClaimReport(Schema):
    findings: list[Finding]
    summary: ClaimSummary
