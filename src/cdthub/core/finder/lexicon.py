"""How people describe dental procedures, mapped to what they mean and which codes fit.

The entries live in data/lexicon.toml (see the header there): a pattern of lay, clinical or
shorthand words ("pulled", "SRP", "night guard"), the clinical reading it stands for
("extraction"), and the group of codes to favour. The finder's consistency step then picks
among those codes by tooth, surfaces, material, area, count and age.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

LEXICON_FILE = Path(__file__).parents[1] / "data" / "lexicon.toml"
_RANGE = re.compile(r"^D(\d{4})-D(\d{4})$")
_TARGET = re.compile(r"^D\d{4}(?:-D\d{4})?(?::\d*\.?\d+)?$")


@dataclass(frozen=True, slots=True)
class Term:
    pattern: re.Pattern[str]
    reads_as: str
    targets: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Match:
    term: Term
    said: str  # the words of the description that matched
    start: int
    end: int


def _targets(spec: str) -> tuple[tuple[str, float], ...]:
    out = []
    for item in spec.split():
        if not _TARGET.match(item):
            raise ValueError(f"lexicon: {item!r} is not a code, a range or code:weight")
        code, _, weight = item.partition(":")
        out.append((code, float(weight) if weight else 1.0))
    return tuple(out)


def load(path: Path = LEXICON_FILE) -> tuple[Term, ...]:
    """The lexicon's terms, in file order. Raises ValueError naming a broken entry."""
    with path.open("rb") as f:
        entries = tomllib.load(f).get("terms", [])
    terms = []
    for n, entry in enumerate(entries, 1):
        try:
            terms.append(Term(re.compile(entry["say"]), entry["means"], _targets(entry["codes"])))
        except (KeyError, re.error, ValueError) as e:
            raise ValueError(f"lexicon entry {n} ({entry.get('say', '?')[:40]!r}): {e}") from e
    return tuple(terms)


TERMS: tuple[Term, ...] = load()


def expand(targets: tuple[tuple[str, float], ...], known: list[str]) -> list[tuple[str, float]]:
    """A term's targets as (code, weight) pairs; `known` is the sorted list of current codes."""
    out: list[tuple[str, float]] = []
    for code, weight in targets:
        m = _RANGE.match(code)
        if m:
            lo, hi = f"D{m.group(1)}", f"D{m.group(2)}"
            out.extend((c, weight) for c in known if lo <= c <= hi)
        else:
            out.append((code, weight))
    return out


def match_terms(text: str, terms: tuple[Term, ...] = TERMS) -> list[Match]:
    """Lexicon entries found in `text` (lower case). Where matches overlap the longest wins
    ("deep cleaning" over "cleaning"); at equal length the earlier entry. One match per entry."""
    found: list[tuple[int, int, Match]] = []
    for order, term in enumerate(terms):
        for m in term.pattern.finditer(text):
            if m.end() > m.start():
                match = Match(term, m.group(0).strip(), m.start(), m.end())
                found.append((m.end() - m.start(), order, match))
    found.sort(key=lambda f: (-f[0], f[1], f[2].start))
    taken: list[Match] = []
    used: set[int] = set()
    for _, order, match in found:
        if order in used or any(match.start < t.end and t.start < match.end for t in taken):
            continue
        used.add(order)
        taken.append(match)
    return sorted(taken, key=lambda m: m.start)
