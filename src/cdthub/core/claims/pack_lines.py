"""What a rule pack holds, as typed objects: windows of time, frequency limits, age limits,
same-day conflicts, notes on codes, and the Pack with its index by code.

Pure Python. `packs.py` reads them from TOML (and re-exports them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .model import Severity

# --- windows of time ----------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole calendar months (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"cannot move {day} by {months} months")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class Window:
    """How far apart two services must be: `months` rolling, a calendar year, or a lifetime."""

    kind: str  # "months" | "calendar year" | "lifetime"
    months: int = 0

    @classmethod
    def parse(cls, text: str) -> Window:
        t = str(text).strip().lower()
        if t in ("calendar year", "benefit year"):
            return cls("calendar year")
        if t == "lifetime":
            return cls("lifetime")
        m = re.fullmatch(r"(\d{1,3})\s*(month|months|year|years)", t)
        if not m or int(m.group(1)) == 0:
            raise ValueError(
                f"per = {text!r}: write '6 months', '3 years', 'calendar year' or 'lifetime'"
            )
        n = int(m.group(1))
        return cls("months", n * 12 if m.group(2).startswith("year") else n)

    def holds(self, a: dt.date, b: dt.date) -> bool:
        """Whether services on days `a` and `b` fall inside one window."""
        if self.kind == "lifetime":
            return True
        if self.kind == "calendar year":
            return a.year == b.year
        early, late = (a, b) if a <= b else (b, a)
        return late < add_months(early, self.months)

    def next_day(self, after: dt.date) -> dt.date | None:
        """The first day a service after one on `after` falls outside the window."""
        if self.kind == "lifetime":
            return None
        if self.kind == "calendar year":
            return dt.date(after.year + 1, 1, 1)
        return add_months(after, self.months)

    def describe(self) -> str:
        if self.kind != "months":
            return "per lifetime" if self.kind == "lifetime" else "per calendar year"
        if self.months % 12 == 0 and self.months >= 24:
            return f"per {self.months // 12} years"
        return f"per {self.months} months"


# --- pack lines ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Frequency:
    id: str
    label: str  # "evaluation", "set of bitewings": what is counted, in plain words
    codes: frozenset[str]
    max: int
    window: Window
    scope: str  # patient | tooth | quadrant | arch
    severity: Severity
    source: str
    # codes that end what came before on the same tooth (or quadrant, arch): an extraction
    ended_by: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class AgeLimit:
    id: str
    codes: frozenset[str]
    min_age: int | None  # youngest age (in whole years at the date of service) allowed
    max_age: int | None  # oldest age allowed
    severity: Severity
    why: str  # the limit in plain words, shown in the message
    instead: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    codes: frozenset[str]
    with_codes: frozenset[str]
    same: str  # "day", "tooth", "quadrant" or "arch" (the same day, and the same tooth…)
    severity: Severity
    why: str
    source: str


@dataclass(frozen=True, slots=True)
class ToothLimit:
    """The teeth a payer pays a code on, where that is narrower than the code itself allows
    (sealants on back teeth): a line on another tooth gets tooth.wrong_type."""

    id: str
    codes: frozenset[str]
    position: str  # any | anterior | posterior | premolar | molar
    dentition: str  # any | primary | permanent
    severity: Severity
    why: str
    source: str


@dataclass(frozen=True, slots=True)
class ToothCount:
    """How many teeth a line of a code covers, where the code's name says (one to three, or
    four or more teeth in a quadrant): a line listing another number gets tooth.count."""

    id: str
    codes: frozenset[str]
    min_count: int | None
    max_count: int | None
    severity: Severity
    why: str  # "four or more teeth in a quadrant"
    instead: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class QuantityLimit:
    """The most units one line of a code may bill, where the code's scope says (a first 15
    minutes, a first image): a line over it gets quantity.exceeded, with the code for the rest."""

    id: str
    codes: frozenset[str]
    max_count: int
    rest: tuple[str, ...]  # the codes that bill the units past `max_count` (D9223 after D9222)
    same: str  # "line" (units on one line) or "day" (the code's lines of one day together)
    severity: Severity
    why: str  # "D9222 is the first 15 minutes of deep sedation"
    source: str
    fix: str | None = None  # what to bill instead, where it is not "N units and the rest"


@dataclass(frozen=True, slots=True)
class CodeNote:
    """A line that applies to a set of codes and says one thing: narrative needs, coverage."""

    id: str
    codes: frozenset[str]
    severity: Severity
    why: str
    source: str


@dataclass(slots=True)
class PackLines:
    """The pack lines that name one code."""

    frequencies: list[Frequency] = field(default_factory=list)
    ages: list[AgeLimit] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    addons: list[Conflict] = field(default_factory=list)
    narratives: list[CodeNote] = field(default_factory=list)
    coverage: list[CodeNote] = field(default_factory=list)
    teeth: list[ToothLimit] = field(default_factory=list)
    tooth_counts: list[ToothCount] = field(default_factory=list)
    quantities: list[QuantityLimit] = field(default_factory=list)


_NO_LINES = PackLines()


@dataclass(frozen=True, eq=False)
class Pack:
    name: str
    title: str
    about: str
    frequencies: tuple[Frequency, ...] = ()
    ages: tuple[AgeLimit, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    addons: tuple[Conflict, ...] = ()  # `codes` billed only with one of `with_codes`
    narratives: tuple[CodeNote, ...] = ()
    coverage: tuple[CodeNote, ...] = ()
    teeth: tuple[ToothLimit, ...] = ()
    tooth_counts: tuple[ToothCount, ...] = ()
    quantities: tuple[QuantityLimit, ...] = ()
    tooth_optional: frozenset[str] = frozenset()  # tooth codes payers take without a tooth
    tooth_accepted: frozenset[str] = frozenset()  # no-tooth codes that may have one (or an area)
    arch_only: frozenset[str] = frozenset()  # arch codes billed with no tooth (complete dentures)
    area_optional: frozenset[str] = frozenset()  # area codes whose site may lie in no quadrant
    removes_tooth: frozenset[str] = frozenset()  # extractions: the tooth is gone after them
    natural_tooth: frozenset[str] = frozenset()  # codes done on a natural tooth that is there
    payer_ids: frozenset[str] = frozenset()  # the payer's ids in 837D (2010BB NM1*PR09)
    severity: Mapping[str, Severity] = field(default_factory=dict)  # rule id -> severity

    def severity_of(self, rule: str, default: Severity) -> Severity:
        return self.severity.get(rule, default)

    @cached_property
    def by_code(self) -> Mapping[str, PackLines]:
        """For each code a pack line names: the lines that apply to it (rules look up here)."""
        index: dict[str, PackLines] = {}

        def add(codes: Iterable[str], section: str, line: Any) -> None:
            for code in codes:
                getattr(index.setdefault(code, PackLines()), section).append(line)

        for f in self.frequencies:
            add(f.codes, "frequencies", f)
        for a in self.ages:
            add(a.codes, "ages", a)
        for c in self.conflicts:
            add(c.codes | c.with_codes, "conflicts", c)
        for c in self.addons:
            add(c.codes, "addons", c)
        for n in self.narratives:
            add(n.codes, "narratives", n)
        for n in self.coverage:
            add(n.codes, "coverage", n)
        for t in self.teeth:
            add(t.codes, "teeth", t)
        for count in self.tooth_counts:
            add(count.codes, "tooth_counts", count)
        for q in self.quantities:
            add(q.codes, "quantities", q)
        return index

    @cached_property
    def conflict_partners(self) -> Mapping[str, frozenset[str]]:
        """For each code a conflict line names: the codes it may clash with anywhere (its
        `conflict_groups` together; itself too where a line names it on both sides)."""
        return {
            code: frozenset().union(*(others for _, others in groups))
            for code, groups in self.conflict_groups.items()
        }

    @cached_property
    def conflict_groups(self) -> Mapping[str, tuple[tuple[str, frozenset[str]], ...]]:
        """For each code a conflict line names: (same, the codes it may clash with there), one
        entry for each kind of place ("day", "tooth", "quadrant", "arch")."""
        groups: dict[str, dict[str, set[str]]] = {}
        for c in self.conflicts:
            for a, others in ((c.codes, c.with_codes), (c.with_codes, c.codes)):
                for code in a:
                    groups.setdefault(code, {}).setdefault(c.same, set()).update(others)
        return {
            code: tuple((same, frozenset(others)) for same, others in by_same.items())
            for code, by_same in groups.items()
        }

    def lines_for(self, code: str | None) -> PackLines:
        return self.by_code.get(code or "", _NO_LINES)
