"""What a procedure description says (`Reading`), and the description as it is being read
(`Text`: what was already read is blanked out, so nothing is read twice).

Each fact is kept with the words that said it (`said`), so suggestions can give their reasons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..teeth import Tooth
from .numbers import Interval
from .patterns import RESTORATIVE


@dataclass
class Reading:
    text: str
    lower: str = ""
    codes: list[str] = field(default_factory=list)
    teeth: list[Tooth] = field(default_factory=list)
    surfaces: str | None = None
    quadrant: str | None = None
    # the dimensions (see dimensions/): None or empty when the description does not say
    surface_count: Interval | None = None
    position: str | None = None  # anterior, posterior, premolar, molar
    dentition: str | None = None  # primary, permanent, mixed
    arch: str | None = None  # upper, lower, both
    sides: str | None = None  # one, both
    counts: dict[str, Interval] = field(default_factory=dict)  # unit (teeth, images) → interval
    sequence: Interval | None = None
    materials: frozenset[str] = frozenset()
    alloys: frozenset[str] = frozenset()
    ages: Interval | None = None
    qualifiers: dict[str, str] = field(default_factory=dict)  # qualifier → the word that said it
    negated: frozenset[str] = frozenset()
    said: dict[str, str] = field(default_factory=dict)  # fact → the words that said it
    notes: list[str] = field(default_factory=list)  # how something was read (ISO numbers…)
    problems: list[str] = field(default_factory=list)  # things that cannot be right
    query: str = ""  # the words left for the search index
    work: str = ""  # the description with what was read blanked out (same positions as `lower`)

    @property
    def restorative(self) -> bool:
        return bool(RESTORATIVE.search(self.lower))


class Text:
    """The description with the spans already read blanked out."""

    def __init__(self, text: str):
        self.original = text
        self.work = text

    def take(self, m: re.Match[str], group: int = 0) -> None:
        s, e = m.span(group)
        self.work = self.work[:s] + " " * (e - s) + self.work[e:]

    def finditer(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        return list(pattern.finditer(self.work))

    def search(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        return pattern.search(self.work)
