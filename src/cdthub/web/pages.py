"""The site's reading pages: about cdthub (and its independence), privacy, and the guide to CDT
codes. Their words live in the templates (web/templates/pages/); what comes from the data (the
twelve categories with their ranges and counts, the current edition's changes, how long data is
kept) is read here, never written into the text."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from cdthub.catalog import snapshot
from cdthub.community import retention
from cdthub.core.codes import CATEGORIES

# how long the web server in front of cdthub keeps its access logs (deploy/ configures it)
LOG_DAYS = 14


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/about.html", {"total": len(snapshot.get().catalog.current())})


def privacy(request: HttpRequest) -> HttpResponse:
    windows = [window for _, window in settings.CDTHUB_RATE_LIMITS.values()]
    return render(
        request,
        "pages/privacy.html",
        {
            "keep": retention.periods(),
            "csrf_days": settings.CSRF_COOKIE_AGE // 86400 if settings.CSRF_COOKIE_AGE else 0,
            "counter_minutes": max(windows, default=0) // 60,
            "log_days": LOG_DAYS,
        },
    )


def cdt_guide(request: HttpRequest) -> HttpResponse:
    cat = snapshot.get().catalog
    year = cat.current_year
    return render(
        request,
        "pages/cdt_guide.html",
        {
            "categories": [(c, len(cat.in_category(c.slug))) for c in CATEGORIES],
            "total": len(cat.current()),
            "year": year,
            "changes": cat.changes_in(year),
            "first_year": cat.years()[0],
        },
    )


urlpatterns = [
    path("about/", about, name="about"),
    path("about/cdt-codes/", cdt_guide, name="cdt_guide"),
    path("privacy/", privacy, name="privacy"),
]


class PagesSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self) -> list[str]:
        return [f"pages:{p.name}" for p in urlpatterns]

    def location(self, item: str) -> str:
        return reverse(item)
