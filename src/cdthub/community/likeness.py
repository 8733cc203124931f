"""How alike two comments read: plain functions over text, no Django (the bench imports them).
rapidfuzz's `ratio` (normalised Indel similarity, 0-100) over normalised text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

_MARKS = re.compile(r"[\u0300-\u036f]")  # the accents NFKD splits off Latin letters


def normalise(text: str) -> str:
    """Text as compared: accents dropped, lower case, punctuation ignored, words joined by one
    space (rapidfuzz's default_process in C, then one join: a few microseconds a comment)."""
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(default_process(text).split())


@dataclass(frozen=True)
class Match:
    other_id: int
    score: int  # 0-100, 100 for the same normalised text
    same_author: bool


def compare(
    text: str,
    candidates: Sequence[tuple[int, str, bool]],
    *,
    near: int,
    repeat: int,
    min_chars: int,
    keep: int,
) -> list[Match]:
    """Which of `candidates` (id, body, same author?) resemble `text`, best first.

    Texts shorter than `min_chars` once normalised ("Thanks!") are never flagged: they are
    alike by nature."""
    query = normalise(text)
    if len(query) < min_chars:
        return []
    rows = [(pk, same_author) for pk, _, same_author in candidates]
    texts = [normalise(body) for _, body, _ in candidates]
    found = process.extract(
        query,
        texts,
        scorer=fuzz.ratio,
        processor=None,
        score_cutoff=min(near, repeat),
        limit=None,
    )
    matches = []
    for other, score, i in found:
        pk, same = rows[i]
        if len(other) >= min_chars and (score >= near or (same and score >= repeat)):
            matches.append(Match(pk, int(score), same))
    matches.sort(key=lambda m: (-m.score, -m.other_id))
    return matches[:keep]
