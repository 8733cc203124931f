"""The coding assistant over HTTP: GET /api/v1/suggest?text=…&limit=… (one call into the core)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from cdthub.catalog import snapshot
from cdthub.core.finder import DEFAULT_LIMIT, MAX_LIMIT, MAX_TEXT

from . import schemas
from .errors import ApiError

router = Router(tags=["suggest"])


@router.get(
    "suggest",
    url_name="suggest",
    response={200: schemas.Suggestions, 400: schemas.Error},
    summary="Coding assistant: a procedure description → ranked code suggestions with reasons",
    description="Reads teeth (#30, ISO 46), surfaces (MOD), quadrant or arch, counts, material and "
    "the patient's age from the text, and ranks current CDT codes that fit, each with the reasons. "
    "`open_questions` lists what the text leaves undecided (e.g. the number of surfaces); `read` "
    "shows what was understood. Deleted codes are never suggested.",
)
def suggest(request: HttpRequest, text: str = "", limit: int = DEFAULT_LIMIT) -> dict[str, Any]:
    if not text.strip():
        raise ApiError(
            400,
            "missing_text",
            "Describe the procedure in ?text=, for example ?text=MOD%20composite%20%2330.",
        )
    if len(text) > MAX_TEXT:
        raise ApiError(
            400,
            "text_too_long",
            f"The description is {len(text)} characters long; keep it to {MAX_TEXT}.",
        )
    if not 1 <= limit <= MAX_LIMIT:
        raise ApiError(400, "bad_limit", f"limit must be between 1 and {MAX_LIMIT}.")
    return snapshot.get().finder.suggest(text, limit).to_dict()
