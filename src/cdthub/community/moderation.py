"""The comment moderation policy: one small object, asked by the services and the views.

- everything waits for an editor by default;
- a commenter (known by e-mail) with `trusted_after` published comments is published at once;
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

    def initial_status(self, email: str) -> str:
        """Status of a new comment from this address."""
        if self.trusted_after and (
            Comment.objects.published().by_email(email).count() >= self.trusted_after
        ):
            return Comment.Status.APPROVED
        return Comment.Status.PENDING

    def should_notify(self, comment: Comment) -> bool:
        return self.notify_staff


default_policy = ModerationPolicy()
