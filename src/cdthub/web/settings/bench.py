"""Production-like settings for the benchmarks in bench/ (no TLS, fixed key, local hosts)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-not-secret"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
