"""Item 12: an e-mail address alone never earns auto-approval. A regular commenter confirms
the address through a signed link; only a browser holding the cookie it sets is trusted."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.test import Client

from cdthub.community import trust
from cdthub.community.models import Comment

from ..conftest import comment_data

pytestmark = pytest.mark.usefixtures("loaded_db")

URL = "/codes/D9992/comments/new/"
VICTIM = "regular@example.org"


@pytest.fixture
def regular(make_comment):
    """An address with two published comments."""
    for _ in range(2):
        make_comment(status=Comment.Status.APPROVED, email=VICTIM, body="An earlier good remark.")
    return VICTIM


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def confirmations(address):
    return [m for m in mail.outbox if m.to == [address] and "Confirm your address" in m.subject]


def link_in(message):
    return urlsplit(re.search(r"https?://\S+/comments/confirm/\S+/", message.body).group(0)).path


def post(client, body, email=VICTIM):
    r = client.post(URL, comment_data(email=email, body=body))
    assert r.status_code == 302
    return Comment.objects.filter(body=body).get()


def confirmed_browser(regular, send_now):
    """A browser that posted once, then opened the link e-mailed to the address."""
    browser = Client()
    with send_now():
        post(browser, "My first comment from this browser.", email=regular)
    [message] = confirmations(regular)
    r = browser.get(link_in(message))
    assert r.status_code == 200 and "Your address is confirmed" in r.content.decode()
    return browser


def test_typing_a_regular_commenters_address_is_moderated(client, regular):
    comment = post(client, "Impersonating a regular commenter.")
    assert comment.status == Comment.Status.PENDING
    assert "Impersonating" not in client.get("/codes/D9992/").content.decode()


def test_a_confirmed_browser_is_published_at_once_and_only_for_its_address(regular, send_now):
    browser = confirmed_browser(regular, send_now)
    first = Comment.objects.get(body="My first comment from this browser.")
    assert first.status == Comment.Status.PENDING  # confirming publishes nothing already sent
    r = browser.post(URL, comment_data(email=" Regular@Example.org ", body="Now I am trusted."))
    assert r["Location"].endswith("?published=1")
    assert "Now I am trusted." in Client().get("/codes/D9992/").content.decode()
    # the same browser typing someone else's address gets no trust from the cookie
    other = post(browser, "Someone else's address here.", email="someone@example.org")
    assert other.status == Comment.Status.PENDING


def test_an_impersonator_with_their_own_confirmed_cookie_is_moderated(
    regular, make_comment, send_now
):
    for _ in range(2):
        make_comment(status=Comment.Status.APPROVED, email="mallory@example.org")
    mallory = Client()
    with send_now():
        post(mallory, "Mallory's own comment, waiting.", email="mallory@example.org")
    mallory.get(link_in(confirmations("mallory@example.org")[0]))
    assert post(mallory, "Mallory trusted.", email="mallory@example.org").is_published
    assert post(mallory, "Mallory pretending.", email=regular).status == Comment.Status.PENDING


def test_a_copied_or_forged_cookie_value_does_not_help(client, regular):
    client.cookies[trust.COOKIE] = trust.fingerprint(regular)  # unsigned: refused
    assert post(client, "Forged cookie one.").status == Comment.Status.PENDING
    client.cookies[trust.COOKIE] = signing.get_cookie_signer(salt="other").sign(
        trust.fingerprint(regular)
    )
    assert post(client, "Forged cookie two.").status == Comment.Status.PENDING


def test_the_cookie_holds_no_address_and_is_http_only(regular, send_now):
    browser = confirmed_browser(regular, send_now)
    cookie = browser.cookies[trust.COOKIE]
    assert "regular" not in cookie.value.lower() and "example" not in cookie.value.lower()
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == trust.COOKIE_MAX_AGE


def test_a_newcomer_is_not_asked_to_confirm(client, send_now):
    with send_now():
        post(client, "A newcomer's first comment.", email="new@example.org")
    assert confirmations("new@example.org") == []  # nothing to gain: no e-mail


def test_at_most_one_confirmation_email_a_day(client, regular, send_now):
    with send_now():
        post(client, "First try.")
        post(Client(), "Second try, another browser.")
    [message] = confirmations(regular)
    assert regular not in message.body and "/comments/confirm/" in message.body


def test_a_changed_or_old_link_sets_no_cookie(client, regular, send_now, monkeypatch):
    with send_now():
        post(client, "Waiting comment.")
    path = link_in(confirmations(regular)[0])
    r = client.get(path[:-3] + "xx/")
    assert r.status_code == 400 and "not complete or was changed" in r.content.decode()
    assert trust.COOKIE not in r.cookies
    monkeypatch.setattr(trust, "LINK_MAX_AGE", -1)
    r = client.get(path)
    assert r.status_code == 400 and "more than a week old" in r.content.decode()
    assert trust.COOKIE not in r.cookies
    assert post(client, "Still moderated.").status == Comment.Status.PENDING


def test_spam_from_the_address_takes_the_trust_away(regular, make_comment, send_now):
    browser = confirmed_browser(regular, send_now)
    make_comment(status=Comment.Status.SPAM, email=regular, code="D0120")
    assert post(browser, "After a spam mark.").status == Comment.Status.PENDING


def test_the_confirm_page_is_never_cached(regular, send_now):
    browser = Client()
    with send_now():
        post(browser, "Waiting comment.")
    r = browser.get(link_in(confirmations(regular)[0]))
    assert "no-cache" in r["Cache-Control"] or "max-age=0" in r["Cache-Control"]
