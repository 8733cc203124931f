"""The site's own error views (Django renders 400.html, 403.html and 500.html by itself).

A page that is not found still helps: when the last part of the address holds a code number
(`/D9992`, `/code/d999/`), the page lists the nearest codes, and its search box starts with
the words of the address."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from cdthub.catalog import snapshot

ASKED_MAX = 40  # characters of the address shown back


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    asked = request.path.strip("/").rsplit("/", 1)[-1][:ASKED_MAX]
    words = " ".join(re.findall(r"[^\W_]+", asked))
    has_number = re.search(r"\d{3}", asked) is not None
    nearest = snapshot.get().catalog.nearest(asked) if has_number else []
    return render(
        request,
        "404.html",
        {"asked": asked, "words": words, "nearest": nearest},
        status=404,
    )
