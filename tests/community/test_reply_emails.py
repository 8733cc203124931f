"""Reply e-mails: a commenter who ticked the box hears, once, of each published reply, and
can stop them with one click."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client

from cdthub.community import services
from cdthub.community.models import Comment

from ..conftest import comment_data

pytestmark = pytest.mark.usefixtures("loaded_db")

URL = "/codes/D9992/comments/new/"


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the e-mails) as soon as a block ends."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


def stop_link(message):
    return re.search(r"https?://\S+/comments/stop-replies/\S+/", message.body).group(0)


def path_of(link):
    return urlsplit(link).path


def test_the_box_is_on_every_comment_form_and_unticked(client, make_comment):
    for url in ("/codes/D9992/", URL):
        page = client.get(url).content.decode()
        box = re.search(r'<input type="checkbox" name="notify_replies"[^>]*>', page).group(0)
        assert "checked" not in box
        assert "E-mail me when someone replies" in page


def test_ticking_the_box_is_stored(client):
    client.post(URL, comment_data(notify_replies="on"))
    client.post(URL, comment_data(body="A second one, without the box."))
    assert [c.notify_replies for c in Comment.objects.order_by("pk")] == [True, False]


def test_the_author_gets_one_email_when_a_reply_is_published(
    client, editor, make_comment, send_now
):
    top = make_comment(status=Comment.Status.APPROVED, notify_replies=True, email="top@example.org")
    with send_now():
        client.post(URL, comment_data(parent=top.pk, name="Rae Replier", email="rae@example.org"))
    reply = Comment.objects.get(parent=top)
    assert to("top@example.org") == []  # waiting for an editor: nothing yet
    with send_now():
        services.approve_comment(reply, editor)
    [message] = to("top@example.org")
    assert "Rae Replier replied" in message.body
    assert f"/codes/D9992/#comment-{reply.pk}" in message.body
    assert "rae@example.org" not in message.body and "rae@example.org" not in message.subject
    assert message.extra_headers["List-Unsubscribe"] == f"<{stop_link(message)}>"
    # unpublished and published again: still one e-mail
    with send_now():
        services.reject_comment(reply, editor)
        services.approve_comment(reply, editor)
    assert len(to("top@example.org")) == 1


def test_no_email_for_rejected_replies_or_without_the_box(editor, make_comment, send_now):
    ticked = make_comment(
        status=Comment.Status.APPROVED, notify_replies=True, email="t@example.org"
    )
    unticked = make_comment(status=Comment.Status.APPROVED, email="u@example.org")
    with send_now():
        for parent in (ticked, unticked):
            services.reject_comment(make_comment(parent=parent, email="r@example.org"), editor)
        services.approve_comment(make_comment(parent=unticked, email="r@example.org"), editor)
    assert to("t@example.org") == [] and to("u@example.org") == []


def test_no_email_to_the_replier_themselves(editor, make_comment, send_now):
    top = make_comment(status=Comment.Status.APPROVED, notify_replies=True, email="me@example.org")
    with send_now():
        services.approve_comment(make_comment(parent=top, email="ME@example.org"), editor)
    assert to("me@example.org") == []


def test_earlier_repliers_who_ticked_the_box_hear_too(editor, make_comment, send_now):
    top = make_comment(status=Comment.Status.APPROVED, email="top@example.org")
    make_comment(
        parent=top, status=Comment.Status.APPROVED, notify_replies=True, email="early@example.org"
    )
    with send_now():
        services.approve_comment(make_comment(parent=top, email="late@example.org"), editor)
    assert len(to("early@example.org")) == 1 and to("top@example.org") == []


def test_the_stop_link_works_once_and_again_without_login(editor, make_comment, send_now):
    top = make_comment(status=Comment.Status.APPROVED, notify_replies=True, email="top@example.org")
    other = make_comment(
        code="D0120", status=Comment.Status.APPROVED, notify_replies=True, email="top@example.org"
    )
    with send_now():
        services.approve_comment(make_comment(parent=top, email="r@example.org"), editor)
    link = stop_link(to("top@example.org")[0])
    assert "top@example.org" not in link and "top%40" not in link
    reader = Client()
    for _ in range(2):  # idempotent
        r = reader.get(path_of(link))
        assert r.status_code == 200 and "No more reply e-mails" in r.content.decode()
    top.refresh_from_db()
    other.refresh_from_db()
    assert not top.notify_replies and not other.notify_replies
    with send_now():
        services.approve_comment(make_comment(parent=top, email="r2@example.org"), editor)
    assert len(to("top@example.org")) == 1


def test_a_mail_client_can_stop_with_a_post_and_no_csrf_token(editor, make_comment, send_now):
    top = make_comment(status=Comment.Status.APPROVED, notify_replies=True, email="top@example.org")
    with send_now():
        services.approve_comment(make_comment(parent=top, email="r@example.org"), editor)
    path = path_of(stop_link(to("top@example.org")[0]))
    r = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert r.status_code == 200
    top.refresh_from_db()
    assert not top.notify_replies


def test_a_changed_stop_link_is_refused_and_stops_nothing(make_comment):
    top = make_comment(status=Comment.Status.APPROVED, notify_replies=True)
    r = Client().get(f"/comments/stop-replies/{top.pk}:forged/")
    assert r.status_code == 400 and "not complete or was changed" in r.content.decode()
    top.refresh_from_db()
    assert top.notify_replies
