"""The moderation policy object on its own."""

import pytest

from cdthub.community.models import Comment
from cdthub.community.moderation import ModerationPolicy

pytestmark = pytest.mark.django_db

policy = ModerationPolicy()


def test_a_new_commenter_waits_for_an_editor():
    assert policy.initial_status("new@example.org") == Comment.Status.PENDING


def test_a_commenter_approved_twice_is_published_at_once_once_confirmed(make_comment):
    make_comment(email="Known@Example.org", status=Comment.Status.APPROVED)
    assert policy.initial_status("known@example.org", confirmed=True) == Comment.Status.PENDING
    make_comment(email="known@example.org", status=Comment.Status.APPROVED)
    assert policy.initial_status(" KNOWN@example.org ", confirmed=True) == Comment.Status.APPROVED


def test_an_address_alone_earns_nothing(make_comment):
    for _ in range(5):
        make_comment(email="known@example.org", status=Comment.Status.APPROVED)
    assert policy.initial_status("known@example.org") == Comment.Status.PENDING
    assert policy.ask_to_confirm("known@example.org", confirmed=False)
    assert not policy.ask_to_confirm("known@example.org", confirmed=True)
    assert not policy.ask_to_confirm("new@example.org", confirmed=False)


def test_a_comment_like_another_waits_even_from_a_trusted_browser(make_comment):
    for _ in range(2):
        make_comment(email="known@example.org", status=Comment.Status.APPROVED)
    status = policy.initial_status("known@example.org", confirmed=True, resembles=True)
    assert status == Comment.Status.PENDING


def test_rejected_or_spam_comments_do_not_build_trust(make_comment):
    make_comment(email="x@example.org", status=Comment.Status.REJECTED)
    make_comment(email="x@example.org", status=Comment.Status.SPAM)
    make_comment(email="x@example.org", status=Comment.Status.APPROVED)
    assert policy.initial_status("x@example.org", confirmed=True) == Comment.Status.PENDING
    make_comment(email="x@example.org", status=Comment.Status.APPROVED)
    make_comment(email="x@example.org", status=Comment.Status.APPROVED)
    # three published, but one marked as spam: no trust
    assert policy.initial_status("x@example.org", confirmed=True) == Comment.Status.PENDING


def test_holding_everything_when_trust_is_switched_off(make_comment):
    strict = ModerationPolicy(trusted_after=0)
    for _ in range(3):
        make_comment(email="y@example.org", status=Comment.Status.APPROVED)
    assert strict.initial_status("y@example.org", confirmed=True) == Comment.Status.PENDING


def test_comments_are_closed_on_deleted_codes(catalog):
    assert policy.comments_open(catalog.get("D9992"))
    closed = policy.comments_open(catalog.get("D6095"))
    assert not closed and "deleted" in closed.reason


def test_replies_go_one_level_deep(make_comment, catalog):
    code = catalog.get("D9992")
    top = make_comment(status=Comment.Status.APPROVED)
    reply = make_comment(status=Comment.Status.APPROVED, parent=top)
    assert policy.can_reply_to(None, code)
    assert policy.can_reply_to(top, code)
    assert not policy.can_reply_to(reply, code)


def test_no_reply_to_an_unpublished_comment_or_another_code(make_comment, catalog):
    pending = make_comment()
    elsewhere = make_comment(code="D0120", status=Comment.Status.APPROVED)
    assert not policy.can_reply_to(pending, catalog.get("D9992"))
    assert not policy.can_reply_to(elsewhere, catalog.get("D9992"))
