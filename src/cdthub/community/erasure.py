"""Erasing a person's data on request, by e-mail address (what /privacy/ promises).

`preview(email)` counts what cdthub holds for an address; `erase_person(email, actor)` removes
it in one transaction:

- comments: deleted, except a comment other people replied to, which is anonymised (name,
  address and text replaced) so their replies keep their place;
- contact messages: deleted;
- suggested updates: deleted while not approved; an approved one became part of a code page
  (its history keeps the text as an editor's revision), so it only loses its address.

The audit row says who erased what, and holds a keyed fingerprint of the address
(`fingerprint`), never the address: staff can tell whether an address was erased before by
computing its fingerprint again, but nobody can read the address back from the log.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.crypto import salted_hmac

from cdthub.catalog.versions import pages_changed

from .models import AuditEntry, Comment, ContactMessage, Suggestion, normalize_email
from .services import audit

# what an anonymised comment shows instead of its author's words
REMOVED_NAME = "Removed"
REMOVED_BODY = "This comment was removed at its author's request."

# who may erase: the permissions to delete each kind of record (the Admin role has them)
PERMISSIONS = (
    "community.delete_comment",
    "community.delete_contactmessage",
    "community.delete_suggestion",
)


def fingerprint(email: str) -> str:
    """A keyed hash of the address (HMAC with the site's secret key): the same address always
    gives the same fingerprint on this site, and the address cannot be recovered from it."""
    return salted_hmac("cdthub.erasure", normalize_email(email), algorithm="sha256").hexdigest()[
        :20
    ]


def can_erase(user) -> bool:
    return bool(user and user.is_active and user.has_perms(PERMISSIONS))


@dataclass(frozen=True)
class Held:
    """What cdthub holds for one address."""

    comments: int
    comments_replied_to: int  # of those, comments other people replied to (anonymised)
    messages: int
    suggestions: int
    suggestions_approved: int  # of those, approved (they keep their text, lose the address)

    @property
    def anything(self) -> bool:
        return bool(self.comments or self.messages or self.suggestions)


@dataclass(frozen=True)
class Erased:
    comments_deleted: int
    comments_anonymised: int
    messages_deleted: int
    suggestions_deleted: int
    suggestions_anonymised: int
    fingerprint: str

    def summary(self) -> str:
        parts = [
            _count(self.comments_deleted, "comment", "deleted"),
            _count(self.comments_anonymised, "comment", "anonymised"),
            _count(self.messages_deleted, "contact message", "deleted"),
            _count(self.suggestions_deleted, "suggestion", "deleted"),
            _count(self.suggestions_anonymised, "suggestion", "anonymised"),
        ]
        return "; ".join(p for p in parts if p) or "nothing held for this address"


def _count(n: int, what: str, done: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''} {done}" if n else ""


class ErasureError(ValueError):
    """The address cannot be used; the message says why."""


def _address(email: str) -> str:
    address = normalize_email(email)
    if "@" not in address or len(address) > 254:
        raise ErasureError(
            "Give the e-mail address the person wrote from, such as ann@example.org."
        )
    return address


def _replied_to_by_others(comments, address: str):
    others = Comment.objects.filter(parent__in=comments).exclude(email=address)
    return comments.filter(pk__in=others.values("parent"))


def preview(email: str) -> Held:
    address = _address(email)
    comments = Comment.objects.filter(email=address)
    suggestions = Suggestion.objects.filter(email=address)
    return Held(
        comments=comments.count(),
        comments_replied_to=_replied_to_by_others(comments, address).count(),
        messages=ContactMessage.objects.filter(email=address).count(),
        suggestions=suggestions.count(),
        suggestions_approved=suggestions.filter(status=Suggestion.Status.APPROVED).count(),
    )


def erase_person(email: str, actor=None) -> Erased:
    """Erase what cdthub holds for `email` (see the module's docstring) and audit it."""
    address = _address(email)
    with transaction.atomic():
        comments = Comment.objects.filter(email=address)
        published = comments.filter(status=Comment.Status.APPROVED).exists()
        keep = list(_replied_to_by_others(comments, address).values_list("pk", flat=True))
        anonymised = Comment.objects.filter(pk__in=keep).update(
            name=REMOVED_NAME, email="", body=REMOVED_BODY
        )
        # a reply by someone else under a comment of this person stays (its parent is kept);
        # the person's own replies under their own comments go with them
        deleted_comments = comments.exclude(pk__in=keep)
        n_comments = deleted_comments.count()
        deleted_comments.delete()

        n_messages, _ = ContactMessage.objects.filter(email=address).delete()
        suggestions = Suggestion.objects.filter(email=address)
        n_kept = suggestions.filter(status=Suggestion.Status.APPROVED).update(email="")
        n_suggestions, _ = suggestions.exclude(status=Suggestion.Status.APPROVED).delete()

        result = Erased(
            comments_deleted=n_comments,
            comments_anonymised=anonymised,
            messages_deleted=n_messages,
            suggestions_deleted=n_suggestions,
            suggestions_anonymised=n_kept,
            fingerprint=fingerprint(address),
        )
        audit(
            "person.erased",
            actor,
            detail=f"address fingerprint {result.fingerprint}: {result.summary()}",
        )
        if published:
            pages_changed()
    return result


def erased_before(email: str) -> list[AuditEntry]:
    """Audit rows of earlier erasures of this address (found by its fingerprint)."""
    return list(
        AuditEntry.objects.filter(
            action="person.erased", detail__contains=f"fingerprint {fingerprint(_address(email))}"
        )
    )
