"""Suggest an update → editor review with a diff → the page and its public history."""

import pytest
from django.core import mail
from django.test import Client

from cdthub.catalog import snapshot
from cdthub.catalog.models import CodeEntry
from cdthub.community import services
from cdthub.community.forms import stamp
from cdthub.community.models import Revision, Suggestion

pytestmark = pytest.mark.usefixtures("loaded_db")

URL = "/codes/D9992/suggest/"
NEW = "Time the office spends arranging a patient's care with other providers, as tested here."


def data(**overrides):
    d = {
        "part": "summary",
        "text": NEW,
        "source": "State Medicaid manual, section 4",
        "email": "",
        "website": "",
        "ts": stamp("suggestion"),
    }
    d.update(overrides)
    return d


def test_every_code_page_links_to_suggest_and_history(client):
    page = client.get("/codes/D9992/").content.decode()
    assert f'href="{URL}"' in page and 'href="/codes/D9992/history/"' in page
    assert "Not yet reviewed by a cdthub editor" in page
    assert "Share new or updated information" in page


def test_suggest_form_starts_from_the_current_text(client):
    summary = CodeEntry.objects.get(code="D9992").summary
    page = client.get(URL).content.decode()
    assert "Suggest an update" in page and summary[:40] in page.split('id="id_text"')[1][:800]
    page = client.get(URL + "?part=related").content.decode()
    inputs = page.split('id="lines"')[1].split("</ol>")[0]
    assert 'name="line"' in inputs and '">D9991 - ' in inputs
    assert 'id="id_text"' not in page  # no single box of lines


def test_a_suggestion_is_stored_but_not_shown_until_approved(client):
    r = client.post(URL, data(email="me@example.org"))
    assert r.status_code == 302 and r["Location"] == "/codes/D9992/suggest/thanks/"
    assert (
        "Nothing changes on the page until an editor approves it"
        in client.get(r["Location"]).content.decode()
    )
    s = Suggestion.objects.get()
    assert s.status == Suggestion.Status.PENDING and s.email == "me@example.org"
    for path in ["/codes/D9992/", "/codes/D9992/history/", "/api/v1/codes/D9992"]:
        body = client.get(path).content.decode()
        assert NEW not in body and "me@example.org" not in body


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"text": ""}, "text", "required"),
        ({"source": ""}, "source", "required"),
        ({"part": "related", "line": ["D9998 - nope"]}, "lines", "not a CDT code"),
        ({"part": "related", "line": ["", " "]}, "lines", "at least one code"),
        (
            {
                "part": "resource",
                "title": "A guide",
                "url": "javascript:alert(1)",
                "publisher": "X",
            },
            "url",
            "https://",
        ),
        (
            {"part": "resource", "url": "https://example.org/a", "publisher": "X"},
            "title",
            "required",
        ),
        ({"email": "nope"}, "email", "valid email"),
        ({"text": "x" * 6001}, "text", "at most 6000"),
    ],
)
def test_bad_suggestions_show_errors_next_to_fields(client, overrides, field, message):
    r = client.post(URL, data(**overrides))
    page = r.content.decode()
    assert r.status_code == 400 and not Suggestion.objects.exists()
    error = page.split(f'id="id_{field}_error"')[1][:300]
    assert message in error


def test_an_unknown_part_is_refused_without_storing(client):
    r = client.post(URL, data(part="colour"))
    assert r.status_code == 400 and not Suggestion.objects.exists()
    assert "cannot be changed here" in r.content.decode()


def test_the_same_text_as_now_is_refused(client):
    current = CodeEntry.objects.get(code="D9992").summary
    r = client.post(URL, data(text=current))
    assert r.status_code == 400 and "same as the current text" in r.content.decode()


def test_editor_sees_the_changes_and_approves(editor_client):
    client = Client()  # an anonymous reader
    client.post(URL, data(text=NEW + " <img src=x onerror=alert(1)>"))
    s = Suggestion.objects.get()
    review = editor_client.get(f"/community/suggestions/{s.pk}/").content.decode()
    assert 'class="diff-changes"' in review and "Added: " in review and "Removed: " in review
    assert "<img src=x" not in review and "&lt;img" in review
    assert "State Medicaid manual" in review
    r = editor_client.post(f"/community/suggestions/{s.pk}/", {"action": "approve", "note": ""})
    assert r.status_code == 302
    page = client.get("/codes/D9992/").content.decode()
    assert "as tested here." in page and "&lt;img" in page
    assert "Last reviewed by an editor on" in page
    history = client.get("/codes/D9992/history/").content.decode()
    assert "Approved suggestion: summary" in history and "by edna" in history
    assert "State Medicaid manual" in history and "Restore" not in history  # public view
    assert client.get("/api/v1/codes/D9992").json()["summary"].startswith(NEW[:30])


def test_reject_needs_a_reason_and_changes_request_mails_the_reader(
    editor_client, django_capture_on_commit_callbacks
):
    client = Client()
    client.post(URL, data(email="reader@example.org"))
    s = Suggestion.objects.get()
    r = editor_client.post(f"/community/suggestions/{s.pk}/", {"action": "reject", "note": ""})
    assert r.status_code == 400 and "Say why" in r.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            f"/community/suggestions/{s.pk}/",
            {"action": "changes", "note": "Which section of the manual?"},
        )
    assert Suggestion.objects.get().status == Suggestion.Status.CHANGES
    assert any("Which section" in m.body and m.to == ["reader@example.org"] for m in mail.outbox)
    assert NEW not in client.get("/codes/D9992/").content.decode()


def test_other_becomes_a_public_editor_note_once_approved(editor_client):
    client = Client()
    client.post(URL, data(part="other", text="Two payers now require a care plan."))
    assert "Two payers" not in client.get("/codes/D9992/").content.decode()
    s = Suggestion.objects.get()
    editor_client.post(f"/community/suggestions/{s.pk}/", {"action": "approve", "note": ""})
    page = client.get("/codes/D9992/").content.decode()
    assert "Editors’ notes" in page and "Two payers now require a care plan." in page


def test_an_editor_restores_an_earlier_revision_from_the_history(editor, editor_client):
    client = Client()
    original = CodeEntry.objects.get(code="D9992").summary
    s = services.submit_suggestion(
        code=snapshot.get().catalog.get("D9992"), part="summary", proposed_text=NEW, source="test"
    )
    rev = services.approve_suggestion(s, editor)
    history = editor_client.get("/codes/D9992/history/").content.decode()
    assert f'action="/community/revisions/{rev.pk}/restore/"' in history
    r = editor_client.post(f"/community/revisions/{rev.pk}/restore/", {"side": "before"})
    assert r.status_code == 302 and r["Location"] == "/codes/D9992/history/"
    assert original[:50] in client.get("/codes/D9992/").content.decode()
    assert Revision.objects.filter(kind="restore").count() == 1
    assert "Restored earlier text" in client.get("/codes/D9992/history/").content.decode()


def test_readers_cannot_review_or_restore(client, staff_user, editor):
    s = Suggestion.objects.create(code="D9992", part="summary", proposed_text=NEW, source="x")
    r = client.get(f"/community/suggestions/{s.pk}/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/?next=")
    client.force_login(staff_user)  # staff role: contact messages, not reviews
    assert client.get(f"/community/suggestions/{s.pk}/").status_code == 403
    rev = Revision.objects.create(
        code="D9992",
        part="summary",
        kind="suggestion",
        previous_value="a",
        new_value="b",
        editor=editor,
    )
    assert client.post(f"/community/revisions/{rev.pk}/restore/").status_code == 403
    assert client.get(f"/community/revisions/{rev.pk}/restore/").status_code == 405


def test_editor_marks_a_page_reviewed(editor_client):
    client = Client()
    r = editor_client.post("/community/codes/D9992/reviewed/", {"note": "Checked for 2026."})
    assert r.status_code == 302
    page = client.get("/codes/D9992/").content.decode()
    assert "Last reviewed by an editor on" in page
    assert "Checked for 2026." in client.get("/codes/D9992/history/").content.decode()


def test_history_of_an_unknown_code_is_404(client):
    assert client.get("/codes/D9998/history/").status_code == 404
