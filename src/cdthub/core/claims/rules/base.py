"""The rule engine's parts: the Rule base classes, the registry, and what a rule is given.

Two kinds of rule:
- a `LineRule` looks at one line alone (its code, date's year, tooth, surfaces, area) through a
  `Site`, and yields `Issue`s (rule id, severity, message without the "Line n: " prefix). Its
  answers depend on nothing else, so the checker caches them per distinct line.
- a `ClaimRule` looks at the whole claim (other lines, history, patient) through a
  `ClaimContext` and yields Findings. Most claims give a claim rule nothing to say, so it has
  a cheap first test, `may_find(claim, answers, today)`, fed with the `note` it took of each
  distinct line once (cached with the line's `Answers`); the checker builds the context and
  runs `check_claim` only when that test says the claim may concern the rule.

Rules register themselves with `@register`; `rules/__init__.py` imports every rule module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from ...codes import Catalog, Code
from ...teeth import Tooth
from ..model import Claim, Finding, HistoryItem, Line, Severity
from ..packs import Pack

Issue = tuple[str, Severity, str]  # (rule id, severity, message without the line prefix)


@dataclass(frozen=True, slots=True)
class Site:
    """What one line (or history item) names, read once: the code, the teeth, surfaces, area.

    `*_error` says in plain words why the text could not be read; the raw text stays too."""

    code_text: str
    code: Code | None  # None: not a code the catalog holds (or not a code at all)
    number: str | None  # the code in normal form (D0120) when it is a code number at all
    year: int | None  # year of the date of service (None: no readable date)
    tooth_system: str
    tooth_text: str | None
    teeth: tuple[Tooth, ...]
    tooth_error: str | None
    surfaces_text: str | None
    surfaces: str | None  # normalised ("MOD")
    surface_error: str | None
    area: str | None
    quadrant: str | None  # "10".."40": from the area, or from teeth all in one quadrant
    arch: str | None  # "01" or "02": from the area, the quadrant or the teeth
    service: tuple[object, ...]  # what makes two lines of one day the same service

    @property
    def tooth(self) -> Tooth | None:
        return self.teeth[0] if self.teeth else None

    def shown(self, tooth: Tooth) -> str:
        """A tooth as the line numbers it: ISO on a JO line (JO 11, not Universal 8)."""
        return tooth.numbered(self.tooth_system)

    def describe(self) -> str:
        """'D2392 on tooth 30, MO' — what the line is, for messages about another line."""
        text = self.number or repr(self.code_text)
        if self.teeth:
            text += " on tooth " + ", ".join(self.shown(t) for t in self.teeth)
        elif self.tooth_text:
            text += f" on tooth {self.tooth_text}"
        if self.surfaces or self.surfaces_text:
            text += f" {self.surfaces or self.surfaces_text}"
        if self.area:
            text += f", area {self.area}"
        return text


@dataclass(frozen=True, slots=True)
class Env:
    """What every rule may consult besides the claim: the catalog and the pack."""

    catalog: Catalog
    pack: Pack

    def severity(self, rule: str, default: Severity) -> Severity:
        return self.pack.severity_of(rule, default)

    def valid_in(self, number: str, year: int) -> bool:
        """Whether `number` is a code of the CDT edition of `year`."""
        found = self.catalog.get(number)
        return found is not None and found.valid_in(year)


class Rule:
    """One check. `id` is the finding's rule id; `severity` its default (a pack may change
    it); `checks` says in plain words what it looks for (shown in docs and on /check/)."""

    id: ClassVar[str] = ""
    severity: ClassVar[Severity] = "error"
    checks: ClassVar[str] = ""
    # True: it checks what the line's code needs (a tooth, surfaces, an area, a narrative),
    # which is moot when the code is not valid on the date (code.inactive asks for another)
    about_the_code: ClassVar[bool] = False


class LineRule(Rule):
    def check_line(self, site: Site, env: Env) -> Iterable[Issue]:  # pragma: no cover
        raise NotImplementedError

    def issue(self, env: Env, message: str, severity: Severity | None = None) -> Issue:
        return (self.id, env.severity(self.id, severity or self.severity), message)


@dataclass(slots=True)
class ClaimContext:
    """A claim with each line's and history item's Site, for rules that compare them."""

    claim: Claim
    env: Env
    lines: list[tuple[Line, Site]]
    history: list[tuple[HistoryItem, Site]]
    today: dt.date

    def services(self) -> list[tuple[dt.date | None, Site, str]]:
        """Every service the claim knows of: the history's, then the lines', each with its day
        and where it stands ("the history", "line 2")."""
        done = [(item.date, site, "the history") for item, site in self.history]
        done += [(line.date, site, f"line {line.number}") for line, site in self.lines]
        return done

    def age_on(self, day: dt.date | None) -> int | None:
        """The patient's age in whole years on `day` (None when either date is unknown)."""
        born = self.claim.birth_date
        if born is None or day is None or day < born:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True, slots=True)
class Answers:
    """What the checker works out once per distinct line (and keeps): its Site, its line rules'
    issues, which claim rules want it (bit i: `CLAIM_RULES[i]`) and each claim rule's note
    on it (`notes[rule.slot]`)."""

    site: Site
    issues: tuple[Issue, ...]
    wanted: int
    notes: tuple[Any, ...]  # whatever each rule keeps (its `note`)
    inactive: bool = False  # the code is not valid on the date: what it needs is moot


class ClaimRule(Rule):
    """`wants(site, env)` says whether a line can matter to this rule at all; a claim none of
    whose lines a rule wants skips the rule (answers are cached per distinct line).

    `note(site, env)` is what the rule keeps of a line for `may_find` (worked out once per
    distinct line); `may_find(claim, answers, today)` is its cheap test of a whole claim, given
    each line's `Answers` in line order. It may say True in vain, never False when `check_claim`
    would find something. `slot` is the rule's place in `CLAIM_RULES` (set by `register`)."""

    slot: int = -1

    def wants(self, site: Site, env: Env) -> bool:
        return True

    def note(self, site: Site, env: Env) -> object:
        return None

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        return True

    def check_claim(self, ctx: ClaimContext) -> Iterable[Finding]:  # pragma: no cover
        """The findings (a generator, or a plain list or tuple when that is quicker)."""
        raise NotImplementedError

    def finding(
        self, ctx: ClaimContext, line: int | None, message: str, severity: Severity | None = None
    ) -> Finding:
        sev = ctx.env.severity(self.id, severity or self.severity)
        text = f"Line {line}: {message}" if line is not None else message
        return Finding(ctx.claim.id, line, self.id, sev, text)


LINE_RULES: list[LineRule] = []
CLAIM_RULES: list[ClaimRule] = []


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: adds one instance of the rule to the registry."""
    rule = cls()
    if isinstance(rule, LineRule):
        LINE_RULES.append(rule)
    elif isinstance(rule, ClaimRule):
        rule.slot = len(CLAIM_RULES)
        CLAIM_RULES.append(rule)
    else:  # pragma: no cover - a programming error
        raise TypeError(f"{cls.__name__} is neither a LineRule nor a ClaimRule")
    return cls
