"""Every environment variable cdthub reads, in one place (the settings, the CLI and wsgi.py
take their values from here). Each is read once, at import; `NAMES` lists them all, and the
README documents each one (tests/test_docs.py checks).

Nothing here needs Django, so the CLI can look before it sets Django up.
"""

from __future__ import annotations

import os
from pathlib import Path

NAMES: list[str] = ["DJANGO_SETTINGS_MODULE"]  # every variable read here, in order


def _str(name: str, default: str = "") -> str:
    NAMES.append(name)
    return os.environ.get(name, default).strip()


def _int(name: str, default: int) -> int:
    value = _str(name)
    return int(value) if value else default


def _bool(name: str, default: bool = False) -> bool:
    value = _str(name).lower()
    return value in ("1", "true", "yes", "on") if value else default


def _list(name: str) -> list[str]:
    return [item.strip() for item in _str(name).split(",") if item.strip()]


def settings_module() -> str:
    """The settings module DJANGO_SETTINGS_MODULE names now ("" when unset)."""
    return os.environ.get("DJANGO_SETTINGS_MODULE", "").strip()


def use_settings(default: str) -> None:
    """Point Django at the settings module `default` unless DJANGO_SETTINGS_MODULE names one."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default)


# --- where things are -------------------------------------------------------------------------
BASE_DIR = Path(__file__).resolve().parents[4]  # the project checkout (holds var/)
VAR_DIR = Path(_str("CDTHUB_VAR_DIR") or BASE_DIR / "var")  # SQLite file, caches, static files
DATABASE_URL = _str("DATABASE_URL")  # PostgreSQL (dj-database-url syntax); unset: SQLite
REDIS_URL = _str("REDIS_URL")  # cache, page cache, rate limits, sessions; unset: local caches

# --- the site ---------------------------------------------------------------------------------
SECRET_KEY = _str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = _list("ALLOWED_HOSTS")
SITE_URL = _str("CDTHUB_SITE_URL", "http://127.0.0.1:8000").rstrip("/")  # e-mails, canonical URLs
# behind proxies: how many append to X-Forwarded-For (the client is that many from the right),
# or a header one proxy sets to the client address (Django META name, e.g. HTTP_X_REAL_IP)
TRUSTED_PROXY_HOPS = _int("CDTHUB_TRUSTED_PROXY_HOPS", 0)
CLIENT_IP_HEADER = _str("CDTHUB_CLIENT_IP_HEADER")
# production: redirect http to https, and HSTS for subdomains too / asking to be preloaded
SSL_REDIRECT = _bool("CDTHUB_SSL_REDIRECT", True)
HSTS_SUBDOMAINS = _bool("CDTHUB_HSTS_SUBDOMAINS", True)
HSTS_PRELOAD = _bool("CDTHUB_HSTS_PRELOAD")
PORT = _int("PORT", 8000)  # `cdthub serve`
WARM_UP = _bool("CDTHUB_WARM_UP")  # build the snapshot when wsgi.py is imported (--preload)
TEST_WORKER = _str("PYTEST_XDIST_WORKER")  # gw0, gw1…: set by pytest-xdist in each test process

# --- e-mail (SMTP) ----------------------------------------------------------------------------
# Django's own defaults (localhost:25, no login) apply to whatever is left unset.
EMAIL_HOST = _str("EMAIL_HOST", "localhost")
EMAIL_PORT = _int("EMAIL_PORT", 25)
EMAIL_HOST_USER = _str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = _str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = _bool("EMAIL_USE_TLS")  # STARTTLS, usually on port 587
EMAIL_USE_SSL = _bool("EMAIL_USE_SSL")  # implicit TLS, usually on port 465
EMAIL_TIMEOUT = _int("EMAIL_TIMEOUT", 10)  # seconds before giving up on the mail server
DEFAULT_FROM_EMAIL = _str("DEFAULT_FROM_EMAIL", "cdthub <noreply@cdthub.invalid>")
STAFF_EMAIL = _str("CDTHUB_STAFF_EMAIL", "staff@cdthub.invalid")  # told of what readers send
