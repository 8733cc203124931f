"""Editor and staff accounts: roles (Django groups), `cdthub createuser`, and the guard of the
desk pages (logging in, with its limits on failed attempts, is logins.py).

Roles: Editor moderates comments, reviews suggested updates and curates learn-more links;
Staff reads contact messages; Admin may do everything (a superuser). The groups and their
permissions are made by the data migrations 0002_roles and 0004. Readers need no account.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction


@dataclass(frozen=True)
class Role:
    key: str
    group: str
    permissions: tuple[str, ...] = ()  # community permission codenames; () means all
    superuser: bool = False


ROLES = {
    "editor": Role(
        "editor",
        "Editor",
        (
            "moderate_comment",
            "view_comment",
            "change_comment",
            "review_suggestion",
            "view_suggestion",
            "change_suggestion",
            "restore_revision",
            "view_revision",
            "view_auditentry",
            "view_resource",
            "add_resource",
            "change_resource",
            "delete_resource",
        ),
    ),
    "staff": Role(
        "staff",
        "Staff",
        (
            "view_contactmessage",
            "change_contactmessage",
            "view_auditentry",
        ),
    ),
    "admin": Role("admin", "Admin", superuser=True),
}

MODERATE = "community.moderate_comment"
REVIEW = "community.review_suggestion"
RESTORE = "community.restore_revision"
CONTACT = "community.view_contactmessage"
RESOURCES = "community.change_resource"


class AccountError(Exception):
    """The account cannot be made; the message says why."""


def create_user(username: str, role: str, password: str, email: str = ""):
    """Make a user with one role; they may log in to the desk and the admin."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
    the_role = ROLES[role]
    User = get_user_model()
    username = username.strip()
    try:
        User._meta.get_field("username").run_validators(username)
        if not username:
            raise ValidationError("A username is required.")
    except ValidationError as e:
        raise AccountError(" ".join(e.messages)) from None
    try:
        if User.objects.filter(username__iexact=username).exists():
            raise AccountError(f"A user named {username!r} already exists.")
        group = role_group(the_role)
    except DatabaseError:
        raise AccountError(
            "The database is not ready: run `cdthub serve` once or `cdthub manage migrate` first."
        ) from None
    user = User(
        username=username, email=email.strip(), is_staff=True, is_superuser=the_role.superuser
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as e:
        raise AccountError("Password: " + " ".join(e.messages)) from None
    user.set_password(password)
    with transaction.atomic():
        user.save()
        user.groups.add(group)
    return user


def role_group(role: Role) -> Group:
    """The role's group, made again with its permissions if it went missing (the data
    migration 0002_roles makes them; a database flush removes them)."""
    group, created = Group.objects.get_or_create(name=role.group)
    if created:
        perms = Permission.objects.all()
        if role.permissions:
            perms = perms.filter(content_type__app_label="community", codename__in=role.permissions)
        group.permissions.add(*perms)
    return group


def role_required(*perms: str):
    """Login required (→ login page), then any one of `perms` (→ 403 page)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if not any(request.user.has_perm(p) for p in perms):
                raise PermissionDenied("Your account does not have this role.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
