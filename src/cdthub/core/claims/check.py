"""Checking claims: `check(claim, catalog, pack) -> list[Finding]`, and the findings' summary.

A plain function of its inputs, so it runs the same in the CLI, the API, the page and worker
processes. What the reader could not read (`Claim.problems`) comes first, then each rule's
findings in line order. `Checker` keeps the per-line answers of line rules in a cache, so a
day of claims that bill the same few codes on the same teeth costs little per line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..codes import Catalog
from .model import Claim, Finding, HistoryItem, Line
from .packs import Pack, pack_for
from .rules import CLAIM_RULES, LINE_RULES, ClaimContext, Env, Issue, Site, SiteKey, build_site

CACHE_LIMIT = 200_000  # distinct lines remembered per pack before the cache starts afresh


def _site_key(item: Line | HistoryItem, year: int | None) -> SiteKey:
    extra = item.extra_teeth if isinstance(item, Line) else ()
    return (item.code or "", year, (item.tooth_system or "JP").upper(), item.tooth,
            item.surfaces, item.area, extra)  # fmt: skip


class Checker:
    """Checks claims against one catalog; the pack is given, or chosen by each claim's payer."""

    def __init__(self, catalog: Catalog, pack: Pack | None = None, today: dt.date | None = None):
        self.catalog = catalog
        self.pack = pack
        self.today = today or dt.date.today()
        self._cache: dict[int, dict[SiteKey, tuple[Site, tuple[Issue, ...]]]] = {}
        self._envs: dict[int, Env] = {}

    def _env(self, pack: Pack) -> Env:
        env = self._envs.get(id(pack))
        if env is None:
            env = self._envs[id(pack)] = Env(self.catalog, pack)
        return env

    def _read(self, env: Env, key: SiteKey) -> tuple[Site, tuple[Issue, ...]]:
        cache = self._cache.setdefault(id(env.pack), {})
        hit = cache.get(key)
        if hit is None:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            site = build_site(self.catalog, key)
            issues = tuple(issue for rule in LINE_RULES for issue in rule.check_line(site, env))
            hit = cache[key] = (site, issues)
        return hit

    def check(self, claim: Claim) -> list[Finding]:
        env = self._env(self.pack or pack_for(claim.payer))
        lines: list[tuple[Line, Site]] = []
        found: list[Finding] = []
        for line in claim.lines:
            year = line.date.year if line.date else None
            site, issues = self._read(env, _site_key(line, year))
            lines.append((line, site))
            for rule, severity, message in issues:
                found.append(
                    Finding(claim.id, line.number, rule, severity, f"Line {line.number}: {message}")
                )
        history = [(h, self._read(env, _site_key(h, None))[0]) for h in claim.history]
        ctx = ClaimContext(claim, env, lines, history, self.today)
        for claim_rule in CLAIM_RULES:
            found.extend(claim_rule.check_claim(ctx))
        known = {(p.line, p.rule) for p in claim.problems}
        found = [f for f in found if (f.line, f.rule) not in known]
        found.sort(key=lambda f: -1 if f.line is None else f.line)
        return [*claim.problems, *found]

    def check_all(self, claims: Iterable[Claim]) -> Iterator[tuple[Claim, list[Finding]]]:
        for claim in claims:
            yield claim, self.check(claim)


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

    def merge(self, other: Summary) -> None:
        self.claims += other.claims
        self.errors += other.errors
        self.warnings += other.warnings

    def to_dict(self) -> dict[str, int]:
        return {"claims": self.claims, "errors": self.errors, "warnings": self.warnings}


def summary(findings: Iterable[Finding], claims: int) -> dict[str, int]:
    """DESIGN.md's summary: {"claims": n, "errors": n, "warnings": n}."""
    s = Summary()
    s.add(findings, claims)
    return s.to_dict()
