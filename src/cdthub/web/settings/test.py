from . import env
from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CDTHUB_MAIL_IN_BACKGROUND = False  # sent at commit, so a test sees it at once (outbox.py)
CDTHUB_FORM_MIN_SECONDS = 0  # the minimum time-to-submit has its own tests
# every cache in memory, per test process, cleared between tests (tests/conftest.py), unless
# REDIS_URL is set
CACHES = {
    name: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    for name in ("default", "shared")
}
if env.REDIS_URL:
    # `make test`'s second pass: the caches in a real Redis. Clearing a cache between tests
    # empties its whole Redis database, so each pytest-xdist process gets a database of its own.
    _worker = int(env.TEST_WORKER.removeprefix("gw") or 0)
    CACHES = redis_caches(redis_database(env.REDIS_URL, 1 + _worker))  # noqa: F405
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
