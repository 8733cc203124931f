"""`cdthub serve` and `make run` on one machine: DEBUG off, so a reader meets the site's own
error pages (never Django's debug page), on SQLite with the bundled data, and static files
served by whitenoise straight from the apps' folders (no collectstatic needed).

`cdthub serve --dev` uses dev.py instead: the same, with DEBUG on."""

import warnings

from . import env
from .base import *  # noqa: F403

DEBUG = False
STORAGES["staticfiles"] = {  # noqa: F405 - plain names: nothing to collect, no manifest to miss
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True  # serve from each app's static/ folder, found once at start
# STATIC_ROOT (var/static/) is for collectstatic under production settings; nothing is collected
# here, so whitenoise's note on each start that the folder does not exist is only noise
warnings.filterwarnings("ignore", message=r"No directory at: .*static", category=UserWarning)
# e-mails go to files in var/mail/, never to the console: what readers write stays out of logs
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = env.VAR_DIR / "mail"
