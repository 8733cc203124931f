"""Workflow steps of the community, as plain functions. Pages, the editor desk and the admin's
bulk actions all call these; each step writes one AuditEntry.

An approved update or a restored revision changes the catalog through
cdthub.catalog.editing.edit_field, so code pages, their ETags, the API and search all move to
the new version. A comment published or withdrawn, an editor's note or review changes only the
page (cdthub.catalog.versions.pages_changed: new ETags and page-cache entries, no rebuild).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cdthub.catalog import editing, snapshot
from cdthub.catalog.versions import pages_changed
from cdthub.core.codes import Code

from . import notify, parts, resources, trust
from .duplicates import DuplicateCheck, default_check
from .models import AuditEntry, Comment, ContactMessage, Revision, Suggestion
from .moderation import ModerationPolicy, default_policy


class WorkflowError(Exception):
    """A step that cannot be done in the current state; the message says why."""


def audit(action: str, actor, obj=None, code: str = "", detail: str = "") -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        object_type=type(obj).__name__.lower() if obj is not None else "",
        object_id=getattr(obj, "pk", None),
        code=code or getattr(obj, "code", ""),
        detail=detail[:2000],
    )


# comments -----------------------------------------------------------------------------------
def post_comment(
    *,
    code: Code,
    name: str,
    email: str,
    body: str,
    parent: Comment | None = None,
    notify_replies: bool = False,
    confirmed: bool = False,
    policy: ModerationPolicy = default_policy,
    check: DuplicateCheck = default_check,
) -> Comment:
    """Store a reader's comment: held for moderation unless the policy trusts the commenter
    (`confirmed`: their browser proved the address is theirs, see trust.py)."""
    opened = policy.comments_open(code)
    if not opened:
        raise WorkflowError(opened.reason)
    reply = policy.can_reply_to(parent, code)
    if not reply:
        raise WorkflowError(reply.reason)
    with transaction.atomic():
        comment = Comment(
            code=code.code,
            parent=parent,
            name=name.strip(),
            email=email,
            body=body.strip(),
            notify_replies=notify_replies,
        )
        matches = check.find(comment)
        comment.status = policy.initial_status(
            comment.email, confirmed=confirmed, resembles=bool(matches)
        )
        comment.save()
        check.record(comment, matches)
        if comment.is_published:
            audit("comment.auto_approved", None, comment, detail="confirmed regular commenter")
            pages_changed()
            _tell_conversation(comment)
        else:
            detail = f"resembles {len(matches)} other comment(s)" if matches else ""
            audit("comment.posted", None, comment, detail=detail)
            if policy.ask_to_confirm(comment.email, confirmed=confirmed) and trust.may_ask(
                comment.email
            ):
                notify.confirm_address(comment, trust.confirm_url(comment.email))
        if policy.should_notify(comment):
            notify.new_comment(comment)
    return comment


def _tell_conversation(reply: Comment) -> None:
    """A reply was published: e-mail, once, whoever in its conversation asked to be told
    (the first comment's author and earlier repliers who ticked the box), except its author."""
    if reply.parent_id is None or reply.replies_told_at is not None:
        return
    top = reply.parent
    if top is None or not top.is_published:
        return
    earlier = top.replies.published().filter(created_at__lt=reply.created_at).exclude(pk=reply.pk)
    told = {reply.email}
    for comment in [top, *earlier.order_by("created_at", "pk")]:
        if comment.notify_replies and comment.email not in told:
            told.add(comment.email)
            notify.reply_published(reply, comment, trust.stop_url(comment.pk))
    reply.replies_told_at = timezone.now()
    reply.save(update_fields=["replies_told_at"])


def stop_reply_emails(comment_id: int) -> int:
    """The stop link: no more reply e-mails for any comment from the address that wrote
    `comment_id`. Idempotent; a comment since erased stops nothing and is no error."""
    email = Comment.objects.filter(pk=comment_id).values_list("email", flat=True).first()
    if email is None:
        return 0
    with transaction.atomic():
        n = Comment.objects.by_email(email).filter(notify_replies=True).update(notify_replies=False)
        if n:
            audit("comment.replies_stopped", None, None, detail=f"comment {comment_id}")
    return n


MODERATION_ACTIONS = {
    "approve": Comment.Status.APPROVED,
    "reject": Comment.Status.REJECTED,
    "spam": Comment.Status.SPAM,
}


def _moderate(comment: Comment, editor, action: str, *, bump: bool = True) -> bool:
    """Set a comment's status; True when this changed what a page shows."""
    status = MODERATION_ACTIONS[action]
    with transaction.atomic():
        was_published = comment.is_published
        comment.status = status
        comment.moderated_at = timezone.now()
        comment.moderated_by = editor
        comment.save(update_fields=["status", "moderated_at", "moderated_by"])
        audit(f"comment.{action}", editor, comment)
        changed = was_published != comment.is_published
        if changed and bump:
            pages_changed()
        if comment.is_published:
            _tell_conversation(comment)
    return changed


def approve_comment(comment: Comment, editor) -> None:
    _moderate(comment, editor, "approve")


def reject_comment(comment: Comment, editor) -> None:
    _moderate(comment, editor, "reject")


def mark_spam(comment: Comment, editor) -> None:
    _moderate(comment, editor, "spam")


def moderate_comments(comments: Iterable[Comment], editor, action: str) -> int:
    """The same step for several comments at once (one page refresh); returns how many."""
    if action not in MODERATION_ACTIONS:
        raise WorkflowError(f"Unknown moderation action {action!r}.")
    count = 0
    with transaction.atomic():
        changed = False
        for comment in sorted(comments, key=lambda c: (c.created_at, c.pk)):
            changed |= _moderate(comment, editor, action, bump=False)
            count += 1
        if changed:
            pages_changed()
    return count


# suggested updates --------------------------------------------------------------------------
def submit_suggestion(
    *, code: Code, part: str, proposed_text: str, source: str, email: str = "", section: str = ""
) -> Suggestion:
    with transaction.atomic():
        suggestion = Suggestion.objects.create(
            code=code.code,
            part=part,
            section=section,
            proposed_text=proposed_text.strip(),
            source=source.strip(),
            email=email,
        )
        audit("suggestion.submitted", None, suggestion, detail=part)
        notify.new_suggestion(suggestion)
    return suggestion


def _check_open(suggestion: Suggestion) -> None:
    if suggestion.status != Suggestion.Status.PENDING:
        raise WorkflowError(
            f"This suggestion was already reviewed ({suggestion.get_status_display().lower()})."
        )


def _edit(code: str, part: str, value):
    """Inside a transaction: write `value` into one part of the code; returns what it was."""
    try:
        return editing.edit_field(code, part, value)
    except editing.NotLoaded as e:
        raise WorkflowError(str(e)) from None


def edit_suggestion(suggestion: Suggestion, editor, text: str) -> Suggestion:
    """An editor's version of a proposal (the reader's text stays as sent); approving applies
    it. Raises PartError when it does not follow the part's format."""
    text = (text or "").replace("\r\n", "\n").strip()
    parts.parse(suggestion.part, text, suggestion.code, snapshot.get().catalog)
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        _check_open(suggestion)
        suggestion.edited_text = "" if text == suggestion.proposed_text.strip() else text
        suggestion.save(update_fields=["edited_text"])
        audit("suggestion.edited", editor, suggestion, detail=text)
    return suggestion


def approve_suggestion(suggestion: Suggestion, editor) -> Revision:
    """Apply the proposal (the editor's version if they edited it) to the code: a changed
    part, a new learn-more link, or an editor's note ('other'); record a revision holding the
    previous value."""
    value = parts.parse(
        suggestion.part, suggestion.text_to_apply, suggestion.code, snapshot.get().catalog
    )
    with transaction.atomic():
        suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
        _check_open(suggestion)
        if suggestion.part == parts.RESOURCE:
            try:
                resources.add(suggestion.code, editor, suggestion=suggestion, **value)
            except ValidationError as e:
                raise WorkflowError(" ".join(e.messages)) from None
            revision = Revision.objects.filter(suggestion=suggestion).latest("pk")
        else:
            previous = None
            if suggestion.part in parts.FIELD_PARTS:
                previous = _edit(suggestion.code, suggestion.part, value)
            else:
                pages_changed()  # an editor's note shows on the page
            revision = Revision.objects.create(
                code=suggestion.code,
                part=suggestion.part,
                kind=Revision.Kind.SUGGESTION,
                previous_value=previous,
                new_value=value,
                source=suggestion.source,
                editor=editor,
                suggestion=suggestion,
            )
        _close(suggestion, editor, Suggestion.Status.APPROVED, "")
        audit("suggestion.approved", editor, suggestion, detail=f"revision {revision.pk}")
    notify.suggestion_reviewed(suggestion)
    return revision


def _close(suggestion: Suggestion, editor, status: str, note: str) -> None:
    suggestion.status = status
    suggestion.review_note = note.strip()
    suggestion.reviewed_by = editor
    suggestion.reviewed_at = timezone.now()
    suggestion.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])


def reject_suggestion(suggestion: Suggestion, editor, reason: str) -> None:
    if not reason.strip():
        raise WorkflowError("Give the reason for rejecting it.")
    with transaction.atomic():
        _check_open(suggestion)
        _close(suggestion, editor, Suggestion.Status.REJECTED, reason)
        audit("suggestion.rejected", editor, suggestion, detail=reason)
        notify.suggestion_reviewed(suggestion)


def request_changes(suggestion: Suggestion, editor, note: str) -> None:
    if not note.strip():
        raise WorkflowError("Say what should change.")
    with transaction.atomic():
        _check_open(suggestion)
        _close(suggestion, editor, Suggestion.Status.CHANGES, note)
        audit("suggestion.changes_requested", editor, suggestion, detail=note)
        notify.suggestion_reviewed(suggestion)


# revisions ----------------------------------------------------------------------------------
def restore_revision(revision: Revision, editor, *, side: str = "after") -> Revision:
    """Put back the text as it was after (side='after') or before ('before') a revision;
    the current text is kept in the new revision."""
    if not revision.restorable:
        raise WorkflowError(
            "Only the summary, guidance, related codes and learn-more links can be restored."
        )
    if side not in ("after", "before"):
        raise WorkflowError("Restore the text after or before the change.")
    value = revision.new_value if side == "after" else revision.previous_value
    if value is None:
        raise WorkflowError("There is no earlier text to restore.")
    with transaction.atomic():
        if revision.part == parts.RESOURCE:
            try:
                previous = resources.replace_all(revision.code, value)
            except ValidationError as e:
                raise WorkflowError(" ".join(e.messages)) from None
        else:
            previous = _edit(revision.code, revision.part, value)
        restored = Revision.objects.create(
            code=revision.code,
            part=revision.part,
            kind=Revision.Kind.RESTORE,
            previous_value=previous,
            new_value=value,
            editor=editor,
            restored_from=revision,
            source=revision.source,
            note=f"Text as it was {side} the change of "
            f"{timezone.localtime(revision.created_at):%d %b %Y %H:%M}.",
        )
        audit("revision.restored", editor, revision, detail=f"{side}; new revision {restored.pk}")
    return restored


def mark_reviewed(code: Code, editor, note: str = "") -> Revision:
    """An editor checked the page and found nothing to change."""
    with transaction.atomic():
        revision = Revision.objects.create(
            code=code.code,
            part="",
            kind=Revision.Kind.REVIEW,
            editor=editor,
            note=note.strip(),
        )
        audit("code.reviewed", editor, revision, code=code.code)
        pages_changed()
    return revision


# contact ------------------------------------------------------------------------------------
def submit_contact(*, name: str, email: str, topic: str, message: str) -> ContactMessage:
    with transaction.atomic():
        msg = ContactMessage.objects.create(
            name=name.strip(), email=email.strip(), topic=topic, message=message.strip()
        )
        audit("contact.received", None, msg, detail=topic)
        notify.new_contact(msg)
    return msg


def mark_contact_handled(message: ContactMessage, user) -> None:
    with transaction.atomic():
        message.handled_at = timezone.now()
        message.handled_by = user
        message.save(update_fields=["handled_at", "handled_by"])
        audit("contact.handled", user, message)
