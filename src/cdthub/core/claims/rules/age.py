"""Age limits at the date of service (age.limit), from the pack's [[age]] lines.

The patient's age comes from the claim's birth date; no birth date, no age check.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding
from .base import ClaimContext, ClaimRule, Env, Site, register


@register
class AgeLimit(ClaimRule):
    id = "age.limit"
    severity = "warning"
    checks = "The patient's age on the date of service fits the code's age limits in the pack."

    def wants(self, site: Site, env: Env) -> bool:
        return bool(env.pack.lines_for(site.number).ages)

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        if ctx.claim.birth_date is None:
            return
        for line, site in ctx.lines:
            limits = ctx.env.pack.lines_for(site.number).ages
            age = ctx.age_on(line.date) if limits else None
            if age is None or line.date is None:
                continue
            for limit in limits:
                too_young = limit.min_age is not None and age < limit.min_age
                too_old = limit.max_age is not None and age > limit.max_age
                if not (too_young or too_old):
                    continue
                instead = [c for c in limit.instead if ctx.env.catalog.valid_on(c, line.date)]
                fix = f": consider {' or '.join(instead)}" if instead else ""
                yield self.finding(
                    ctx,
                    line.number,
                    f"{site.number} for a patient aged {age} on {line.date.isoformat()}: "
                    f"{limit.why}{fix}.",
                    limit.severity,
                )
