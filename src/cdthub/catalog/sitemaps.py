from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cdthub.core.codes import CATEGORIES

from . import snapshot


class CodeSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return list(snapshot.get().catalog)

    def location(self, item):
        return reverse("catalog:code", kwargs={"code": item.code})


class PageSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        pages = [reverse("catalog:home"), reverse("catalog:code_list")]
        pages += [reverse("catalog:changes_index")]
        pages += [reverse("catalog:changes", args=[y]) for y in snapshot.get().catalog.years()]
        pages += [reverse("catalog:category", kwargs={"slug": c.slug}) for c in CATEGORIES]
        return pages

    def location(self, item):
        return item


SITEMAPS = {"codes": CodeSitemap, "pages": PageSitemap}
