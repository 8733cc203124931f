from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from cdthub.api.urls import api
from cdthub.catalog.feeds import ChangesFeed
from cdthub.catalog.sitemaps import SITEMAPS
from cdthub.ops.health import healthz

from . import pages

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {**SITEMAPS, "reading": pages.PagesSitemap}},
        name="sitemap",
    ),
    path("feeds/changes/", ChangesFeed(), name="feed-changes"),
    path("", include((pages.urlpatterns, "pages"))),
    path("", include("cdthub.checker.urls")),
    path("", include("cdthub.community.urls")),
    path("", include("cdthub.catalog.urls")),
]

handler404 = "cdthub.web.errors.page_not_found"
