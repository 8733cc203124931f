"""Codes, search and changes endpoints. Each is one call into the snapshot's core objects."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from cdthub.catalog import snapshot
from cdthub.catalog.code_page import code_page
from cdthub.core.codes import CATEGORY_BY_SLUG

from . import schemas
from .errors import ApiError

router = Router(tags=["codes"])

MAX_LIMIT = 100
FAILS = {400: schemas.Error}  # every endpoint: a bad parameter
NOT_FOUND = {**FAILS, 404: schemas.Error}


class CodeFilters(Schema):
    category: str | None = None
    edition: int | None = None
    q: str | None = None


def not_found(code: str) -> ApiError:
    cat = snapshot.get().catalog
    nearest = [c.code for c in cat.nearest(code)]
    hint = f" Nearest codes: {', '.join(nearest)}." if nearest else ""
    return ApiError(
        404,
        "code_not_found",
        f"{code[:40]!r} is not a CDT code in the dataset.{hint}",
        nearest=nearest,
    )


@router.get(
    "codes",
    url_name="codes",
    summary="List codes (current edition by default)",
    response={200: schemas.CodeList, **NOT_FOUND},
)
def list_codes(request: HttpRequest, filters: Query[CodeFilters]) -> dict[str, Any]:
    snap = snapshot.get()
    cat = snap.catalog
    year = cat.check_year(filters.edition or cat.current_year)
    if filters.category and filters.category not in CATEGORY_BY_SLUG:
        raise ApiError(
            400,
            "unknown_category",
            f"No category {filters.category!r}; use one of " + ", ".join(CATEGORY_BY_SLUG),
        )
    if filters.q:
        codes = [
            h.code for h in snap.index.search(filters.q, limit=MAX_LIMIT) if h.code.valid_in(year)
        ]
    else:
        codes = cat.edition(year)
    if filters.category:
        codes = [c for c in codes if c.category == filters.category]
    return {"count": len(codes), "edition": year, "results": [c.to_dict() for c in codes]}


@router.get(
    "codes/{code}",
    url_name="code",
    summary="One code",
    response={200: schemas.CodeInEdition, **NOT_FOUND},
    exclude_unset=True,
)
def get_code(request: HttpRequest, code: str, edition: int | None = None) -> dict[str, Any]:
    catalog = snapshot.get().catalog
    found = catalog.get(code)
    if found is None:
        raise not_found(code)
    data = found.to_dict()
    data.update(code_page.details(found.code))  # e.g. the community's "resources"
    if edition is not None:
        data["valid_in_edition"] = found.valid_in(catalog.check_year(edition))
    return data


@router.get(
    "search",
    url_name="search",
    summary="Search codes by number, words, lay terms, typos",
    response={200: schemas.SearchResults, **FAILS},
)
def search(
    request: HttpRequest, q: str = "", limit: int = 10, complete: bool = False
) -> dict[str, Any]:
    """`complete=true` treats the last word as unfinished (as-you-type suggestions)."""
    limit = max(1, min(limit, MAX_LIMIT))
    index = snapshot.get().index
    found = (index.complete if complete else index.find)(q[:200], limit=limit)
    return {**found.to_dict(), "query": q[:200]}


@router.get(
    "changes/{start}/{end}",
    url_name="changes",
    summary="What changed between two editions",
    response={200: schemas.Changes, **NOT_FOUND},
    by_alias=True,
)
def changes(request: HttpRequest, start: int, end: int) -> dict[str, Any]:
    try:
        return snapshot.get().catalog.changes(start, end).to_dict()
    except ValueError:
        raise ApiError(400, "bad_range", "The first year must not be after the second.") from None
