"""Codes, search and changes endpoints. Each is one call into the snapshot's core objects."""

from django.http import HttpRequest
from ninja import Query, Router, Schema

from cdthub.catalog import snapshot
from cdthub.core.codes import CATEGORY_BY_SLUG

from .errors import ApiError

router = Router(tags=["codes"])

MAX_LIMIT = 100


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


@router.get("codes", url_name="codes", summary="List codes (current edition by default)")
def list_codes(request: HttpRequest, filters: Query[CodeFilters]):
    snap = snapshot.get()
    cat = snap.catalog
    year = filters.edition or cat.current_year
    if filters.edition is not None and filters.edition not in cat.years():
        raise ApiError(
            400,
            "unknown_edition",
            f"No CDT edition {filters.edition} in the dataset; "
            f"editions run {cat.years()[0]}-{cat.years()[-1]}.",
        )
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


@router.get("codes/{code}", url_name="code", summary="One code")
def get_code(request: HttpRequest, code: str, edition: int | None = None):
    found = snapshot.get().catalog.get(code)
    if found is None:
        raise not_found(code)
    data = found.to_dict()
    if edition is not None:
        data["valid_in_edition"] = found.valid_in(edition)
    return data


@router.get("search", url_name="search", summary="Search codes by number, words, lay terms, typos")
def search(request: HttpRequest, q: str = "", limit: int = 10, complete: bool = False):
    """`complete=true` treats the last word as unfinished (as-you-type suggestions)."""
    limit = max(1, min(limit, MAX_LIMIT))
    index = snapshot.get().index
    hits = (index.complete if complete else index.search)(q[:200], limit=limit)
    return {"query": q[:200], "results": [h.to_dict() for h in hits]}


@router.get(
    "changes/{start}/{end}", url_name="changes", summary="What changed between two editions"
)
def changes(request: HttpRequest, start: int, end: int):
    cat = snapshot.get().catalog
    years = cat.years()
    for y in (start, end):
        if y not in years:
            raise ApiError(
                404,
                "unknown_edition",
                f"No CDT edition {y} in the dataset; editions run {years[0]}-{years[-1]}.",
            )
    if end < start:
        raise ApiError(400, "bad_range", "The first year must not be after the second.")
    return cat.changes(start, end).to_dict()
