"""Pages with a JSON twin in the API say so, as datasette does, with a header set here for every
such view: `Link: <URL>; rel="alternate"; type="application/json"`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def json_alternate(url_of: Callable[..., str | None]) -> Callable[[View], View]:
    """A view decorator: `url_of(request, *args, **kwargs)` gives the URL of the page's JSON
    (None: this page has none), advertised on every 200 response."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            response = view(request, *args, **kwargs)
            url = url_of(request, *args, **kwargs) if response.status_code == 200 else None
            if url:
                response["Link"] = f'<{url}>; rel="alternate"; type="application/json"'
            return response

        return wrapped

    return decorate
