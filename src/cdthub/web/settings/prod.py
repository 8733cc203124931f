"""Production: refuses to start without what it needs, with a weak secret key or with a host
list that lets any name in; HTTPS only (`manage check --deploy` finds nothing to fix)."""

from django.core.exceptions import ImproperlyConfigured

from cdthub.ops.requestlog import json_logging

from . import env
from .base import *  # noqa: F403

for name, value in (("DJANGO_SECRET_KEY", env.SECRET_KEY), ("ALLOWED_HOSTS", env.ALLOWED_HOSTS)):
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production")
if (
    len(env.SECRET_KEY) < 50
    or len(set(env.SECRET_KEY)) < 5
    or env.SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production: use 50 or more random characters, e.g. "
        "the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if "*" in env.ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS=* would answer to any host name; list the site's own names, "
        "e.g. ALLOWED_HOSTS=cdthub.example.org"
    )
if env.EMAIL_USE_TLS and env.EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL exclude each other; set one")

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.SSL_REDIRECT
if env.TRUSTED_PROXY_HOPS or env.CLIENT_IP_HEADER:
    # behind a proxy that ends TLS: it says in X-Forwarded-Proto whether the reader used https
    # (it must set that header itself, never pass on the reader's)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.HSTS_SUBDOMAINS
SECURE_HSTS_PRELOAD = env.HSTS_PRELOAD
if not SECURE_HSTS_PRELOAD:
    # asking browsers to preload the domain is the owner's lasting choice (README)
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# one JSON line per request (request id, method, path without query, status, duration) and
# JSON for every other line; no addresses, query strings or bodies (cdthub/ops/requestlog.py)
MIDDLEWARE = ["cdthub.ops.requestlog.RequestLogMiddleware", *MIDDLEWARE]  # noqa: F405
LOGGING = json_logging()
