"""The coding assistant page: /suggest/?text=… (a GET form; works without JavaScript).

The same call as GET /api/v1/suggest, advertised with a Link: rel="alternate" header."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cdthub.core.finder import MAX_TEXT

from . import snapshot
from .alternate import json_alternate

PAGE_LIMIT = 8
EXAMPLES = (
    "MOD composite #30",
    "deep cleaning LL quadrant, 2 teeth",
    "pulled a baby tooth",
    "6-month checkup",
    "night guard upper",
    "PFM crown high noble #19",
)


def _api_url(request: HttpRequest) -> str | None:
    text = request.GET.get("text", "")[:MAX_TEXT]
    return reverse("api-1:suggest") + "?" + urlencode({"text": text}) if text.strip() else None


@json_alternate(_api_url)
def suggest(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("text", "")[:MAX_TEXT]
    result = None
    if text.strip():
        result = snapshot.get().finder.suggest(text, PAGE_LIMIT)
    return render(
        request,
        "catalog/suggest.html",
        {"text": text, "result": result, "examples": EXAMPLES, "max_text": MAX_TEXT},
    )
