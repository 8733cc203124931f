"""WSGI entry point. With gunicorn's --preload and CDTHUB_WARM_UP=1 the master also imports the
URLconf and builds the catalog snapshot once, before forking, so workers start warm and share
those pages."""

from django.core.wsgi import get_wsgi_application

from cdthub.web.settings import env
from cdthub.web.startup import check_static_files

env.use_settings("cdthub.web.settings.local")
application = get_wsgi_application()
check_static_files()  # production: no worker starts to answer 500 on every page


def warm_up() -> None:
    from django.db import connections
    from django.urls import get_resolver

    from cdthub.catalog import snapshot

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    snapshot.get()
    connections.close_all()  # never share a database connection across fork


if env.WARM_UP:
    warm_up()
