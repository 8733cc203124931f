"""Leave a reply on a code page, as a reader and as an editor would notice it."""

import json
import re

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client, override_settings

from cdthub.community import services, trust
from cdthub.community.forms import stamp
from cdthub.community.models import Comment

from ..conftest import comment_data

pytestmark = pytest.mark.usefixtures("loaded_db")

URL = "/codes/D9992/comments/new/"


def test_every_code_page_invites_a_reply_with_required_fields_marked(client):
    page = client.get("/codes/D9992/").content.decode()
    assert "Leave a reply" in page and f'action="{URL}"' in page
    assert page.count('class="req"') >= 3 and "(required)" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert "No comments yet" in page


def test_code_page_carries_json_ld_and_a_description(client):
    page = client.get("/codes/D9992/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "MedicalCode" and data["codeValue"] == "D9992"
    assert data["codingSystem"] == "CDT" and data["name"]
    assert re.search(r'<meta name="description" content="D9992: \w', page)
    assert "<title>D9992" in page


def test_a_posted_comment_waits_for_moderation_then_shows(client, editor):
    r = client.post(URL, comment_data())
    assert r.status_code == 302 and r["Location"] == "/codes/D9992/comments/thanks/"
    thanks = client.get(r["Location"]).content.decode()
    assert "An editor reads every comment" in thanks
    assert "narrative with this code" not in client.get("/codes/D9992/").content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    services.approve_comment(comment, editor)
    page = client.get("/codes/D9992/").content.decode()
    assert "narrative with this code" in page and "Pat Reader" in page
    assert 'Comments <span class="count">(1)</span>' in page
    assert "pat@example.org" not in page


def test_staff_are_told_by_email(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, comment_data())
    assert len(mail.outbox) == 1 and "/community/moderation/" in mail.outbox[0].body


def test_text_is_escaped_and_links_only_work_once_approved(client, editor, make_comment):
    body = "<script>alert(1)</script> see https://example.org/policy"
    c = make_comment(body=body)
    queue = Client()
    queue.force_login(editor)
    q = queue.get("/community/moderation/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in q and "<script>alert(1)" not in q
    assert 'href="https://example.org/policy"' not in q
    services.approve_comment(c, editor)
    page = client.get("/codes/D9992/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert '<a href="https://example.org/policy" rel="nofollow">' in page


def test_one_level_of_replies(client, make_comment):
    top = make_comment(status=Comment.Status.APPROVED, name="First")
    reply = make_comment(status=Comment.Status.APPROVED, parent=top, name="Second")
    page = client.get("/codes/D9992/").content.decode()
    assert f"{URL}?reply_to={top.pk}" in page and f"reply_to={reply.pk}" not in page
    form = client.get(f"{URL}?reply_to={top.pk}").content.decode()
    assert "Reply to First" in form and f'name="parent" value="{top.pk}"' in form
    assert client.post(URL, comment_data(parent=top.pk)).status_code == 302
    assert Comment.objects.filter(parent=top).count() == 2
    r = client.post(URL, comment_data(parent=reply.pk))
    assert r.status_code == 400 and "one level deep" in r.content.decode()
    r = client.post(URL, comment_data(parent=999999))
    assert r.status_code == 400 and "no longer available" in r.content.decode()


def test_errors_come_back_next_to_their_fields_with_input_kept(client):
    r = client.post(URL, comment_data(name="", email="not-an-email", body="My <b>text</b>"))
    page = r.content.decode()
    assert r.status_code == 400 and not Comment.objects.exists()
    assert 'id="id_email_error"' in page
    assert 'aria-describedby="id_email_help id_email_error"' in page
    assert 'id="id_name_error"' in page and 'aria-invalid="true"' in page
    assert 'value="not-an-email"' in page and "My &lt;b&gt;text&lt;/b&gt;" in page


def test_length_limits(client):
    r = client.post(URL, comment_data(body="x" * 3001, name="n" * 81))
    assert r.status_code == 400 and "at most 3000 characters" in r.content.decode()


def test_comments_are_closed_on_deleted_codes(client):
    assert "Comments are closed" in client.get("/codes/D6095/").content.decode()
    r = client.post("/codes/D6095/comments/new/", comment_data())
    assert r.status_code == 403 and not Comment.objects.exists()


def test_unknown_code_is_404(client):
    assert client.post("/codes/D9998/comments/new/", comment_data()).status_code == 404


def test_honeypot_thanks_the_bot_and_stores_nothing(client):
    r = client.post(URL, comment_data(website="http://spam.example"))
    assert r.status_code == 302 and not Comment.objects.exists()


def test_csrf_is_required():
    strict = Client(enforce_csrf_checks=True)
    r = strict.post(URL, comment_data())
    assert r.status_code == 403 and "send the form again" in r.content.decode()
    assert not Comment.objects.exists()


@override_settings(CDTHUB_FORM_MIN_SECONDS=600)  # however slow the machine, not 10 minutes
def test_a_form_sent_too_fast_is_refused_then_accepted_later(client):
    import time

    r = client.post(URL, comment_data(ts=stamp("comment")))
    assert r.status_code == 400 and "very quick" in r.content.decode()
    assert client.post(URL, comment_data(ts=stamp("comment", time.time() - 700))).status_code == 302


def test_a_tampered_or_missing_time_stamp_is_refused(client):
    for ts in ["", "123.0:forged", stamp("comment", 1.0)]:
        r = client.post(URL, comment_data(ts=ts))
        assert r.status_code == 400, ts
    assert not Comment.objects.exists()


def test_a_time_stamp_is_used_once(client):
    ts = stamp("comment")
    assert client.post(URL, comment_data(ts=ts)).status_code == 302
    r = client.post(URL, comment_data(ts=ts, body="The same form, sent again by a script."))
    page = r.content.decode()
    assert r.status_code == 400 and "already sent, so it was not stored again" in page
    assert Comment.objects.count() == 1
    fresh = re.search(r'name="ts" value="([^"]+)"', page).group(1)  # the form shown again
    assert fresh != ts and client.post(URL, comment_data(ts=fresh)).status_code == 302


def test_a_form_with_errors_comes_back_with_a_new_stamp_that_works(client):
    ts = stamp("comment")
    page = client.post(URL, comment_data(ts=ts, email="not-an-address")).content.decode()
    fresh = re.search(r'name="ts" value="([^"]+)"', page).group(1)
    assert fresh != ts
    assert client.post(URL, comment_data(ts=fresh)).status_code == 302


def test_a_time_stamp_works_only_on_its_own_form(client):
    for other in ("contact", "suggestion"):
        r = client.post(URL, comment_data(ts=stamp(other)))
        assert r.status_code == 400 and "could not be checked" in r.content.decode()
    assert not Comment.objects.exists()


def test_an_out_of_range_reply_id_is_answered_not_crashed(client):
    huge = "99999999999999999999"
    assert client.get(f"{URL}?reply_to={huge}").status_code == 200
    r = client.post(URL, comment_data(parent=huge))
    assert r.status_code == 400 and "no longer available" in r.content.decode()


@override_settings(CDTHUB_RATE_LIMITS={"comment": (2, 600)})
def test_too_many_comments_from_one_address_get_a_friendly_429(client):
    assert client.post(URL, comment_data()).status_code == 302
    assert client.post(URL, comment_data()).status_code == 302
    r = client.post(URL, comment_data())
    assert r.status_code == 429 and "Please wait a little" in r.content.decode()
    assert r["Retry-After"] == "600"
    assert Comment.objects.count() == 2
    other = Client(REMOTE_ADDR="10.0.0.7")
    assert other.post(URL, comment_data()).status_code == 302


def test_a_trusted_commenter_is_published_at_once(client, make_comment):
    make_comment(status=Comment.Status.APPROVED)
    make_comment(status=Comment.Status.APPROVED)
    response = HttpResponse()
    trust.remember(response, trust.fingerprint("pat@example.org"))  # as the e-mailed link does
    client.cookies.update(response.cookies)
    r = client.post(URL, comment_data(body="Third comment from a known reader."))
    assert r["Location"].endswith("?published=1")
    assert "Third comment from a known reader." in client.get("/codes/D9992/").content.decode()


def test_a_new_comment_changes_the_page_etag(client, editor, make_comment):
    etag = client.get("/codes/D9992/")["ETag"]
    services.approve_comment(make_comment(), editor)
    r = client.get("/codes/D9992/", HTTP_IF_NONE_MATCH=etag)
    assert r.status_code == 200 and "Does this apply" in r.content.decode()
