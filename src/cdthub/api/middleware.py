"""The API answers in its own JSON error shape even where Django, not the API, answers: an
unknown address under /api/ (404), a method an endpoint does not take (405), and a chunked
request body, which Django's WSGI handler cannot read (it would arrive empty: 411)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from .errors import error_body

PREFIX = "/api/"


class JsonErrors:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not request.META.get("CONTENT_LENGTH"):
            return JsonResponse(
                error_body(
                    "length_required",
                    "send the body with a Content-Length header: chunked request bodies "
                    "are not read (curl --data-binary @FILE sends one)",
                ),
                status=411,
            )
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        if response.status_code == 404:
            return JsonResponse(
                error_body("not_found", "no such API address (see /api/v1/docs)"), status=404
            )
        if response.status_code == 405:
            allowed = response.get("Allow", "")
            json = JsonResponse(
                error_body(
                    "method_not_allowed",
                    f"{request.method} is not taken here" + (f"; use {allowed}" if allowed else ""),
                ),
                status=405,
            )
            if allowed:
                json["Allow"] = allowed
            return json
        return response
