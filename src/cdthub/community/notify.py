"""E-mails to staff (new comments, suggestions, contact messages) and to a reader who asked
for follow-up. Sent after the database transaction commits and the response (outbox.py); a
mail failure is logged (without content or addresses) and never loses what the reader sent."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from . import outbox
from .models import Comment, ContactMessage, Suggestion


def _url(path: str) -> str:
    return f"{settings.CDTHUB_SITE_URL}{path}"


def _send(
    subject: str,
    body: str,
    to: list[str],
    what: str,
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
):
    message = EmailMessage(
        subject=subject[:150], body=body, to=to, reply_to=reply_to or None, headers=headers
    )
    outbox.send_after_commit(message, what)


def _staff() -> list[str]:
    return [settings.CDTHUB_STAFF_EMAIL] if settings.CDTHUB_STAFF_EMAIL else []


def new_comment(comment: Comment) -> None:
    state = "was published (trusted commenter)" if comment.is_published else "waits for review"
    body = (
        f"A new comment on {comment.code} {state}.\n\n"
        f"From: {comment.name}\n\n{comment.body}\n\n"
        f"Moderation queue: {_url(reverse('community:moderation'))}\n"
        f"Code page: {_url(reverse('catalog:code', args=[comment.code]))}\n"
    )
    _send(f"[cdthub] New comment on {comment.code}", body, _staff(), f"comment {comment.pk}")


def new_suggestion(suggestion: Suggestion) -> None:
    body = (
        f"A reader suggests a change to the {suggestion.get_part_display().lower()} of "
        f"{suggestion.code}.\n\nSource: {suggestion.source}\n\n{suggestion.proposed_text}\n\n"
        f"Review it: {_url(reverse('community:suggestion', args=[suggestion.pk]))}\n"
    )
    _send(
        f"[cdthub] Suggested update for {suggestion.code}",
        body,
        _staff(),
        f"suggestion {suggestion.pk}",
    )


def new_contact(message: ContactMessage) -> None:
    body = (
        f"{message.get_topic_display()} from {message.name} <{message.email}>\n\n"
        f"{message.message}\n\n"
        f"All messages: {_url(reverse('community:contact_messages'))}\n"
    )
    _send(
        f"[cdthub] Contact: {message.get_topic_display()}",
        body,
        _staff(),
        f"contact message {message.pk}",
        reply_to=[message.email],
    )


def suggestion_reviewed(suggestion: Suggestion) -> None:
    """Tell the reader (when they left an address) what became of their suggestion."""
    if not suggestion.email:
        return
    outcome = {
        Suggestion.Status.APPROVED: "was approved and is now on the page",
        Suggestion.Status.REJECTED: "was not accepted",
        Suggestion.Status.CHANGES: "needs a change before an editor can accept it",
    }.get(suggestion.status)
    if outcome is None:
        return
    page = _url(reverse("catalog:code", args=[suggestion.code]))
    body = f"Thank you for your suggested update to {suggestion.code}. It {outcome}.\n\n"
    if suggestion.review_note:
        body += f"The editor's note:\n{suggestion.review_note}\n\n"
    if suggestion.status == Suggestion.Status.CHANGES:
        body += (
            "You can send a new suggestion here: "
            f"{_url(reverse('community:suggest', args=[suggestion.code]))}\n"
        )
    body += f"The page: {page}\n"
    _send(
        f"[cdthub] Your suggestion for {suggestion.code}",
        body,
        [suggestion.email],
        f"suggestion {suggestion.pk} (reader follow-up)",
    )


def confirm_address(comment: Comment, link: str) -> None:
    """Offer a regular commenter the link that confirms their address in their browser."""
    body = (
        f"Hello {comment.name},\n\n"
        f"Thank you for your comment on {comment.code}. An editor reads it before it appears, "
        "because anyone can type an e-mail address into a form.\n\n"
        "You have commented here before. To have your next comments appear at once, open this "
        "link in the browser you comment from (it works for a week):\n\n"
        f"{link}\n\n"
        "It sets a cookie in that browser that says it confirmed your address. If you did not "
        "comment on cdthub, ignore this e-mail: nothing changes unless the link is opened.\n"
    )
    _send(
        "[cdthub] Confirm your address to skip the wait",
        body,
        [comment.email],
        f"comment {comment.pk} (address confirmation)",
    )


def reply_published(reply: Comment, to: Comment, stop_link: str) -> None:
    """Tell the author of `to`, who asked for it, that `reply` is on the page."""
    page = _url(reverse("catalog:code", args=[reply.code]))
    body = (
        f"Hello {to.name},\n\n"
        f"{reply.name} replied in the conversation on {reply.code} you took part in:\n\n"
        f"{page}#comment-{reply.pk}\n\n"
        'You get this e-mail because you ticked "E-mail me when someone replies". To get no '
        f"more of them, open this link:\n{stop_link}\n"
    )
    _send(
        f"[cdthub] A new reply on {reply.code}",
        body,
        [to.email],
        f"reply {reply.pk} (to comment {to.pk})",
        headers={
            "List-Unsubscribe": f"<{stop_link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
