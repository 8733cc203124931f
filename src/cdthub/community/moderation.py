"""The comment moderation policy: one small object, asked by the services and the views.

- everything waits for an editor by default;
- a regular commenter (`trusted_after` published comments from the address, none marked as
  spam) is published at once, but only from a browser that confirmed the address through the
  link e-mailed to it (trust.py): typing someone's address earns nothing;
- a comment that resembles another (duplicates.py) waits, whoever wrote it;
- comments are closed on codes the ADA has deleted;
- replies go one level deep, to a published comment of the same code;
- staff are told of every new comment.
"""

from __future__ import annotations

from dataclasses import dataclass

from cdthub.core.codes import Code

from .models import Comment


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


@dataclass(frozen=True)
class ModerationPolicy:
    trusted_after: int = 2  # published comments before a commenter skips the queue
    notify_staff: bool = True

    def comments_open(self, code: Code) -> Decision:
        if code.is_deleted:
            return Decision(
                False, f"Comments are closed: {code.code} was deleted from CDT {code.deleted}."
            )
        return ALLOW

    def can_reply_to(self, parent: Comment | None, code: Code) -> Decision:
        if parent is None:
            return ALLOW
        if parent.code != code.code or not parent.is_published:
            return Decision(False, "That comment cannot be replied to.")
        if parent.parent_id is not None:
            return Decision(
                False,
                "Replies go one level deep: reply to the first comment "
                "of the conversation instead.",
            )
        return ALLOW

    def regular(self, email: str) -> bool:
        """Has this address earned trust, once the commenter proves it is theirs?"""
        if not self.trusted_after:
            return False
        mine = Comment.objects.by_email(email)
        return (
            mine.published().count() >= self.trusted_after
            and not mine.filter(status=Comment.Status.SPAM).exists()
        )

    def initial_status(
        self, email: str, *, confirmed: bool = False, resembles: bool = False
    ) -> str:
        """Status of a new comment from this address; `confirmed` when the browser proved it
        owns the address, `resembles` when the comment reads like another one."""
        if confirmed and not resembles and self.regular(email):
            return Comment.Status.APPROVED
        return Comment.Status.PENDING

    def ask_to_confirm(self, email: str, *, confirmed: bool) -> bool:
        """Offer a regular commenter who has not confirmed the address in this browser the
        link that would publish their next comments at once."""
        return not confirmed and self.regular(email)

    def should_notify(self, comment: Comment) -> bool:
        return self.notify_staff


default_policy = ModerationPolicy()
