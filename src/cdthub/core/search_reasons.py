"""Why a search hit matched, in one plain phrase first, and where a result list should stop.

A hit's reasons are ranked: a code number first, then the field of the code that holds the
most query words (a lay term, the title, the family, the summary), so the first reason is the
one a reader recognises ("also known as "deep cleaning"", "matches the title", "code D0274").
Typo corrections belong to the query, not to a hit: they are reported once (`Correction`).

`trim` cuts a ranked list where relevance drops: hits far below the best, and hits that match
only part of the query when others match all of it (no deep sedation for "deep cleaning").
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

MIN_SHARE = 0.2  # a hit scoring under this share of the best one is noise
PARTIAL_SHARE = 0.5  # a hit matching fewer query words must score at least this share
MAX_REASONS = 3
# at equal coverage, the field a reader recognises first
FIELD_ORDER = ("terms", "title", "family", "summary")


@dataclass(frozen=True, slots=True)
class Reason:
    kind: str  # code | terms | title | family | summary | deleted
    text: str


@dataclass(frozen=True, slots=True)
class Correction:
    """A query word read as another: 'extration' → 'extraction', 'rootcanal' → 'root canal'."""

    typed: str
    read_as: str

    def __str__(self) -> str:
        return f'"{self.typed}" read as "{self.read_as}"'

    def to_dict(self) -> dict[str, Any]:
        return {"typed": self.typed, "read_as": self.read_as}


@dataclass(frozen=True, slots=True)
class CodeText:
    """The stems of one code's fields, and its lay terms with theirs, for explaining hits."""

    title: frozenset[str]
    family: frozenset[str]
    family_name: str
    summary: frozenset[str]
    terms: tuple[tuple[str, frozenset[str]], ...]


def _quote(words: Sequence[str]) -> str:
    return ", ".join(f'"{w}"' for w in words)


def explain(text: CodeText, query: Sequence[str], shown: dict[str, str]) -> list[Reason]:
    """Reasons for one code, best first. `query` holds the distinct stems searched for,
    `shown` a readable word for each."""
    if not query:
        return []
    wanted = set(query)
    options: list[tuple[int, int, Reason]] = []
    best_term = max(
        ((len(stems & wanted), -len(term), term) for term, stems in text.terms),
        default=(0, 0, ""),
    )
    if best_term[0]:
        options.append((best_term[0], 0, Reason("terms", f'also known as "{best_term[2]}"')))
    in_title = [w for w in query if w in text.title]
    if in_title:
        whole = len(in_title) == len(query) > 1
        named = _quote([shown[w] for w in in_title])
        words = "matches the title" if whole else f"title has {named}"
        # the title itself, when it holds every word, before a lay term that does too
        options.append((len(in_title), -1 if whole else 1, Reason("title", words)))
    in_family = [w for w in query if w in text.family]
    if in_family:
        options.append((len(in_family), 2, Reason("family", f'in the group "{text.family_name}"')))
    in_summary = [w for w in query if w in text.summary]
    if in_summary:
        options.append(
            (
                len(in_summary),
                3,
                Reason("summary", "described with " + _quote([shown[w] for w in in_summary])),
            )
        )
    options.sort(key=lambda o: (-o[0], o[1]))
    return [reason for _, _, reason in options[:MAX_REASONS]]


def trim(order: Sequence[int], scores: Any, coverage: Any, keep: Collection[int]) -> list[int]:
    """The hits of `order` (best first) worth showing. `coverage[i]` is the share of the query's
    words hit `i` matches; hits in `keep` (a code named in the query) always stay."""
    if not order:
        return []
    top = float(scores[order[0]]) or 1.0
    full = max(float(coverage[i]) for i in order)
    out = []
    for i in order:
        share = float(scores[i]) / top
        if i in keep or (
            share >= MIN_SHARE and (float(coverage[i]) >= full or share >= PARTIAL_SHARE)
        ):
            out.append(i)
    return out
