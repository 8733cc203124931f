"""`cdthub serve --dev` (`make run-dev`): the local site with DEBUG on, for debugging only; its
error pages show code and settings, so never let others reach it."""

from .local import *  # noqa: F403

DEBUG = True
WHITENOISE_AUTOREFRESH = True  # edited CSS and scripts show on the next request
