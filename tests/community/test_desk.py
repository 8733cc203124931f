"""The editor desk: moderation queue one at a time and in bulk, and who may open it."""

import pytest
from django.test import Client

from cdthub.community.models import AuditEntry, Comment

pytestmark = pytest.mark.usefixtures("loaded_db")


def test_the_queue_needs_login_and_the_editor_role(client, staff_user):
    r = client.get("/community/moderation/")
    assert r.status_code == 302 and r["Location"] == "/accounts/login/?next=/community/moderation/"
    client.force_login(staff_user)
    r = client.get("/community/moderation/")
    assert r.status_code == 403 and "Not allowed" in r.content.decode()


def test_queue_lists_waiting_comments_without_email(editor_client, make_comment):
    make_comment(name="Waiting One", email="hidden@example.org")
    make_comment(name="Published", status=Comment.Status.APPROVED)
    page = editor_client.get("/community/moderation/").content.decode()
    assert "Waiting One" in page and "Published</strong>" not in page
    assert "hidden@example.org" not in page
    assert "Awaiting moderation (1)" in page and "Published (1)" in page


def test_approve_one_from_the_queue(editor_client, make_comment):
    c = make_comment()
    r = editor_client.post("/community/moderation/", {"single": f"approve:{c.pk}"}, follow=True)
    assert "1 comment approved." in r.content.decode()
    assert Comment.objects.get().status == Comment.Status.APPROVED
    assert "Does this apply to nursing homes?" in Client().get("/codes/D9992/").content.decode()


def test_bulk_spam_and_reject(editor_client, make_comment):
    a, b, c = make_comment(), make_comment(), make_comment()
    r = editor_client.post(
        "/community/moderation/", {"bulk": "spam", "ids": [a.pk, b.pk]}, follow=True
    )
    assert "2 comments marked as spam." in r.content.decode()
    editor_client.post("/community/moderation/", {"bulk": "reject", "ids": [c.pk]})
    assert sorted(Comment.objects.values_list("status", flat=True)) == ["rejected", "spam", "spam"]
    assert AuditEntry.objects.filter(action="comment.spam").count() == 2


def test_bulk_without_a_tick_or_with_a_bad_action_says_so(editor_client, make_comment):
    make_comment()
    r = editor_client.post("/community/moderation/", {"bulk": "approve"}, follow=True)
    assert "Tick at least one comment" in r.content.decode()
    r = editor_client.post("/community/moderation/", {"single": "nuke:1"}, follow=True)
    assert "Choose approve, reject or spam" in r.content.decode()
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_an_editor_can_unpublish_a_comment(editor_client, make_comment):
    c = make_comment(status=Comment.Status.APPROVED, body="Visible for now.")
    assert "Visible for now." in Client().get("/codes/D9992/").content.decode()
    editor_client.post("/community/moderation/?status=approved", {"single": f"reject:{c.pk}"})
    assert "Visible for now." not in Client().get("/codes/D9992/").content.decode()


def test_desk_home_counts_what_waits(editor_client, make_comment):
    make_comment()
    page = editor_client.get("/community/").content.decode()
    assert "1 comment waiting" in page and "contact message" not in page


def test_admin_bulk_action_uses_the_same_step(client, make_comment, db):
    from cdthub.community.accounts import create_user

    admin = create_user("ada", "admin", "a-long-test-passphrase-42")
    client.force_login(admin)
    c = make_comment()
    r = client.post(
        "/admin/community/comment/", {"action": "approve_comments", "_selected_action": [c.pk]}
    )
    assert r.status_code == 302
    assert Comment.objects.get().status == Comment.Status.APPROVED
    assert AuditEntry.objects.filter(action="comment.approve", actor=admin).exists()
    change = client.get(f"/admin/community/comment/{c.pk}/change/").content.decode()
    assert "pat@example.org" not in change


@pytest.mark.parametrize("selected", ["99999999999999999999999", "-3", "1 OR 1=1"])
def test_an_admin_bulk_action_on_a_forged_id_is_a_400_and_changes_nothing(
    client, make_comment, selected
):
    from cdthub.community.accounts import create_user

    client.force_login(create_user("ada", "admin", "a-long-test-passphrase-42"))
    c = make_comment()
    data = {"action": "approve_comments", "_selected_action": [str(c.pk), selected]}
    assert client.post("/admin/community/comment/", data).status_code == 400
    assert Comment.objects.get().status == Comment.Status.PENDING
    assert not AuditEntry.objects.filter(action="comment.approve").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"single": "approve:99999999999999999999999"},
        {"bulk": "approve", "ids": ["1", "99999999999999999999"]},
        {"bulk": "spam", "ids": ["-3"]},
        {"single": "reject:x1"},
    ],
)
def test_a_forged_or_out_of_range_id_is_a_400(editor_client, make_comment, data):
    make_comment()
    assert editor_client.post("/community/moderation/", data).status_code == 400
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_out_of_range_ids_elsewhere_on_the_desk_are_answered_not_crashed(editor_client, staff_user):
    huge = "99999999999999999999"
    assert editor_client.get(f"/community/suggestions/{huge}/").status_code == 404
    assert editor_client.post(f"/community/revisions/{huge}/restore/").status_code == 404
    staff = Client()
    staff.force_login(staff_user)
    assert staff.post("/community/contact/", {"handled": huge}).status_code == 400
