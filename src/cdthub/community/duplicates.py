"""Duplicate and near-duplicate comments, flagged on the moderation queue.

When a comment arrives it is compared (rapidfuzz's `ratio` over normalised text: case, accents
folded, punctuation and spacing ignored) with a bounded set of earlier comments, whatever
their status:

- every comment of the last `window_days` days, the newest `window_size` of them;
- the newest `per_code` comments on the same code, however old;
- the newest `per_author` comments from the same address, however old.

A match is kept when the texts are at least `near` % alike, or `repeat` % when the same address
wrote both (the same message pasted on several codes is the usual shape of comment spam). The
matches are stored as `Resemblance` rows, so the queue reads them without comparing anything;
a comment that resembles another waits for an editor even from a trusted commenter.

One check compares a few thousand short texts in C (rapidfuzz), a few milliseconds: see
bench/comments_duplicates.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from .likeness import Match, compare, normalise
from .models import Comment, Resemblance, normalize_email

__all__ = ["DuplicateCheck", "Flags", "Match", "compare", "default_check", "flags", "normalise"]


@dataclass(frozen=True)
class DuplicateCheck:
    window_days: int = 30
    window_size: int = 3000
    per_code: int = 300
    per_author: int = 300
    near: int = 90  # % alike: two readers' comments
    repeat: int = 80  # % alike: the same address on any code
    min_chars: int = 15
    keep: int = 10  # matches stored per comment

    def candidates(self, comment: Comment) -> list[tuple[int, str, bool]]:
        email = normalize_email(comment.email)
        since = timezone.now() - timedelta(days=self.window_days)
        earlier = Comment.objects.exclude(pk=comment.pk).order_by("-created_at", "-pk")
        rows: dict[int, tuple[str, str]] = {}
        for query in (
            earlier.filter(created_at__gte=since)[: self.window_size],
            earlier.for_code(comment.code)[: self.per_code],
            earlier.by_email(email)[: self.per_author] if email else earlier.none(),
        ):
            for pk, body, other_email in query.values_list("pk", "body", "email"):
                rows[pk] = (body, other_email)
        return [(pk, body, bool(email) and e == email) for pk, (body, e) in rows.items()]

    def find(self, comment: Comment) -> list[Match]:
        """The earlier comments `comment` resembles (it need not be saved yet)."""
        return compare(
            comment.body,
            self.candidates(comment),
            near=self.near,
            repeat=self.repeat,
            min_chars=self.min_chars,
            keep=self.keep,
        )

    def record(self, comment: Comment, matches: list[Match]) -> None:
        Resemblance.objects.bulk_create(
            Resemblance(
                comment=comment, other_id=m.other_id, score=m.score, same_author=m.same_author
            )
            for m in matches
        )


default_check = DuplicateCheck()


@dataclass(frozen=True)
class Flags:
    """What the moderation queue says about one comment."""

    matches: list[Resemblance]  # the earlier comments it resembles, best first
    repeated_on: list[str]  # other codes where the same address wrote (nearly) the same,
    # before or after
    later: list[Comment]  # later comments that resemble it, oldest first

    def __bool__(self) -> bool:
        return bool(self.matches or self.later)


def flags(comment: Comment) -> Flags:
    """`comment.resemblances` and `.resembled_by` should be prefetched with their comments."""
    matches = list(comment.resemblances.all())
    echoes = list(comment.resembled_by.all())
    repeated = {r.other.code for r in matches if r.same_author}
    repeated |= {r.comment.code for r in echoes if r.same_author}
    later = sorted((r.comment for r in echoes), key=lambda c: c.created_at)
    return Flags(matches, sorted(repeated - {comment.code}), later)
