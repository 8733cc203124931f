"""Checking claims: `check(claim, catalog, pack) -> list[Finding]`, and a `Summary` of findings.

A plain function of its inputs, so it runs the same in the CLI, the API, the page and worker
processes. Findings come in line order (claim-wide ones first); on each line what the reader
could not read (`Claim.problems`) comes before what the rules found. `Checker` keeps the
per-line answers of line rules in a cache, so a
day of claims that bill the same few codes on the same teeth costs little per line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..codes import Catalog
from .model import Claim, Finding, HistoryItem, Line
from .packs import Pack, pack_for
from .rules import CLAIM_RULES, LINE_RULES, ClaimContext, Env, Issue, Site, SiteKey, build_site
from .rules.base import ClaimRule

CACHE_LIMIT = 200_000  # distinct lines remembered per pack before the cache starts afresh
# claim rules that run on every claim (the others only when a line's code concerns them)
ALWAYS = sum(1 << i for i, rule in enumerate(CLAIM_RULES) if type(rule).wants is ClaimRule.wants)

LineKey = tuple[object, ...]  # a line as written: code, year, system, tooth, surfaces, area, extra
Known = tuple[Site, tuple[Issue, ...], int]  # its Site, its line rules' issues, claim rules (bits)


def _site_key(item: Line | HistoryItem, year: int | None) -> SiteKey:
    extra = item.extra_teeth if isinstance(item, Line) else ()
    return (item.code or "", year, (item.tooth_system or "JP").upper(), item.tooth,
            item.surfaces, item.area, extra)  # fmt: skip


class _Plan:
    """What checking against one pack needs, worked out once: the answers for each distinct
    line met so far, and which claim rules to run for each combination of lines' wishes."""

    def __init__(self, catalog: Catalog, pack: Pack) -> None:
        self.catalog = catalog
        self.env = Env(catalog, pack)
        self.lines: dict[LineKey, Known] = {}
        self.rules: dict[int, tuple[ClaimRule, ...]] = {}

    def known(self, key: LineKey, item: Line | HistoryItem, year: int | None) -> Known:
        """The answers for a line not met before under `key` (worked out, then kept)."""
        if len(self.lines) >= CACHE_LIMIT:
            self.lines.clear()
        env = self.env
        site = build_site(self.catalog, _site_key(item, year))
        issues = tuple(issue for rule in LINE_RULES for issue in rule.check_line(site, env))
        wanted = sum(1 << i for i, rule in enumerate(CLAIM_RULES) if rule.wants(site, env))
        known = self.lines[key] = (site, issues, wanted)
        return known

    def claim_rules(self, wanted: int) -> tuple[ClaimRule, ...]:
        rules = self.rules.get(wanted)
        if rules is None:
            rules = self.rules[wanted] = tuple(
                rule for i, rule in enumerate(CLAIM_RULES) if wanted >> i & 1
            )
        return rules


class Checker:
    """Checks claims against one catalog; the pack is given, or chosen by each claim's payer."""

    def __init__(self, catalog: Catalog, pack: Pack | None = None, today: dt.date | None = None):
        self.catalog = catalog
        self.pack = pack
        self.today = today or dt.date.today()
        self._plans: dict[int, _Plan] = {}

    def _plan(self, pack: Pack) -> _Plan:
        plan = self._plans.get(id(pack))
        if plan is None:
            plan = self._plans[id(pack)] = _Plan(self.catalog, pack)
        return plan

    def check(self, claim: Claim) -> list[Finding]:
        plan = self._plan(self.pack or pack_for(claim.payer))
        known = plan.lines
        lines: list[tuple[Line, Site]] = []
        found: list[Finding] = []
        wanted = ALWAYS
        for line in claim.lines:
            year = line.date.year if line.date else None
            key = (line.code, year, line.tooth_system, line.tooth, line.surfaces, line.area,
                   line.extra_teeth)  # fmt: skip
            site, issues, wants = known.get(key) or plan.known(key, line, year)
            wanted |= wants
            lines.append((line, site))
            for rule, severity, message in issues:
                found.append(
                    Finding(claim.id, line.number, rule, severity, f"Line {line.number}: {message}")
                )
        history = []
        for item in claim.history:
            past = ("history", item.code, item.tooth_system, item.tooth, item.surfaces, item.area)
            history.append((item, (known.get(past) or plan.known(past, item, None))[0]))
        ctx = ClaimContext(claim, plan.env, lines, history, self.today)
        for claim_rule in plan.claim_rules(wanted):
            found.extend(claim_rule.check_claim(ctx))
        if claim.problems:
            known_problems = {(p.line, p.rule) for p in claim.problems}
            found = [*claim.problems, *(f for f in found if (f.line, f.rule) not in known_problems)]
        if len(found) > 1:
            found.sort(key=_line_order)
        return found


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
