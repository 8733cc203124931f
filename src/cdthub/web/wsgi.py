"""WSGI entry point. With gunicorn's --preload the master also imports the URLconf and builds
the catalog snapshot once, before forking, so workers start warm and share those pages."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cdthub.web.settings.dev")
application = get_wsgi_application()


def warm_up() -> None:
    from django.db import connections
    from django.urls import get_resolver

    from cdthub.catalog import snapshot

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    snapshot.get()
    connections.close_all()  # never share a database connection across fork


if os.environ.get("CDTHUB_WARM_UP") == "1":
    warm_up()
