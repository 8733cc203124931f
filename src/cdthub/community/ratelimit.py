"""Per-client counters in the cache every server process shares: posts accepted per public form,
failed logins. Also the client's address behind proxies, which the counters are keyed on.

Limits come from settings.CDTHUB_RATE_LIMITS ({scope: (count, seconds)}); a scope missing there
is unlimited. The window starts at the first hit. Counting is one step, increment then compare
(`Counter.take`): `cache.add` starts a window, `cache.incr` counts, and the number incr returns
decides, so requests arriving together can never all find room under the limit. Redis (INCR)
makes that step atomic across servers, the local file cache (web/filecache.py) across one
machine's processes, the tests' in-memory cache within the process.

Client addresses and usernames are hashed before they become cache keys, and never logged.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.signals import request_started
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

log = logging.getLogger(__name__)

FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


def shared_cache() -> BaseCache:
    """The cache every server process shares (rate limits, spent form stamps)."""
    return caches[settings.CDTHUB_RATE_LIMIT_CACHE]


# the client's address -------------------------------------------------------------------------
def client_ip(request: HttpRequest) -> str:
    """The reader's address. Behind CDTHUB_TRUSTED_PROXY_HOPS proxies it is the entry of
    X-Forwarded-For that many places from the right: each proxy appends the address it was
    reached from, so that entry was written by the outermost trusted proxy, and whatever stands
    left of it the client could have written. CDTHUB_CLIENT_IP_HEADER names a header the
    proxy sets to the address instead (such as nginx's X-Real-IP). Anything that is not an
    address falls back to the connection's own address."""
    meta = request.META
    hops = settings.CDTHUB_TRUSTED_PROXY_HOPS
    found = ""
    if hops > 0:
        entries = [e.strip() for e in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        entries = [e for e in entries if e]
        found = entries[-hops] if len(entries) >= hops else ""
    elif settings.CDTHUB_CLIENT_IP_HEADER:
        found = meta.get(settings.CDTHUB_CLIENT_IP_HEADER, "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(found))
    except ValueError:
        return meta.get("REMOTE_ADDR", "") or "unknown"


def _warn_forwarded(sender, environ=None, **kwargs) -> None:
    if environ and any(name in environ for name in FORWARDING_HEADERS):
        request_started.disconnect(dispatch_uid=__name__)
        log.warning(
            "cdthub: requests arrive through a proxy (they carry X-Forwarded-For or X-Real-IP) "
            "but CDTHUB_TRUSTED_PROXY_HOPS is not set, so every reader counts as the proxy's "
            "address for rate limits; set it to the number of proxies in front of cdthub"
        )


def watch_for_proxies() -> None:
    """When no proxy is configured, say once if a request shows there is one (apps.py)."""
    if not (settings.CDTHUB_TRUSTED_PROXY_HOPS or settings.CDTHUB_CLIENT_IP_HEADER):
        request_started.connect(_warn_forwarded, dispatch_uid=__name__)


# counting -----------------------------------------------------------------------------------
def _key(scope: str, *parts: str) -> str:
    raw = "|".join((settings.SECRET_KEY, scope, *parts)).encode()
    return f"cdthub:rl:{scope}:{hashlib.sha256(raw).hexdigest()[:24]}"


def _increment(key: str, window: int) -> int:
    """Count one hit in `key`'s window (started now if there is none) and return the count."""
    cache = shared_cache()
    for _ in range(2):
        if cache.add(key, 1, timeout=window):
            return 1
        try:
            count = cache.incr(key)
        except ValueError:  # the window ended between add and incr: start a new one
            continue
        if count == 1:  # (re)made by incr itself: make sure it still expires
            cache.touch(key, window)
        return count
    cache.set(key, 1, timeout=window)
    return 1


class Counter:
    """Hits in one scope for one key: a client address, a username, or both."""

    def __init__(self, scope: str, *parts: str):
        self.scope = scope
        self.key = _key(scope, *parts)
        self.limit: tuple[int, int] | None = settings.CDTHUB_RATE_LIMITS.get(scope)

    @classmethod
    def for_client(cls, scope: str, request: HttpRequest, *extra: str) -> Counter:
        return cls(scope, client_ip(request), *extra)

    @property
    def window(self) -> int:
        return self.limit[1] if self.limit else 0

    def exceeded(self) -> bool:
        """A look before doing any work; `take` is what decides."""
        return bool(self.limit) and int(shared_cache().get(self.key, 0) or 0) >= self.limit[0]

    def take(self) -> bool:
        """Count one hit and say whether it is within the limit, in one atomic step."""
        if not self.limit:
            return True
        return _increment(self.key, self.limit[1]) <= self.limit[0]

    def give_back(self) -> None:
        """Undo one `take` whose hit turned out not to count."""
        if self.limit:
            try:
                shared_cache().decr(self.key)
            except ValueError:  # the window ended meanwhile
                pass

    def reset(self) -> None:
        shared_cache().delete(self.key)

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.window / 60))


def too_many(request: HttpRequest, counter: Counter, what: str) -> HttpResponse:
    context = {"what": what, "minutes": counter.minutes}
    response = render(request, "community/429.html", context, status=429)
    response["Retry-After"] = str(counter.window)
    return response
