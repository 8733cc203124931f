"""Proof that a commenter owns the address they type, and the signed links e-mailed to them.

Anyone can type anyone's e-mail address into a form, so an address alone never earns
auto-approval. Trust lives in the commenter's browser instead: a regular commenter (see
ModerationPolicy) whose comment waits is e-mailed a link; opening it sets the
`cdthub_commenter` cookie, signed by the site and holding a keyed fingerprint of the address
(never the address). A later comment is published at once only when it comes with that cookie
and the same address. An impersonator has neither the e-mail nor the cookie.

The other signed link stops reply e-mails; it names a comment by its id only, so no address
ever appears in a URL, a log line or a cookie.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from . import ratelimit
from .models import normalize_email

COOKIE = "cdthub_commenter"
COOKIE_MAX_AGE = 365 * 24 * 3600  # a year; confirming again renews it
LINK_MAX_AGE = 7 * 24 * 3600  # a confirmation link works for a week
ASK_AGAIN_AFTER = 24 * 3600  # at most one confirmation e-mail a day per address

_FINGERPRINT_SALT = "cdthub.community.commenter"
_CONFIRM_SALT = "cdthub.community.confirm-address"
_COOKIE_SALT = "cdthub.community.commenter-cookie"
_STOP_SALT = "cdthub.community.stop-replies"


_INCOMPLETE = (
    "This link is not complete or was changed. Open it from the e-mail again, or copy all of it."
)


class BadLink(Exception):
    """A link that was altered, cut short or is too old; the message says which."""


def fingerprint(email: str) -> str:
    """A keyed hash of the address: equal for equal addresses, useless without the secret."""
    return salted_hmac(_FINGERPRINT_SALT, normalize_email(email), algorithm="sha256").hexdigest()


# confirming an address ---------------------------------------------------------------------
def confirm_token(email: str) -> str:
    return signing.dumps(fingerprint(email), salt=_CONFIRM_SALT, compress=False)


def confirm_url(email: str) -> str:
    path = reverse("community:confirm_address", args=[confirm_token(email)])
    return f"{settings.CDTHUB_SITE_URL}{path}"


def read_confirm_token(token: str) -> str:
    """The fingerprint a confirmation link carries."""
    try:
        value = signing.loads(token, salt=_CONFIRM_SALT, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise BadLink("This link is more than a week old.") from None
    except signing.BadSignature:
        raise BadLink(_INCOMPLETE) from None
    if not isinstance(value, str):
        raise BadLink(_INCOMPLETE)
    return value


def remember(response: HttpResponse, fingerprint_: str) -> None:
    """Set the signed cookie that says: this browser confirmed this address."""
    response.set_signed_cookie(
        COOKIE,
        fingerprint_,
        salt=_COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def confirmed(request: HttpRequest, email: str) -> bool:
    """Did this browser confirm `email` (within the cookie's life)?"""
    held = request.get_signed_cookie(
        COOKIE, default=None, salt=_COOKIE_SALT, max_age=COOKIE_MAX_AGE
    )
    return bool(held) and bool(email) and constant_time_compare(held, fingerprint(email))


def may_ask(email: str) -> bool:
    """True once a day per address: the confirmation e-mail is not a way to flood an inbox."""
    key = f"cdthub:confirm-asked:{fingerprint(email)}"
    return ratelimit.shared_cache().add(key, 1, timeout=ASK_AGAIN_AFTER)


# stopping reply e-mails --------------------------------------------------------------------
def stop_token(comment_id: int) -> str:
    return signing.dumps(comment_id, salt=_STOP_SALT)


def stop_url(comment_id: int) -> str:
    path = reverse("community:stop_replies", args=[stop_token(comment_id)])
    return f"{settings.CDTHUB_SITE_URL}{path}"


def read_stop_token(token: str) -> int:
    try:
        value = signing.loads(token, salt=_STOP_SALT)
    except signing.BadSignature:
        raise BadLink(_INCOMPLETE) from None
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadLink(_INCOMPLETE)
    return value
