"""Workflow steps: each changes state, writes its audit row and refreshes what pages show."""

import pytest
from django.core import mail

from cdthub.catalog import snapshot
from cdthub.catalog.models import CatalogState, CodeEntry
from cdthub.community import services
from cdthub.community.models import AuditEntry, Comment, Revision, Suggestion

pytestmark = pytest.mark.usefixtures("loaded_db")


def code(name):
    return snapshot.get().catalog.get(name)


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_a_posted_comment_waits_and_staff_are_told(django_capture_on_commit_callbacks, settings):
    settings.CDTHUB_STAFF_EMAIL = "desk@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        c = services.post_comment(
            code=code("D9992"), name=" Pat ", email="Pat@Example.org", body="Is D9992 per visit?"
        )
    assert c.status == Comment.Status.PENDING and c.email == "pat@example.org" and c.name == "Pat"
    assert actions() == ["comment.posted"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["desk@example.org"]
    assert "D9992" in mail.outbox[0].subject and "pat@example.org" not in mail.outbox[0].body


def test_moderation_steps_are_audited_and_refresh_pages(editor, make_comment):
    c = make_comment()
    state = CatalogState.objects.get(pk=1)
    services.approve_comment(c, editor)
    c.refresh_from_db()
    assert c.status == Comment.Status.APPROVED and c.moderated_by == editor
    after = CatalogState.objects.get(pk=1)
    # pages change (new ETags), the catalog does not (no snapshot rebuild)
    assert after.pages_version == state.pages_version + 1 and after.version == state.version
    services.mark_spam(c, editor)
    services.reject_comment(c, editor)  # spam -> rejected: nothing visible changes
    assert CatalogState.objects.get(pk=1).pages_version == state.pages_version + 2
    assert actions() == ["comment.approve", "comment.spam", "comment.reject"]
    assert AuditEntry.objects.filter(actor=editor, code="D9992").count() == 3


def test_bulk_moderation_is_one_step_per_comment(editor, make_comment):
    comments = [make_comment() for _ in range(3)]
    assert services.moderate_comments(comments, editor, "approve") == 3
    assert Comment.objects.published().count() == 3
    assert actions() == ["comment.approve"] * 3
    with pytest.raises(services.WorkflowError):
        services.moderate_comments(comments, editor, "delete")


def test_closed_and_too_deep_comments_are_refused(make_comment):
    with pytest.raises(services.WorkflowError, match="closed"):
        services.post_comment(code=code("D6095"), name="A", email="a@example.org", body="Hi")
    top = make_comment(status=Comment.Status.APPROVED)
    reply = make_comment(status=Comment.Status.APPROVED, parent=top)
    with pytest.raises(services.WorkflowError, match="one level"):
        services.post_comment(
            code=code("D9992"), name="A", email="a@example.org", body="Hi", parent=reply
        )


def suggest(part="summary", text="A new summary written by a reader for this test.", **kw):
    return services.submit_suggestion(
        code=code("D9992"),
        part=part,
        proposed_text=text,
        source=kw.pop("source", "Payer manual 2026, p. 12"),
        **kw,
    )


def test_approving_applies_the_text_keeps_the_old_one_and_shows_everywhere(editor):
    before = CodeEntry.objects.get(code="D9992").summary
    s = suggest()
    assert code("D9992").summary == before  # not public before approval
    rev = services.approve_suggestion(s, editor)
    assert rev.previous_value == before and rev.new_value == s.proposed_text
    assert rev.editor == editor and rev.source == "Payer manual 2026, p. 12"
    assert CodeEntry.objects.get(code="D9992").summary == s.proposed_text
    assert code("D9992").summary == s.proposed_text  # the snapshot moved on
    assert snapshot.get().index.search("written by a reader for this test")[0].code.code == "D9992"
    s.refresh_from_db()
    assert s.status == Suggestion.Status.APPROVED and s.reviewed_by == editor
    assert actions() == ["suggestion.submitted", "suggestion.approved"]
    with pytest.raises(services.WorkflowError, match="already reviewed"):
        services.approve_suggestion(s, editor)


def test_guidance_and_related_are_parsed_then_applied(editor):
    services.approve_suggestion(
        suggest("guidance", "When to use it:\n- Coordinating care."), editor
    )
    services.approve_suggestion(suggest("related", "D9991 - education first"), editor)
    entry = CodeEntry.objects.get(code="D9992")
    assert entry.guidance == {"use": ["Coordinating care."]}
    assert entry.related == [{"code": "D9991", "note": "education first"}]
    assert [r.code for r in code("D9992").related] == ["D9991"]


def test_other_is_recorded_as_an_editor_note_without_changing_the_code(editor):
    before = CodeEntry.objects.get(code="D9992").as_record()
    rev = services.approve_suggestion(suggest("other", "Some payers cap this per month."), editor)
    assert rev.part == "other" and rev.new_value == "Some payers cap this per month."
    assert CodeEntry.objects.get(code="D9992").as_record() == before
    assert list(Revision.objects.filter(code="D9992").notes()) == [rev]


def test_reject_and_ask_for_changes_need_a_reason_and_tell_the_reader(
    editor, django_capture_on_commit_callbacks
):
    s = suggest(email="Reader@Example.org")
    with pytest.raises(services.WorkflowError):
        services.reject_suggestion(s, editor, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_changes(s, editor, "Please cite the payer policy number.")
    s.refresh_from_db()
    assert s.status == Suggestion.Status.CHANGES and s.review_note.startswith("Please cite")
    reader_mail = [m for m in mail.outbox if m.to == ["reader@example.org"]]
    assert len(reader_mail) == 1 and "payer policy number" in reader_mail[0].body
    other = suggest()
    services.reject_suggestion(other, editor, "Not accurate.")
    assert Suggestion.objects.get(pk=other.pk).status == Suggestion.Status.REJECTED
    assert not Revision.objects.exists()


def test_restoring_brings_back_earlier_text_and_keeps_the_current_one(editor):
    original = CodeEntry.objects.get(code="D9992").summary
    first = services.approve_suggestion(suggest(text="First edited summary of the code."), editor)
    services.approve_suggestion(suggest(text="Second edited summary of the code."), editor)
    restored = services.restore_revision(first, editor, side="before")
    assert CodeEntry.objects.get(code="D9992").summary == original == code("D9992").summary
    assert restored.kind == Revision.Kind.RESTORE and restored.restored_from == first
    assert restored.previous_value == "Second edited summary of the code."
    services.restore_revision(first, editor)  # side="after"
    assert code("D9992").summary == "First edited summary of the code."
    assert Revision.objects.for_code("D9992").count() == 4
    assert actions().count("revision.restored") == 2


def test_marking_reviewed_sets_last_reviewed(editor):
    assert Revision.objects.last_reviewed("D9992") is None
    rev = services.mark_reviewed(code("D9992"), editor, "Checked against 2026 changes.")
    assert Revision.objects.last_reviewed("D9992") == rev.created_at
    assert CodeEntry.objects.get(code="D9992").summary  # unchanged, still there


def test_contact_message_is_stored_mailed_and_handled(
    staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        msg = services.submit_contact(
            name="Ann",
            email="ann@example.org",
            topic="coding",
            message="How do I code a recall with FMX?",
        )
    assert mail.outbox[-1].reply_to == ["ann@example.org"]
    services.mark_contact_handled(msg, staff_user)
    msg.refresh_from_db()
    assert msg.handled_by == staff_user and msg.handled_at
    assert actions() == ["contact.received", "contact.handled"]


def test_a_mail_failure_loses_nothing(monkeypatch, django_capture_on_commit_callbacks, caplog):
    def broken(self, *a, **kw):
        raise OSError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        msg = services.submit_contact(
            name="Ann", email="ann@example.org", topic="other", message="Hello there, a question."
        )
    assert msg.pk and "could not send" in caplog.text and "ann@example.org" not in caplog.text
