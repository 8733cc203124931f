"""How long cdthub keeps what readers send, and the clean-up that keeps that promise.

The periods are settings (`CDTHUB_RETENTION`, days), shown on /privacy/ from here so the page
and the clean-up cannot disagree. `purge(now)` removes what has passed its period; run it
daily (`cdthub manage purge_expired`, from cron or a systemd timer).

- a comment rejected or marked as spam: deleted `rejected_comments` days after moderation;
- a contact message: deleted `handled_messages` days after staff marked it handled;
- a suggested update: its e-mail address is removed `suggestion_emails` days after an editor
  approved or rejected it (the address is only there to tell the reader the outcome);
- expired login sessions (staff only) are deleted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from .models import Comment, ContactMessage, Suggestion
from .services import audit

DEFAULTS = {
    "rejected_comments": 30,
    "handled_messages": 365,
    "suggestion_emails": 90,
}


@dataclass(frozen=True)
class Periods:
    rejected_comments: int
    handled_messages: int
    suggestion_emails: int
    session_days: int  # a staff login lasts this long without activity


def periods() -> Periods:
    given = {**DEFAULTS, **getattr(settings, "CDTHUB_RETENTION", {})}
    return Periods(
        rejected_comments=int(given["rejected_comments"]),
        handled_messages=int(given["handled_messages"]),
        suggestion_emails=int(given["suggestion_emails"]),
        session_days=settings.SESSION_COOKIE_AGE // 86400,
    )


@dataclass(frozen=True)
class Purged:
    comments: int
    messages: int
    suggestion_emails: int
    sessions: int

    def summary(self) -> str:
        return (
            f"{self.comments} rejected or spam comments deleted; "
            f"{self.messages} handled contact messages deleted; "
            f"{self.suggestion_emails} e-mail addresses removed from reviewed suggestions; "
            f"{self.sessions} expired sessions deleted"
        )


def purge(now: dt.datetime | None = None) -> Purged:
    now = now or timezone.now()
    keep = periods()

    def before(days: int) -> dt.datetime:
        return now - dt.timedelta(days=days)

    with transaction.atomic():
        comments, _ = (
            Comment.objects.filter(
                status__in=[Comment.Status.REJECTED, Comment.Status.SPAM],
                moderated_at__lt=before(keep.rejected_comments),
            )
            # a rejected comment cannot have published replies, but never take others' with it
            .filter(replies__isnull=True)
            .delete()
        )
        messages, _ = ContactMessage.objects.filter(
            handled_at__lt=before(keep.handled_messages)
        ).delete()
        emails = (
            Suggestion.objects.exclude(email="")
            .filter(
                status__in=[Suggestion.Status.APPROVED, Suggestion.Status.REJECTED],
                reviewed_at__lt=before(keep.suggestion_emails),
            )
            .update(email="")
        )
        sessions, _ = Session.objects.filter(expire_date__lt=now).delete()
        result = Purged(comments, messages, emails, sessions)
        if comments or messages or emails:
            audit("data.purged", None, detail=result.summary())
    return result
