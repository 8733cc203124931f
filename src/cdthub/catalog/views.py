"""Pages of the catalog: home, lists, a page per code, search, changes of an edition.

Every page reads the in-memory snapshot; code pages and lists answer conditional GETs with an
ETag derived from the snapshot version (no database query for a 304)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import condition

from cdthub.core.codes import CATEGORIES, CATEGORY_BY_SLUG, UnknownEdition, normalize_code

from . import page_cache, snapshot
from .alternate import json_alternate

SEARCH_LIMIT = 30


def _etag(request: HttpRequest, *args, **kwargs) -> str:
    return f'"{snapshot.get().version}"'


def _page_etag(request: HttpRequest, *args, **kwargs) -> str:
    """Code pages also show comments, which change without the catalog changing."""
    return f'"{snapshot.page_version()}"'


def home(request: HttpRequest) -> HttpResponse:
    snap = snapshot.get()
    cat = snap.catalog
    counts = {c.slug: len(cat.in_category(c.slug)) for c in CATEGORIES}
    year = cat.current_year
    return render(
        request,
        "catalog/home.html",
        {
            "categories": [(c, counts[c.slug]) for c in CATEGORIES],
            "total": len(cat.current()),
            "year": year,
            "changes": cat.changes_in(year),
        },
    )


@json_alternate(lambda request: reverse("api-1:codes"))
@condition(etag_func=_etag)
def code_list(request: HttpRequest) -> HttpResponse:
    cat = snapshot.get().catalog
    sections = [(c, cat.grouped(c.slug)) for c in CATEGORIES]
    return render(
        request, "catalog/code_list.html", {"sections": sections, "year": cat.current_year}
    )


@json_alternate(lambda request, slug: f"{reverse('api-1:codes')}?category={slug}")
@condition(etag_func=_etag)
def category(request: HttpRequest, slug: str) -> HttpResponse:
    found = CATEGORY_BY_SLUG.get(slug)
    if found is None:
        raise Http404("No such category")
    cat = snapshot.get().catalog
    return render(
        request,
        "catalog/category.html",
        {
            "category": found,
            "groups": cat.grouped(slug),
            "categories": CATEGORIES,
            "year": cat.current_year,
        },
    )


def code_redirect(request: HttpRequest, code: str) -> HttpResponse:
    """'/codes/d9992/', '/codes/9992/', '/codes/D9992' → '/codes/D9992/'."""
    normal = normalize_code(code)
    if normal:
        return redirect("catalog:code", code=normal, permanent=True)
    return code_detail(request, code)


@json_alternate(lambda request, code: reverse("api-1:code", kwargs={"code": code}))
@condition(etag_func=_page_etag)
def code_detail(request: HttpRequest, code: str) -> HttpResponse:
    snap = snapshot.get()
    cat = snap.catalog
    found = cat.get(code)
    if found is None:
        return render(
            request,
            "catalog/code_missing.html",
            {"asked": code[:12], "nearest": cat.nearest(code), "hits": snap.index.search(code, 5)},
            status=404,
        )
    api_url = reverse("api-1:code", kwargs={"code": found.code})

    def context() -> dict:
        previous, following = cat.neighbours(found)
        return {
            "code": found,
            "category": CATEGORY_BY_SLUG[found.category],
            "family": cat.family_name(found) if found.family else "",
            "previous": previous,
            "next": following,
            "related": [(r, cat.get(r.code)) for r in found.related],
            "replacements": [cat.get(c) for c in found.replaced_by if cat.get(c)],
            "api_url": api_url,
            # from the code and the site's configured address, never the request: the page is
            # cached for every reader, whatever query string or host the first one sent
            "canonical_url": settings.CDTHUB_SITE_URL + reverse("catalog:code", args=[found.code]),
            "current_year": cat.current_year,
        }

    html = page_cache.render_page(request, "catalog/code_detail.html", context, found.code)
    return page_cache.mark_shared(request, HttpResponse(html))


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    snap = snapshot.get()
    exact = normalize_code(query)
    if exact and snap.catalog.get(exact) and request.GET.get("go") == "1":
        return redirect("catalog:code", code=exact)
    found = snap.index.find(query, limit=SEARCH_LIMIT)
    return render(
        request,
        "catalog/search.html",
        {
            "query": query,
            "hits": found.hits,
            "corrections": found.corrections,
            "limit": SEARCH_LIMIT,
        },
    )


def changes(request: HttpRequest, year: int) -> HttpResponse:
    cat = snapshot.get().catalog
    try:
        found = cat.changes_in(year)
    except UnknownEdition:
        raise Http404("No CDT edition for that year in the dataset") from None
    return render(
        request, "catalog/changes.html", {"year": year, "changes": found, "years": cat.years()}
    )


def changes_index(request: HttpRequest) -> HttpResponse:
    """Every edition the dataset holds, newest first, with what it added, revised and deleted."""
    cat = snapshot.get().catalog
    editions = [cat.changes_in(year) for year in reversed(cat.years())]
    return render(request, "catalog/changes_index.html", {"editions": editions})
