"""The contact page, its confirmation, and the staff list."""

import pytest
from django.core import mail
from django.test import Client, override_settings

from cdthub.community.forms import stamp
from cdthub.community.models import ContactMessage

pytestmark = pytest.mark.django_db


def data(**overrides):
    d = {
        "name": "Ann Biller",
        "email": "ann@example.org",
        "topic": "coding",
        "message": "Which code for a limited re-evaluation after surgery?",
        "website": "",
        "ts": stamp("contact"),
    }
    d.update(overrides)
    return d


def test_contact_page_has_the_four_topics_and_marks_required_fields(client):
    page = client.get("/contact/").content.decode()
    for label in ["A coding question", "A correction", "Partnership", "Something else"]:
        assert label in page
    assert page.count('class="req"') >= 4 and "novalidate" in page


def test_a_message_is_stored_mailed_and_confirmed(
    client, django_capture_on_commit_callbacks, settings
):
    settings.CDTHUB_STAFF_EMAIL = "team@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post("/contact/", data())
    assert r.status_code == 302 and r["Location"] == "/contact/thanks/"
    assert "your message is on its way" in client.get("/contact/thanks/").content.decode()
    msg = ContactMessage.objects.get()
    assert msg.topic == "coding" and msg.handled_at is None
    assert mail.outbox[0].to == ["team@example.org"] and mail.outbox[0].reply_to == [
        "ann@example.org"
    ]


def test_a_bad_message_shows_each_error_and_keeps_the_text(client):
    r = client.post("/contact/", data(email="ann@", topic="", message="Hi <x>"))
    page = r.content.decode()
    assert r.status_code == 400 and not ContactMessage.objects.exists()
    for field in ["email", "topic", "message"]:
        assert f'id="id_{field}_error"' in page
    assert 'value="ann@"' in page and "Hi &lt;x&gt;" in page
    assert 'value="Ann Biller"' in page


@override_settings(CDTHUB_RATE_LIMITS={"contact": (1, 600)})
def test_contact_is_rate_limited(client):
    assert client.post("/contact/", data()).status_code == 302
    r = client.post("/contact/", data())
    assert r.status_code == 429 and "about 10 minutes" in r.content.decode()


def test_staff_list_messages_and_mark_them_handled(client, staff_user, editor):
    ContactMessage.objects.create(
        name="Ann", email="ann@example.org", topic="correction", message="D0120 summary has a typo."
    )
    client.force_login(staff_user)
    page = client.get("/community/contact/").content.decode()
    assert "D0120 summary has a typo." in page and "A correction" in page
    assert "ann@example.org" not in page
    msg = ContactMessage.objects.get()
    r = client.post("/community/contact/", {"handled": msg.pk}, follow=True)
    assert "marked as handled" in r.content.decode()
    assert ContactMessage.objects.unhandled().count() == 0
    editor_only = Client()
    editor_only.force_login(editor)
    assert editor_only.get("/community/contact/").status_code == 403
