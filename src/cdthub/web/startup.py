"""Checks made before the site serves a page, with what to run when one fails.

With a manifest storage (production) every page links its CSS and scripts through
`var/static/staticfiles.json`; a file missing there makes every page answer 500. So
`cdthub serve` and wsgi.py look first, and refuse to start with one clear sentence.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.exceptions import ImproperlyConfigured

IGNORED = ["CVS", ".*", "*~"]  # what collectstatic leaves out by default


def static_files_missing() -> list[str]:
    """Static files the manifest lacks (all of them when it was never collected); [] when the
    storage needs no manifest."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    manifest = staticfiles_storage.load_manifest()[0]
    return sorted(
        path
        for finder in finders.get_finders()
        for path, _ in finder.list(IGNORED)
        if path not in manifest
    )


def check_static_files() -> None:
    missing = static_files_missing()
    if missing:
        raise ImproperlyConfigured(
            f"the static files are not collected, or out of date ({len(missing)} missing, such as "
            f"{missing[0]}): run `cdthub manage collectstatic --noinput` with the same settings, "
            "then start again"
        )
