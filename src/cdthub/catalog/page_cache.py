"""Rendered code pages kept in the cache, per page version and code, with holes for the two
things that differ per reader: the CSRF token and the comment form's time stamp.

A code page costs a few milliseconds to render (facts, guidance, related codes, comments); the
same page from the cache costs two string replacements. Only anonymous readers get cached pages;
staff, and anyone with a pending message, get a fresh render.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from cdthub.community.forms import stamp

from . import snapshot

CSRF_HOLE = "cdthubCsrfHole0b6f2e"
STAMP_HOLE = "cdthubStampHole51d9a7"
TIMEOUT = 3600


def cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
    )


def render_page(request: HttpRequest, template: str, context: Callable[[], dict], code: str) -> str:
    """The page's HTML for this reader, from the cache when it can be (`context` is only
    called when the page is rendered)."""
    if not cacheable(request):
        return render_to_string(template, context(), request)
    key = f"code-page:{snapshot.page_version()}:{code}"
    html = cache.get(key)
    if html is None:
        holes = {**context(), "csrf_token": CSRF_HOLE, "form_stamp": STAMP_HOLE}
        html = render_to_string(template, holes, request)
        cache.set(key, html, TIMEOUT)
    return html.replace(CSRF_HOLE, get_token(request)).replace(STAMP_HOLE, stamp())
