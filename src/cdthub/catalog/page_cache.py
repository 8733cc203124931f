"""Rendered code pages kept in the cache, per page version and code, with holes for what differs
per reader: the CSRF token (the cache's own) and the holes other apps register (code_page.py),
such as the comment form's time stamp.

A code page costs a few milliseconds to render (facts, guidance, related codes, comments); the
same page from the cache costs a few string replacements. Only anonymous readers get cached
pages; staff, and anyone with a pending message, get a fresh render.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from . import snapshot
from .code_page import code_page

CSRF_HOLE = "cdthubCsrfHole0b6f2e"
TIMEOUT = 3600


def cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
    )


def render_page(
    request: HttpRequest, template: str, context: Callable[[], dict[str, Any]], code: str
) -> str:
    """The page's HTML for this reader, from the cache when it can be (`context` is only
    called when the page is rendered)."""
    if not cacheable(request):
        return render_to_string(template, context(), request)
    holes = code_page.holes
    key = f"code-page:{snapshot.page_version()}:{code}"
    html = cache.get(key)
    if html is None:
        placeholders = {hole.name: hole.placeholder for hole in holes}
        html = render_to_string(
            template, {**context(), **placeholders, "csrf_token": CSRF_HOLE}, request
        )
        cache.set(key, html, TIMEOUT)
    html = html.replace(CSRF_HOLE, get_token(request))
    for hole in holes:
        html = html.replace(hole.placeholder, hole.fill(request))
    return html
