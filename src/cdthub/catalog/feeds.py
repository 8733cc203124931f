"""Atom feed of CDT changes, newest edition first: one entry per added, revised or deleted code."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from . import snapshot


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "cdthub: CDT code changes"
    subtitle = "Codes added, revised and deleted in each CDT edition"

    def link(self):
        return reverse("catalog:home")

    def items(self):
        cat = snapshot.get().catalog
        entries = []
        for year in sorted(cat.years(), reverse=True)[:4]:
            ch = cat.changes_in(year)
            for kind, codes in (
                ("added", ch.added),
                ("revised", ch.revised),
                ("deleted", ch.deleted),
            ):
                entries += [(year, kind, c) for c in codes]
        return entries

    def item_title(self, item):
        year, kind, code = item
        return f"CDT {year}: {code.code} {kind} — {code.title}"

    def item_description(self, item):
        return item[2].summary

    def item_link(self, item):
        return reverse("catalog:code", kwargs={"code": item[2].code})

    def item_guid(self, item):
        return f"cdthub:{item[0]}:{item[1]}:{item[2].code}"

    item_guid_is_permalink = False
