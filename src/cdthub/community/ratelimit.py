"""Per-client counters in the Django cache: posts accepted per public form, failed logins.

Limits come from settings.CDTHUB_RATE_LIMITS ({scope: (count, seconds)}); a scope missing
there is unlimited. The window starts at the first hit. Client addresses are hashed before
they become cache keys, and never logged.
"""

from __future__ import annotations

import hashlib
import math

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str:
    header = getattr(settings, "CDTHUB_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, *parts: str) -> str:
    raw = "|".join((settings.SECRET_KEY, scope, *parts)).encode()
    return f"cdthub:rl:{scope}:{hashlib.sha256(raw).hexdigest()[:24]}"


def _limit(scope: str) -> tuple[int, int] | None:
    return getattr(settings, "CDTHUB_RATE_LIMITS", {}).get(scope)


def _cache():
    return caches[getattr(settings, "CDTHUB_RATE_LIMIT_CACHE", "default")]


class Counter:
    """Hits of one client (and optionally one more key, e.g. a username) in one scope."""

    def __init__(self, scope: str, request: HttpRequest, *extra: str):
        self.scope = scope
        self.key = _key(scope, client_ip(request), *extra)

    @property
    def window(self) -> int:
        limit = _limit(self.scope)
        return limit[1] if limit else 0

    def count(self) -> int:
        return int(_cache().get(self.key, 0) or 0)

    def exceeded(self) -> bool:
        limit = _limit(self.scope)
        return bool(limit) and self.count() >= limit[0]

    def hit(self) -> None:
        limit = _limit(self.scope)
        if not limit:
            return
        cache = _cache()
        cache.add(self.key, 0, timeout=limit[1])
        try:
            cache.incr(self.key)
        except ValueError:  # expired between add and incr
            cache.set(self.key, 1, timeout=limit[1])

    def reset(self) -> None:
        _cache().delete(self.key)


def too_many(request: HttpRequest, counter: Counter, what: str) -> HttpResponse:
    minutes = max(1, math.ceil(counter.window / 60))
    response = render(request, "community/429.html", {"what": what, "minutes": minutes}, status=429)
    response["Retry-After"] = str(counter.window)
    return response
