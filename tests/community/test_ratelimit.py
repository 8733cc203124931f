"""Rate limits: the client's address behind proxies, and counting that holds when posts arrive
at the same moment (a real gunicorn with several worker processes)."""

import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.signals import request_started
from django.test import Client, RequestFactory, override_settings

from cdthub.community import ratelimit
from cdthub.community.models import Comment
from cdthub.web.scratch import post_burst

from ..conftest import comment_data

URL = "/codes/D9992/comments/new/"
PROXY = "10.0.0.2"


def _ip(remote="10.0.0.2", **headers):
    return ratelimit.client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


@pytest.mark.parametrize(
    "hops, forwarded, expected",
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # the client wrote the first entry
        (2, "6.6.6.6, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, "203.0.113.5", PROXY),  # fewer entries than proxies: nothing to trust
        (1, "not an address", PROXY),
        (0, "203.0.113.5", PROXY),  # no proxy configured: the header is ignored
    ],
)
def test_the_client_address_is_the_entry_the_trusted_proxies_wrote(
    settings, hops, forwarded, expected
):
    settings.CDTHUB_TRUSTED_PROXY_HOPS = hops
    assert _ip(HTTP_X_FORWARDED_FOR=forwarded) == expected


def test_a_header_set_by_the_proxy_can_name_the_address(settings):
    settings.CDTHUB_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert _ip(HTTP_X_REAL_IP="2001:db8::1") == "2001:db8::1"
    assert _ip(HTTP_X_REAL_IP="<script>") == PROXY


@pytest.mark.usefixtures("loaded_db")
@override_settings(CDTHUB_TRUSTED_PROXY_HOPS=1, CDTHUB_RATE_LIMITS={"comment": (2, 600)})
def test_behind_a_proxy_a_forged_first_entry_does_not_escape_the_limit():
    client = Client(REMOTE_ADDR=PROXY)
    for n in range(2):
        forged = f"198.18.0.{n}, 203.0.113.5"
        assert client.post(URL, comment_data(), HTTP_X_FORWARDED_FOR=forged).status_code == 302
    r = client.post(URL, comment_data(), HTTP_X_FORWARDED_FOR="198.18.0.9, 203.0.113.5")
    assert r.status_code == 429
    # another reader behind the same proxy has a limit of their own
    r = client.post(URL, comment_data(), HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert r.status_code == 302 and Comment.objects.count() == 3


@pytest.mark.django_db
def test_forwarding_headers_without_a_configured_proxy_are_reported_once(client, caplog):
    ratelimit.watch_for_proxies()
    try:
        with caplog.at_level(logging.WARNING, logger="cdthub.community.ratelimit"):
            client.get("/search/")
            client.get("/search/", HTTP_X_FORWARDED_FOR="203.0.113.5")
            client.get("/search/", HTTP_X_FORWARDED_FOR="203.0.113.6")
        warnings = [r.getMessage() for r in caplog.records if "proxy" in r.getMessage()]
        assert len(warnings) == 1 and "CDTHUB_TRUSTED_PROXY_HOPS" in warnings[0]
        assert "203.0.113" not in caplog.text
    finally:
        request_started.disconnect(dispatch_uid=ratelimit.__name__)


@pytest.mark.django_db
@override_settings(CDTHUB_TRUSTED_PROXY_HOPS=1)
def test_a_configured_proxy_is_not_reported(client, caplog):
    request_started.disconnect(dispatch_uid=ratelimit.__name__)
    ratelimit.watch_for_proxies()
    with caplog.at_level(logging.WARNING):
        client.get("/search/", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert "proxy" not in caplog.text


@override_settings(CDTHUB_RATE_LIMITS={"comment": (5, 600)})
def test_twenty_threads_taking_at_once_get_exactly_the_limit():
    counter = ratelimit.Counter("comment", "203.0.113.5")
    with ThreadPoolExecutor(max_workers=20) as pool:
        taken = list(pool.map(lambda _: counter.take(), range(20)))
    assert taken.count(True) == 5


def test_twenty_posts_at_once_from_one_address_let_at_most_the_limit_through(scratch_site):
    # the scratch site keeps the default limit of 5 comments per address in 10 minutes, counted
    # in the file cache its two worker processes share
    accepted = post_burst(scratch_site, 20)
    assert 0 < accepted <= 5
    assert scratch_site.stored_comments() == accepted
