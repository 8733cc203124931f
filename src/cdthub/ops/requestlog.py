"""One JSON line per request, and JSON for every other log line (production settings).

    {"time": "2026-12-02T15:04:05.123Z", "level": "INFO", "logger": "cdthub.request",
     "message": "GET /codes/D9992/ 200", "request_id": "3f1c…", "method": "GET",
     "path": "/codes/D9992/", "status": 200, "duration_ms": 4.2}

The request id is the `X-Request-ID` the proxy sent (nginx sets `$request_id`, deploy/), when it
looks like an id, or a new one; the response carries it back, and every line logged while the
request is served carries it too. What readers send stays out: the path without its query
string, no addresses, no cookies, no headers, no bodies.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the settings import this module: no Django import at run time
    from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
GOOD_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")  # anything else is replaced, never logged
MAX_PATH = 200  # a path is logged up to this many characters

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "cdthub_request_id", default=None
)
log = logging.getLogger("cdthub.request")


class RequestLogMiddleware:
    """Outermost middleware: times the whole request, errors turned into 500 pages included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        given = request.headers.get(HEADER, "")
        rid = given if GOOD_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = rid  # type: ignore[attr-defined]
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
            response[HEADER] = rid
            elapsed = round((time.perf_counter() - started) * 1000, 1)
            path = request.path[:MAX_PATH]
            log.info(
                "%s %s %s",
                request.method,
                path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": elapsed,
                },
            )
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Gives every record logged while a request is served that request's id."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id.get()
        return True


FIELDS = ("request_id", "method", "path", "status", "duration_ms")


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time (UTC), level, logger, message, the request's fields
    when it has them, and the exception's traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created, UTC)
        line: dict[str, Any] = {
            "time": when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def json_logging(level: str = "INFO") -> dict[str, Any]:
    """A LOGGING setting: every line as JSON on stderr, requests at `level`."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "cdthub": {"level": "INFO"},
            "cdthub.request": {"level": level},
            # django.request would repeat each 4xx the request line already shows
            "django.request": {"level": "ERROR"},
        },
    }
