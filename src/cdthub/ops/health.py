"""`/healthz`: can this server reach what it needs? For load balancers and monitoring.

Answers JSON `{"status", "database", "cache", "data_version"}`: 200 when the database and every
cache answer, 503 otherwise. It names what failed ("unreachable"), never why: no host names,
paths or error texts that could leak a secret. Never cached, by anyone.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

OK = "ok"
DOWN = "unreachable"


def _database() -> tuple[str, str | None]:
    """("ok", the data version) or ("unreachable", None)."""
    from cdthub.catalog.models import CatalogState

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        row = CatalogState.objects.filter(pk=1).values_list("version", "pages_version").first()
    except DatabaseError:
        return DOWN, None
    if row is None:
        return OK, "bundled"  # no catalog loaded yet: pages come from the bundled dataset
    return OK, f"db-{row[0]}.{row[1]}"


def _caches() -> str:
    """A value written to each configured cache reads back."""
    key = f"cdthub:healthz:{secrets.token_hex(8)}"
    try:
        for name in settings.CACHES:
            cache = caches[name]
            cache.set(key, 1, timeout=10)
            found = cache.get(key)
            cache.delete(key)
            if found != 1:
                return DOWN
    except Exception:  # any backend error (e.g. Redis down) means "not reachable" here
        return DOWN
    return OK


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database, version = _database()
    cache = _caches()
    healthy = database == OK and cache == OK
    return JsonResponse(
        {
            "status": OK if healthy else "unavailable",
            "database": database,
            "cache": cache,
            "data_version": version,
        },
        status=200 if healthy else 503,
    )
