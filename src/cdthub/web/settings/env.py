"""Every environment variable cdthub reads, in one place."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[4]  # the project checkout (holds var/)
VAR_DIR = Path(os.environ.get("CDTHUB_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]
EMAIL_URL = os.environ.get("EMAIL_HOST", "")
STAFF_EMAIL = os.environ.get("CDTHUB_STAFF_EMAIL", "staff@cdthub.invalid")
SITE_URL = os.environ.get("CDTHUB_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# the request header holding the client address when behind a proxy (Django META name)
CLIENT_IP_HEADER = os.environ.get("CDTHUB_CLIENT_IP_HEADER", "")
