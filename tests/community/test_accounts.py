"""Roles, creating accounts, the login page."""

import pytest
from django.contrib.auth.models import Group

from cdthub.community.accounts import AccountError, create_user

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_migration_made_the_three_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editor", "Staff", "Admin"}
    editor = Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)
    assert {"moderate_comment", "review_suggestion", "restore_revision"} <= set(editor)
    assert "view_contactmessage" not in editor


@pytest.mark.parametrize(
    "role, perm, allowed",
    [
        ("editor", "community.moderate_comment", True),
        ("editor", "community.view_contactmessage", False),
        ("staff", "community.view_contactmessage", True),
        ("staff", "community.review_suggestion", False),
        ("admin", "community.review_suggestion", True),
    ],
)
def test_roles_grant_what_they_say(role, perm, allowed):
    user = create_user(f"u-{role}", role, PASSWORD)
    assert user.has_perm(perm) is allowed and user.is_staff


@pytest.mark.parametrize(
    "args, message",
    [
        (("x", "pope", PASSWORD), "Unknown role"),
        (("x", "editor", "short"), "Password"),
        (("bad name!", "editor", PASSWORD), "username"),
    ],
)
def test_create_user_refuses_with_a_clear_message(args, message):
    with pytest.raises(AccountError, match=message):
        create_user(*args)


def test_login_page_looks_like_the_site_and_logs_in(client, editor):
    page = client.get("/accounts/login/").content.decode()
    assert "cdthub" in page and "site.css" in page and 'name="username"' in page
    r = client.post("/accounts/login/", {"username": "edna", "password": PASSWORD})
    assert r.status_code == 302 and r["Location"] == "/community/"


def test_logout_is_a_post(client, editor):
    client.force_login(editor)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/community/").status_code == 302
