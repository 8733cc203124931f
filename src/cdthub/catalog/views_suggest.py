"""The coding assistant page: /suggest/?text=… (a GET form; works without JavaScript).

The same call as GET /api/v1/suggest, advertised with a Link: rel="alternate" header."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cdthub.core.finder import Finder
from cdthub.core.finder_parse import MAX_TEXT

from . import snapshot

PAGE_LIMIT = 8
EXAMPLES = (
    "MOD composite #30",
    "deep cleaning LL quadrant, 2 teeth",
    "pulled a baby tooth",
    "6-month checkup",
    "night guard upper",
    "PFM crown high noble #19",
)


def suggest(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("text", "")[:MAX_TEXT]
    result = None
    if text.strip():
        result = Finder.for_index(snapshot.get().index).suggest(text, PAGE_LIMIT)
    response = render(
        request,
        "catalog/suggest.html",
        {"text": text, "result": result, "examples": EXAMPLES, "max_text": MAX_TEXT},
    )
    if text.strip():
        api = reverse("api-1:suggest") + "?" + urlencode({"text": text})
        response["Link"] = f'<{api}>; rel="alternate"; type="application/json"'
    return response
