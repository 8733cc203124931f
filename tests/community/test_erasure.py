"""Erasing a person's data by e-mail address: the service, the command and the desk page."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cdthub.community import erasure, retention
from cdthub.community.accounts import create_user
from cdthub.community.models import AuditEntry, Comment, ContactMessage, Suggestion

from ..conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("loaded_db")

PAT = "pat@example.org"
APPROVED = Comment.Status.APPROVED


@pytest.fixture
def held(make_comment):
    """What Pat sent, next to what Sam sent."""
    mine = make_comment(status=APPROVED, email=PAT, body="Pat's question")
    replied = make_comment(status=APPROVED, email="Pat@Example.org ", body="Pat's other question")
    sams_reply = make_comment(
        status=APPROVED, parent=replied, name="Sam", email="sam@example.org", body="Sam answers"
    )
    pats_reply = make_comment(status=APPROVED, parent=mine, email=PAT, body="Pat adds")
    sams = make_comment(status=APPROVED, name="Sam", email="sam@example.org", body="Sam asks")
    ContactMessage.objects.create(name="Pat", email=PAT, topic="other", message="Hello")
    ContactMessage.objects.create(name="Sam", email="sam@example.org", topic="other", message="Hi")
    pending = Suggestion.objects.create(
        code="D9992", part="summary", proposed_text="Better", source="x", email=PAT
    )
    approved = Suggestion.objects.create(
        code="D9992",
        part="summary",
        proposed_text="Kept",
        source="x",
        email=PAT,
        status=Suggestion.Status.APPROVED,
    )
    return {
        "mine": mine,
        "replied": replied,
        "sams_reply": sams_reply,
        "pats_reply": pats_reply,
        "sams": sams,
        "pending": pending,
        "approved": approved,
    }


def test_preview_counts_what_is_held_for_an_address(held):
    found = erasure.preview(" PAT@example.org")
    assert (found.comments, found.comments_replied_to) == (3, 1)
    assert (found.messages, found.suggestions, found.suggestions_approved) == (1, 2, 1)


def test_erasing_removes_the_person_and_keeps_everyone_else(held):
    done = erasure.erase_person(PAT)
    assert (done.comments_deleted, done.comments_anonymised) == (2, 1)
    assert done.messages_deleted == done.suggestions_deleted == done.suggestions_anonymised == 1

    assert not Comment.objects.filter(email=PAT).exists()
    kept = Comment.objects.get(pk=held["replied"].pk)
    assert (kept.name, kept.email, kept.body) == ("Removed", "", erasure.REMOVED_BODY)
    assert Comment.objects.filter(pk__in=[held["sams_reply"].pk, held["sams"].pk]).count() == 2
    assert not Comment.objects.filter(pk__in=[held["mine"].pk, held["pats_reply"].pk]).exists()

    assert list(ContactMessage.objects.values_list("email", flat=True)) == ["sam@example.org"]
    assert not Suggestion.objects.filter(pk=held["pending"].pk).exists()
    approved = Suggestion.objects.get(pk=held["approved"].pk)
    assert approved.email == "" and approved.proposed_text == "Kept"
    assert not erasure.preview(PAT).anything


def test_the_audit_row_holds_a_fingerprint_not_the_address(held, editor):
    erasure.erase_person(PAT, editor)
    row = AuditEntry.objects.get(action="person.erased")
    assert row.actor == editor
    assert "pat" not in row.detail.lower() and "example" not in row.detail
    assert erasure.fingerprint(PAT) in row.detail and "2 comments deleted" in row.detail
    assert erasure.erased_before("PAT@example.org") == [row]
    assert erasure.erased_before("sam@example.org") == []
    assert erasure.fingerprint(PAT) != erasure.fingerprint("sam@example.org")


def test_the_code_page_no_longer_shows_the_erased_words(held, client):
    assert "Pat&#x27;s other question" in client.get("/codes/D9992/").content.decode()
    erasure.erase_person(PAT)
    page = client.get("/codes/D9992/").content.decode()
    assert "Pat&#x27;s" not in page and "Pat adds" not in page
    assert "removed at its author" in page and "Sam answers" in page


def test_a_bad_address_is_refused():
    with pytest.raises(erasure.ErasureError):
        erasure.preview("not an address")


def test_the_command_erases_after_yes(held, capsys):
    call_command("erase_person", PAT, "--dry-run")
    assert "Found 3 comment(s)" in capsys.readouterr().out
    assert Comment.objects.filter(email=PAT).count() == 3
    with pytest.raises(CommandError, match="--yes"):
        call_command("erase_person", PAT)  # not a terminal, no --yes
    call_command("erase_person", PAT, "--yes")
    out = capsys.readouterr().out
    assert "Erased: 2 comments deleted; 1 comment anonymised" in out
    assert not Comment.objects.filter(email=PAT).exists()
    call_command("erase_person", PAT, "--yes")
    out = capsys.readouterr().out
    assert "erased before" in out and "Nothing to erase" in out


def test_the_desk_page_needs_the_right_to_delete(client, editor, staff_user):
    r = client.get("/community/erase/")
    assert r.status_code == 302
    for user in (editor, staff_user):
        client.force_login(user)
        assert client.get("/community/erase/").status_code == 403


def test_an_admin_finds_then_erases_on_the_desk(client, held):
    admin = create_user("ada", "admin", PASSWORD)
    client.force_login(admin)
    assert 'href="/community/erase/"' in client.get("/community/").content.decode()
    page = client.post("/community/erase/", {"email": PAT}).content.decode()
    assert "3 comments" in page and "Erase all of it" in page
    assert Comment.objects.filter(email=PAT).count() == 3  # finding changes nothing
    r = client.post("/community/erase/", {"email": PAT, "confirm": "erase"}, follow=True)
    assert "Erased: 2 comments deleted" in r.content.decode()
    assert not Comment.objects.filter(email=PAT).exists()
    assert AuditEntry.objects.get(action="person.erased").actor == admin
    r = client.post("/community/erase/", {"email": "nope"})
    assert "Enter a valid email address" in r.content.decode()


# keeping periods ------------------------------------------------------------------------------
def test_purge_removes_only_what_has_passed_its_period(make_comment, settings):
    settings.CDTHUB_RETENTION = {"rejected_comments": 30, "handled_messages": 365}
    now = timezone.now()
    old, recent = now - dt.timedelta(days=31), now - dt.timedelta(days=29)
    gone = make_comment(status=Comment.Status.SPAM, moderated_at=old)
    stays = make_comment(status=Comment.Status.REJECTED, moderated_at=recent)
    published = make_comment(status=APPROVED, moderated_at=old)
    handled = ContactMessage.objects.create(
        name="A", email=PAT, topic="other", message="x", handled_at=now - dt.timedelta(days=366)
    )
    fresh = ContactMessage.objects.create(
        name="B", email=PAT, topic="other", message="y", handled_at=now - dt.timedelta(days=10)
    )
    open_msg = ContactMessage.objects.create(name="C", email=PAT, topic="other", message="z")
    reviewed = Suggestion.objects.create(
        code="D9992",
        part="summary",
        proposed_text="t",
        source="s",
        email=PAT,
        status=Suggestion.Status.REJECTED,
        reviewed_at=now - dt.timedelta(days=91),
    )
    waiting = Suggestion.objects.create(
        code="D9992", part="summary", proposed_text="t", source="s", email=PAT
    )

    result = retention.purge(now)
    assert (result.comments, result.messages, result.suggestion_emails) == (1, 1, 1)
    assert set(Comment.objects.values_list("pk", flat=True)) == {stays.pk, published.pk}
    assert gone.pk not in set(Comment.objects.values_list("pk", flat=True))
    assert set(ContactMessage.objects.values_list("pk", flat=True)) == {fresh.pk, open_msg.pk}
    assert not ContactMessage.objects.filter(pk=handled.pk).exists()
    assert Suggestion.objects.get(pk=reviewed.pk).email == ""
    assert Suggestion.objects.get(pk=waiting.pk).email == PAT
    assert AuditEntry.objects.filter(action="data.purged").count() == 1


def test_purge_command_reports_what_it_did(capsys):
    call_command("purge_expired")
    assert "0 rejected or spam comments deleted" in capsys.readouterr().out
