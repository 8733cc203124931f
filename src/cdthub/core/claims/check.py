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
        self._cache: dict[int, dict[SiteKey, tuple[Site, tuple[Issue, ...], int]]] = {}
        self._envs: dict[int, Env] = {}

    def _env(self, pack: Pack) -> Env:
        env = self._envs.get(id(pack))
        if env is None:
            env = self._envs[id(pack)] = Env(self.catalog, pack)
        return env

    def _read(self, env: Env, key: SiteKey) -> tuple[Site, tuple[Issue, ...], int]:
        """The line's Site, its line rules' issues, and which claim rules want it (bits)."""
        cache = self._cache.setdefault(id(env.pack), {})
        hit = cache.get(key)
        if hit is None:
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            site = build_site(self.catalog, key)
            issues = tuple(issue for rule in LINE_RULES for issue in rule.check_line(site, env))
            wanted = sum(1 << i for i, rule in enumerate(CLAIM_RULES) if rule.wants(site, env))
            hit = cache[key] = (site, issues, wanted)
        return hit

    def check(self, claim: Claim) -> list[Finding]:
        env = self._env(self.pack or pack_for(claim.payer))
        cache = self._cache.get(id(env.pack), {})
        lines: list[tuple[Line, Site]] = []
        found: list[Finding] = []
        wanted = ALWAYS
        for line in claim.lines:
            key = (line.code, line.date.year if line.date else None, line.tooth_system,
                   line.tooth, line.surfaces, line.area, line.extra_teeth)  # fmt: skip
            site, issues, wants = cache.get(key) or self._read(env, _site_key(line, key[1]))
            wanted |= wants
            lines.append((line, site))
            for rule, severity, message in issues:
                found.append(
                    Finding(claim.id, line.number, rule, severity, f"Line {line.number}: {message}")
                )
        history = [(h, self._read(env, _site_key(h, None))[0]) for h in claim.history]
        ctx = ClaimContext(claim, env, lines, history, self.today)
        for i, claim_rule in enumerate(CLAIM_RULES):
            if wanted >> i & 1:
                found.extend(claim_rule.check_claim(ctx))
        if claim.problems:
            known = {(p.line, p.rule) for p in claim.problems}
            found = [*claim.problems, *(f for f in found if (f.line, f.rule) not in known)]
        if len(found) > 1:
            found.sort(key=lambda f: -1 if f.line is None else f.line)
        return found


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
