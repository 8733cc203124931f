"""The claim checker over HTTP: POST /api/v1/claims/check.

The body is a JSON claim or {"claims": [...]} (Content-Type application/json), an X12 837D
file (application/edi-x12, or text/plain starting with ISA) or CSV (text/csv). `?pack=NAME`
checks every claim against a bundled pack instead of the one each claim's payer names.
Answers {"findings": [...], "summary": {"claims", "errors", "warnings"}}, as `cdthub check
--json` does, findings in the same (file) order; a body that cannot be read gets a 400 JSON
error saying why.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import Router

from cdthub.catalog import snapshot
from cdthub.checker.services import MAX_BYTES, check_bytes
from cdthub.community import ratelimit
from cdthub.core.claims.formats import UnreadableFile
from cdthub.core.claims.packs import load_pack, pack_names

from . import claim_input, schemas
from .errors import ApiError

router = Router(tags=["claims"])

CONTENT_TYPES = {
    "application/json": "json",
    "application/edi-x12": "x12",
    "application/x12": "x12",
    "text/csv": "csv",
}


@router.post(
    "claims/check",
    url_name="claims_check",
    response={
        200: schemas.ClaimReport,
        400: schemas.Error,
        411: schemas.Error,
        413: schemas.Error,
        429: schemas.Error,
    },  # fmt: skip
    summary="Check dental claims (JSON, X12 837D or CSV) for what gets them denied",
    description='Send one claim, {"claims": [...]}, an 837D file with '
    "`Content-Type: application/edi-x12`, or CSV with `text/csv`. Each finding names the claim, "
    "the line (1-based, null for the whole claim or file), the rule id, error or warning, and "
    "what to fix. `?pack=` picks a bundled rule pack for every claim.",
    openapi_extra={"requestBody": claim_input.BODY},
)
def check_claims(request: HttpRequest, pack: str = ""):
    counter = ratelimit.Counter.for_client("check", request)
    if not counter.take():
        raise ApiError(
            429,
            "too_many_requests",
            f"more than {counter.limit[0] if counter.limit else 0} checks in "
            f"{counter.minutes} minute(s) from one address: wait a little and try again",
        )
    if pack and pack not in pack_names():
        raise ApiError(
            400, "unknown_pack", f"No pack {pack!r}; there are: {', '.join(pack_names())}."
        )
    try:
        body = request.body
    except RequestDataTooBig:
        body = b"x" * (MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise ApiError(
            413,
            "too_large",
            f"Send at most {MAX_BYTES // 1024 // 1024} MB; use `cdthub check` for more.",
        )
    kind = (request.content_type or "").split(";")[0].strip().lower()
    chosen = load_pack(pack) if pack else None
    try:
        report = check_bytes(
            body, CONTENT_TYPES.get(kind), snapshot.get().catalog, chosen, keep=False
        )
    except UnreadableFile as exc:
        raise ApiError(400, "unreadable", f"The claims cannot be read: {exc}.") from None
    return report.to_dict()
