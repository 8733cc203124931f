"""Production: refuses to start without the variables it needs."""

from django.core.exceptions import ImproperlyConfigured

from . import env
from .base import *  # noqa: F403

for name, value in (("DJANGO_SECRET_KEY", env.SECRET_KEY), ("ALLOWED_HOSTS", env.ALLOWED_HOSTS)):
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production")
if env.EMAIL_USE_TLS and env.EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL exclude each other; set one")

DEBUG = False
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
