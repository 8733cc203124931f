"""Age limits at the date of service (age.limit), from the pack's [[age]] lines.

The patient's age comes from the claim's birth date; without one, a warning says which lines'
age limits could not be checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from ..model import Claim, Finding
from ..packs import Pack
from .base import Answers, ClaimContext, ClaimRule, Env, Site, register


def _admits(pack: Pack, code: str, age: int) -> bool:
    """Whether the pack's own age limits on `code` admit a patient of `age` (a code offered
    instead must fit the patient too)."""
    return all(
        (limit.min_age is None or age >= limit.min_age)
        and (limit.max_age is None or age <= limit.max_age)
        for limit in pack.lines_for(code).ages
    )


@register
class AgeLimit(ClaimRule):
    id = "age.limit"
    severity = "warning"
    checks = "The patient's age on the date of service fits the code's age limits in the pack."

    def wants(self, site: Site, env: Env) -> bool:
        return bool(env.pack.lines_for(site.number).ages)

    def note(self, site: Site, env: Env) -> tuple[int, int] | None:
        """The ages that pass every limit on the line's code (youngest, oldest), if any."""
        limits = env.pack.lines_for(site.number).ages
        if not limits:
            return None
        youngest = max((a.min_age for a in limits if a.min_age is not None), default=0)
        oldest = min((a.max_age for a in limits if a.max_age is not None), default=1_000)
        return youngest, oldest

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        born = claim.birth_date
        slot = self.slot
        if born is None:  # say that the limits went unchecked
            return any(a.notes[slot] is not None for a in answers)
        for line, a in zip(claim.lines, answers, strict=True):
            ages: tuple[int, int] | None = a.notes[slot]
            day = line.date
            if ages is None or day is None or day < born:
                continue
            age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
            if not ages[0] <= age <= ages[1]:
                return True
        return False

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        pack, catalog = ctx.env.pack, ctx.env.catalog
        if ctx.claim.birth_date is None:
            limited = [
                f"{s.number} (line {li.number})"
                for li, s in ctx.lines
                if pack.lines_for(s.number).ages
            ]
            yield self.finding(
                ctx,
                None,
                f"The claim has no birth date, so the age limits on {', '.join(limited[:5])} "
                "were not checked: add the patient's birth date.",
                "warning",
            )
            return
        for line, site in ctx.lines:
            limits = pack.lines_for(site.number).ages
            day = line.date
            age = ctx.age_on(day) if limits else None
            if age is None or day is None:
                continue
            for limit in limits:
                too_young = limit.min_age is not None and age < limit.min_age
                too_old = limit.max_age is not None and age > limit.max_age
                if not (too_young or too_old):
                    continue
                instead = [
                    c for c in limit.instead if catalog.valid_on(c, day) and _admits(pack, c, age)
                ]
                fix = f": consider {' or '.join(instead)}" if instead else ""
                yield self.finding(
                    ctx,
                    line.number,
                    f"{site.number} for a patient aged {age} on {day.isoformat()}: "
                    f"{limit.why}{fix}.",
                    limit.severity,
                )
