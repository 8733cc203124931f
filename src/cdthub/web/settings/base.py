"""Settings shared by every environment. Environment variables are read in env.py only."""

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url

from . import env

BASE_DIR = env.BASE_DIR
SECRET_KEY = env.SECRET_KEY or "dev-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = env.ALLOWED_HOSTS or ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ninja",  # /api/v1/docs: Swagger UI from ninja's static files, not from a CDN
    "cdthub.catalog",
    "cdthub.community",
    "cdthub.checker",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cdthub.api.middleware.JsonErrors",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "cdthub.web.urls"
WSGI_APPLICATION = "cdthub.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parents[1] / "templates"],  # site chrome, error pages
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cdthub.catalog.context_processors.catalog",
            ],
        },
    }
]


def database(url: str):
    if url:
        # connections are kept a minute and checked before reuse (a restarted server is no error)
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    env.VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env.VAR_DIR / "cdthub.sqlite3",
        # WAL and a busy timeout so concurrent writers wait instead of failing
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


DATABASES = {"default": database(env.DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CACHES = {
    # rendered pages: per process is right (they are rebuilt from the data version)
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # rate-limit counters and spent form stamps must be shared by every worker process of the
    # server; this file cache counts atomically between them (web/filecache.py)
    "shared": {
        "BACKEND": "cdthub.web.filecache.LockedFileCache",
        "LOCATION": env.VAR_DIR / "cache",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}


def redis_caches(url: str) -> dict:
    """Both caches in one Redis, shared by every process of every app server: pages, rate-limit
    counters (INCR is atomic on the server), spent form stamps and sessions."""
    redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    return {
        "default": {**redis, "KEY_PREFIX": "cdthub"},
        "shared": {**redis, "KEY_PREFIX": "cdthub-shared"},
    }


def redis_database(url: str, number: int) -> str:
    """`url` pointing at Redis database `number` instead."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{number}"))


if env.REDIS_URL:
    CACHES = redis_caches(env.REDIS_URL)
    # sessions read from Redis, written through to the database (a Redis restart logs nobody out)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# E-mail through SMTP, configured by the environment (see env.py)
EMAIL_HOST = env.EMAIL_HOST
EMAIL_PORT = env.EMAIL_PORT
EMAIL_HOST_USER = env.EMAIL_HOST_USER
EMAIL_HOST_PASSWORD = env.EMAIL_HOST_PASSWORD
EMAIL_USE_TLS = env.EMAIL_USE_TLS
EMAIL_USE_SSL = env.EMAIL_USE_SSL
EMAIL_TIMEOUT = env.EMAIL_TIMEOUT
DEFAULT_FROM_EMAIL = SERVER_EMAIL = env.DEFAULT_FROM_EMAIL
CDTHUB_MAIL_IN_BACKGROUND = True  # sent by a thread, never while a reader waits (outbox.py)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp) on every response: nothing from elsewhere, no inline
# scripts or styles (they live in static files), no framing. Swagger UI's stylesheet draws its
# icons as data: images. JSON-LD is data, not script: browsers do not run it or check it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Community (comments, suggested updates, contact) -- see cdthub/community/
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/community/"
LOGOUT_REDIRECT_URL = "/"
CDTHUB_STAFF_EMAIL = env.STAFF_EMAIL  # told of new comments, suggestions and contact messages
CDTHUB_SITE_URL = env.SITE_URL  # absolute links in those emails
CDTHUB_FORM_MIN_SECONDS = 3  # a public form sent sooner after it was shown is refused (bots)
CDTHUB_FORM_MAX_AGE = 2 * 24 * 3600  # a form older than this asks to be sent again
# posts accepted per client IP: scope -> (count, window in seconds); login counts failures
CDTHUB_RATE_LIMITS = {
    "comment": (5, 600),
    "suggestion": (5, 600),
    "contact": (5, 600),
    "login": (5, 900),  # per address and username; see community/logins.py
    "login-user": (10, 900),  # per username, from any address
    "login-address": (20, 900),  # per address, across usernames (password spraying)
    "check": (120, 60),  # claim checks per address (/check/ and the API): up to 2 MB each
}
# shared by the worker processes of one machine; with REDIS_URL, by every app server
CDTHUB_RATE_LIMIT_CACHE = "shared"
CDTHUB_TRUSTED_PROXY_HOPS = env.TRUSTED_PROXY_HOPS  # the client address: community/ratelimit.py
CDTHUB_CLIENT_IP_HEADER = env.CLIENT_IP_HEADER  # e.g. HTTP_X_REAL_IP behind a proxy

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
