"""Checking claims: `check(claim, catalog, pack) -> list[Finding]`, and a `Summary` of findings.

A plain function of its inputs, so it runs the same in the CLI, the API, the page and worker
processes. Findings come in line order (claim-wide ones first); on each line what the reader
could not read (`Claim.problems`) comes before what the rules found.

`Checker` keeps, per pack, the `Answers` for each distinct line met so far (code, year of
service, tooth numbering, tooth, surfaces, area, further teeth): its Site, its line rules'
issues, which claim rules want it and each claim rule's note on it. A day of claims bills the
same few codes on the same teeth, so a line usually costs one dict look-up. Each claim rule
that some line wants (or that runs on every claim) first answers `may_find` from those notes;
only when one says yes is the claim's `ClaimContext` built (history items' Sites included)
and that rule's `check_claim` run. The usual clean claim runs no `check_claim` at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..codes import Catalog
from .model import Claim, Finding, HistoryItem, Line
from .packs import Pack, pack_for
from .rules import CLAIM_RULES, LINE_RULES, ClaimContext, Env, SiteKey, build_site
from .rules.base import Answers, ClaimRule

CACHE_LIMIT = 200_000  # distinct lines remembered per pack before the cache starts afresh
PAYERS_LIMIT = 1_024  # claims' payer names remembered (with their plan) before starting afresh
# claim rules that run on every claim (the others only when a line's code concerns them)
ALWAYS = sum(1 << i for i, rule in enumerate(CLAIM_RULES) if type(rule).wants is ClaimRule.wants)
# what a code needs is moot on a line whose code is not valid on its date: only say that
MOOT_LINE_RULES = frozenset(rule.id for rule in LINE_RULES if rule.about_the_code)
MOOT_CLAIM_RULES = sum(1 << i for i, rule in enumerate(CLAIM_RULES) if rule.about_the_code)
MOOT_CLAIM_IDS = frozenset(rule.id for rule in CLAIM_RULES if rule.about_the_code)

LineKey = tuple[object, ...]  # a line as written: code, year, system, tooth, surfaces, area, extra


def _site_key(item: Line | HistoryItem, year: int | None) -> SiteKey:
    extra = item.extra_teeth if isinstance(item, Line) else ()
    return (item.code or "", year, (item.tooth_system or "JP").upper(), item.tooth,
            item.surfaces, item.area, extra)  # fmt: skip


class _Plan:
    """What checking against one pack needs, worked out once: the answers for each distinct
    line met so far, and which claim rules to consider for each combination of lines' wishes."""

    def __init__(self, catalog: Catalog, pack: Pack) -> None:
        self.catalog = catalog
        self.env = Env(catalog, pack)
        self.lines: dict[LineKey, Answers] = {}
        self.rules: dict[int, tuple[ClaimRule, ...]] = {}

    def known(self, key: LineKey, item: Line | HistoryItem, year: int | None) -> Answers:
        """The answers for a line not met before under `key` (worked out, then kept)."""
        if len(self.lines) >= CACHE_LIMIT:
            self.lines.clear()
        env = self.env
        site = build_site(self.catalog, _site_key(item, year))
        issues = tuple(issue for rule in LINE_RULES for issue in rule.check_line(site, env))
        wanted = sum(1 << i for i, rule in enumerate(CLAIM_RULES) if rule.wants(site, env))
        inactive = any(issue[0] == "code.inactive" for issue in issues)
        if inactive:
            issues = tuple(issue for issue in issues if issue[0] not in MOOT_LINE_RULES)
            wanted &= ~MOOT_CLAIM_RULES
        notes = tuple(rule.note(site, env) for rule in CLAIM_RULES)
        answers = self.lines[key] = Answers(site, issues, wanted, notes, inactive)
        return answers

    def claim_rules(self, wanted: int) -> tuple[ClaimRule, ...]:
        rules = self.rules.get(wanted)
        if rules is None:
            rules = self.rules[wanted] = tuple(
                rule for i, rule in enumerate(CLAIM_RULES) if wanted >> i & 1
            )
        return rules

    def context(self, claim: Claim, answers: list[Answers], today: dt.date) -> ClaimContext:
        """The claim with each line's and history item's Site, for the claim rules that run."""
        known = self.lines
        lines = [(line, a.site) for line, a in zip(claim.lines, answers, strict=True)]
        history = []
        for item in claim.history:
            past = ("history", item.code, item.tooth_system, item.tooth, item.surfaces, item.area)
            history.append((item, (known.get(past) or self.known(past, item, None)).site))
        return ClaimContext(claim, self.env, lines, history, today)


class Checker:
    """Checks claims against one catalog; the pack is given, or chosen by each claim's payer."""

    def __init__(self, catalog: Catalog, pack: Pack | None = None, today: dt.date | None = None):
        self.catalog = catalog
        self.pack = pack
        self.today = today or dt.date.today()
        self._plans: dict[int, _Plan] = {}
        # a claim's payer and its 837D payer's id ("" for none) -> the plan of its pack
        self._by_payer: dict[tuple[str, str], _Plan] = {}

    def _plan(self, pack: Pack) -> _Plan:
        plan = self._plans.get(id(pack))
        if plan is None:
            plan = self._plans[id(pack)] = _Plan(self.catalog, pack)
        return plan

    def _plan_for(self, payer: tuple[str, str]) -> _Plan:
        if len(self._by_payer) >= PAYERS_LIMIT:
            self._by_payer.clear()
        plan = self._by_payer[payer] = self._plan(self.pack or pack_for(*payer))
        return plan

    def check(self, claim: Claim) -> list[Finding]:
        if claim.predetermination:
            claim = _proposed(claim, self.today)
        party = claim.payer_party
        payer = (claim.payer, party.id if party is not None else "")
        plan = self._by_payer.get(payer) or self._plan_for(payer)
        known = plan.lines
        answers: list[Answers] = []
        found: list[Finding] = []
        wanted = ALWAYS
        for line in claim.lines:
            day = line.date
            year = day.year if day else None
            key = (line.code, year, line.tooth_system, line.tooth, line.surfaces, line.area,
                   line.extra_teeth)  # fmt: skip
            a = known.get(key) or plan.known(key, line, year)
            answers.append(a)
            wanted |= a.wanted
            for rule, severity, message in a.issues:
                found.append(
                    Finding(claim.id, line.number, rule, severity, f"Line {line.number}: {message}")
                )
        ctx = None
        today = self.today
        for claim_rule in plan.rules.get(wanted) or plan.claim_rules(wanted):
            if claim_rule.may_find(claim, answers, today):
                ctx = ctx or plan.context(claim, answers, today)
                found.extend(claim_rule.check_claim(ctx))
        if ctx is not None and any(a.inactive for a in answers):
            lines = zip(claim.lines, answers, strict=True)
            moot = {line.number for line, a in lines if a.inactive}
            found = [f for f in found if f.line not in moot or f.rule not in MOOT_CLAIM_IDS]
        if claim.problems:
            # a rule's finding where the reader already said that line's fault (a warning
            # of the reader, such as a date read month first, hides nothing)
            known_problems = {(p.line, p.rule) for p in claim.problems if p.severity == "error"}
            found = [*claim.problems, *(f for f in found if (f.line, f.rule) not in known_problems)]
        if len(found) > 1:
            found.sort(key=_line_order)
        if claim.id_number is not None:  # a JSON number: findings give it back as one
            found = [replace(f, claim_number=claim.id_number) for f in found]
        if claim.rows:  # a CSV file: say which row each line is
            found = [_with_row(f, claim.rows) for f in found]
        return found


def _proposed(claim: Claim, today: dt.date) -> Claim:
    """A predetermination with its undated lines judged as if done on `today` (the estimate is
    for treatment to come: the codes, ages and limits that would apply now)."""
    if all(line.date is not None or line.raw_date is not None for line in claim.lines):
        return claim
    lines = [
        replace(line, date=today) if line.date is None and line.raw_date is None else line
        for line in claim.lines
    ]
    return replace(claim, lines=lines)


def _with_row(finding: Finding, rows: tuple[int, ...]) -> Finding:
    """'Line 2: …' → 'Line 2 (row 5): …' for a line read from row 5 of a CSV file."""
    line = finding.line
    prefix = f"Line {line}: "
    if line is None or not 0 < line <= len(rows) or not finding.message.startswith(prefix):
        return finding
    message = f"Line {line} (row {rows[line - 1]}): " + finding.message[len(prefix) :]
    return replace(finding, message=message)


def _line_order(finding: Finding) -> int:
    return -1 if finding.line is None else finding.line


def check(
    claim: Claim, catalog: Catalog, pack: Pack | None = None, today: dt.date | None = None
) -> list[Finding]:
    """The findings for one claim. `pack` None: the pack the claim's payer names (or default)."""
    return Checker(catalog, pack, today).check(claim)


@dataclass(slots=True)
class Summary:
    claims: int = 0
    errors: int = 0
    warnings: int = 0

    def add(self, findings: Iterable[Finding], claims: int = 1) -> None:
        self.claims += claims
        for f in findings:
            if f.severity == "error":
                self.errors += 1
            else:
                self.warnings += 1

    def to_dict(self) -> dict[str, int]:
        return {"claims": self.claims, "errors": self.errors, "warnings": self.warnings}
