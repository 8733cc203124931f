"""REDIS_URL moves what app servers share into Redis: the caches, the rate-limit counters, spent
form stamps and sessions. Against a real redis-server (tests/conftest.py's `redis` fixture)."""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis as redis_py
from django.test import override_settings

from cdthub.community import ratelimit
from cdthub.community.forms import _spend as spend_stamp
from cdthub.web.scratch import ScratchSite, post_burst
from cdthub.web.settings.base import redis_caches

pytestmark = pytest.mark.services

SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "caches": {name: c["BACKEND"] for name, c in settings.CACHES.items()},
    "sessions": settings.SESSION_ENGINE,
}))
"""


def _settings(redis_url: str) -> dict:
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "cdthub.web.settings.dev",
    }
    run = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(run.stdout)


def test_redis_url_switches_every_cache_and_the_sessions(redis):
    assert _settings(redis) == {
        "caches": {
            "default": "django.core.cache.backends.redis.RedisCache",
            "shared": "django.core.cache.backends.redis.RedisCache",
        },
        "sessions": "django.contrib.sessions.backends.cached_db",
    }
    local = _settings("")
    assert "redis" not in json.dumps(local)


def test_twenty_threads_taking_at_once_on_redis_get_exactly_the_limit(redis):
    with override_settings(CACHES=redis_caches(redis), CDTHUB_RATE_LIMITS={"comment": (5, 600)}):
        counter = ratelimit.Counter("comment", "203.0.113.5")
        with ThreadPoolExecutor(max_workers=20) as pool:
            taken = list(pool.map(lambda _: counter.take(), range(20)))
        assert taken.count(True) == 5
    # the window expires in Redis itself
    [key] = redis_py.Redis.from_url(redis).keys("*rl:comment*")
    assert 0 < redis_py.Redis.from_url(redis).ttl(key) <= 600


def test_a_form_stamp_is_spent_once_across_processes_sharing_redis(redis):
    with override_settings(CACHES=redis_caches(redis)):
        assert spend_stamp("nonce-1") is True
    with override_settings(CACHES=redis_caches(redis)):  # a new connection: another server
        assert spend_stamp("nonce-1") is False


def test_twenty_posts_at_once_through_two_workers_on_redis_let_at_most_the_limit_through(redis):
    with ScratchSite(min_seconds=1, redis_url=redis) as site:
        accepted = post_burst(site, 20)
        assert 0 < accepted <= 5
        assert site.stored_comments() == accepted
