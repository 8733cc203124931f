"""Rendered code pages kept in the cache, per page version and code, with holes for what differs
per reader: the CSRF token (the cache's own) and the holes other apps register (code_page.py),
such as the comment form's time stamp.

A code page costs a few milliseconds to render (facts, guidance, related codes, comments); the
same page from the cache costs a few string replacements. Only anonymous readers get cached
pages; staff, and anyone with a pending message, get a fresh render.

A shared cache in front (nginx's micro-cache, deploy/) asks with `X-Cdthub-Microcache: 1` for
the page every reader may share: its holes are left empty, marked `data-cdthub-hole`, and
holes.js fills them from `/holes/` (never cached) when the reader starts on a form. Only that
variant is marked cacheable for the proxy (`X-Accel-Expires`); any other response is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import snapshot
from .code_page import code_page

CSRF_HOLE = "cdthubCsrfHole0b6f2e"
TIMEOUT = 3600
SHARED_HEADER = "X-Cdthub-Microcache"  # set by the proxy in front (deploy/nginx/), never by readers
SHARED_SECONDS = 5  # how long the proxy may serve the shared variant (X-Accel-Expires)
CSRF_NAME = "csrfmiddlewaretoken"
FORM = re.compile(r'<form\b[^>]*\baction="([^"]*)"[^>]*>.*?</form>', re.S)
NO_SCRIPT = (
    '<noscript><p class="notice">Without JavaScript, this copy of the page cannot send the form: '
    'use <a href="{}">the form on its own page</a>.</p></noscript>'
)


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
    if wants_shared(request):
        request.cdthub_shared_page = True  # type: ignore[attr-defined]
        return _shared_variant(html)
    html = html.replace(CSRF_HOLE, get_token(request))
    for hole in holes:
        html = html.replace(hole.placeholder, hole.fill(request))
    return html


def wants_shared(request: HttpRequest) -> bool:
    return request.headers.get(SHARED_HEADER) == "1"


def _shared_variant(html: str) -> str:
    """The page with every hole empty and marked, and the script that fills them."""
    marks = {CSRF_HOLE: CSRF_NAME, **{h.placeholder: h.name for h in code_page.holes}}
    for placeholder, name in marks.items():
        html = html.replace(f'value="{placeholder}"', f'value="" data-cdthub-hole="{name}"')
        html = html.replace(placeholder, "")  # anywhere else: never a reader's value
    html = FORM.sub(_no_script_note, html)
    script = format_html(
        '<script src="{}" data-holes="{}" defer></script>',
        static("cdthub/holes.js"),
        reverse("catalog:holes"),
    )
    return html.replace("</body>", f"{script}\n</body>", 1)


def _no_script_note(form: re.Match[str]) -> str:
    """After a form with holes: where to send it without JavaScript (the action shows it
    afresh on a GET; the URL is already escaped in the page)."""
    if "data-cdthub-hole" not in form.group(0):
        return form.group(0)
    return form.group(0) + NO_SCRIPT.format(form.group(1))


def mark_shared(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Let the proxy keep `response` for SHARED_SECONDS when it is the shared variant."""
    if getattr(request, "cdthub_shared_page", False) and response.status_code == 200:
        response["X-Accel-Expires"] = str(SHARED_SECONDS)
    return response


@never_cache
@require_GET
def holes(request: HttpRequest) -> JsonResponse:
    """This reader's values for the holes of a shared page: the CSRF token (its cookie comes
    with this answer) and each registered hole, such as the comment form's time stamp."""
    values = {CSRF_NAME: get_token(request)}
    values.update({hole.name: hole.fill(request) for hole in code_page.holes})
    return JsonResponse(values)
