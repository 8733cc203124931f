"""Limits on failed logins, on the site's login page and the admin's: per address and username,
per username from any address, and per address across usernames (password spraying)."""

import pytest
from django.test import Client, override_settings

from cdthub.community.accounts import create_user

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

LIMITS = {"login": (5, 900), "login-user": (10, 900), "login-address": (20, 900)}
SITE, ADMIN = "/accounts/login/", "/admin/login/?next=/admin/"


def _login(client, username, password=PASSWORD, url=SITE):
    return client.post(url, {"username": username, "password": password})


@override_settings(CDTHUB_RATE_LIMITS=LIMITS)
def test_five_failed_logins_get_a_friendly_429(client, editor):
    for _ in range(5):
        r = _login(client, "edna", "wrong")
        assert r.status_code == 200 and "correct username and password" in r.content.decode()
    r = _login(client, "EDNA ")  # the right password, but too late (and any spelling of the name)
    assert r.status_code == 429 and "login attempts" in r.content.decode()
    assert r["Retry-After"] == "900" and "_auth_user_id" not in client.session
    # another username from the same address is not locked out by edna's failures
    create_user("other", "editor", PASSWORD)
    assert _login(client, "other").status_code == 302


@override_settings(CDTHUB_RATE_LIMITS=LIMITS)
def test_a_successful_login_clears_the_count(client, editor):
    for _ in range(4):
        _login(client, "edna", "wrong")
    assert _login(client, "edna").status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert _login(client, "edna", "wrong").status_code == 200
    assert _login(client, "edna").status_code == 302


@override_settings(CDTHUB_RATE_LIMITS=LIMITS)
def test_one_account_guessed_from_many_addresses_is_limited(editor):
    for n in range(10):
        assert _login(Client(REMOTE_ADDR=f"10.1.0.{n}"), "edna", "wrong").status_code == 200
    r = _login(Client(REMOTE_ADDR="10.1.1.1"), "edna")
    assert r.status_code == 429 and "login attempts" in r.content.decode()


@override_settings(CDTHUB_RATE_LIMITS=LIMITS)
def test_password_spraying_from_one_address_is_limited(client, editor):
    for n in range(20):
        assert _login(client, f"user{n}", "Summer2026!").status_code == 200
    assert _login(client, "edna").status_code == 429  # a 21st username, right password
    assert _login(Client(REMOTE_ADDR="10.2.0.1"), "edna").status_code == 302


@override_settings(CDTHUB_RATE_LIMITS=LIMITS)
def test_the_admin_login_is_limited_too(client, editor):
    for _ in range(5):
        r = _login(client, "edna", "wrong", url=ADMIN)
        assert r.status_code == 200 and "correct username and password" in r.content.decode()
    r = _login(client, "edna", url=ADMIN)
    assert "Too many failed logins" in r.content.decode() and "_auth_user_id" not in client.session
    assert _login(client, "edna", "wrong").status_code == 429  # and on the site's page
    fresh = Client(REMOTE_ADDR="10.3.0.1")
    assert _login(fresh, "edna", url=ADMIN).status_code == 302


@override_settings(CDTHUB_RATE_LIMITS=LIMITS)
def test_a_form_without_a_password_is_not_counted(client, editor):
    for _ in range(8):
        assert _login(client, "edna", "").status_code == 200
    assert _login(client, "edna").status_code == 302
