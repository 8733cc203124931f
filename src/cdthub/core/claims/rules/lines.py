"""Checks on the claim's lines as a whole: repeats, dates, and what cannot be billed at all.

line.duplicate (the same service twice, or already in the history), date.invalid (no date, a
date in the future or before the patient was born), input.invalid (no lines, a quantity below
one, a negative fee). Readers report what they could not read in `Claim.problems`; these rules
judge what they did read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from ...teeth import Tooth
from ..model import Claim, Finding, Line
from .base import Answers, ClaimContext, ClaimRule, Env, Site, register
from .quantity import ONCE_A_DAY_UNITS, most_units, rest_codes


@register
class LineDuplicate(ClaimRule):
    id = "line.duplicate"
    checks = "The same service (code, date, tooth, surfaces, area) is not billed twice."

    def note(self, site: Site, env: Env) -> frozenset[int]:
        """The line's services, hashed: its service, or one for each tooth of a per-tooth code
        naming several (sealants on 3 and 14); lines that repeat one share a hash."""
        return frozenset(hash(service) for service in _services(site))

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        """With no history, lines of different services (whatever their days) repeat none."""
        if claim.history:
            return True
        slot = self.slot
        seen: set[int] = set()
        for a in answers:
            mine: frozenset[int] = a.notes[slot]
            if not mine.isdisjoint(seen):
                return True
            seen |= mine
        return False

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        history = {(item.date, site.service) for item, site in ctx.history if item.date}
        first: dict[tuple[object, ...], int] = {}
        teeth: dict[tuple[object, ...], int] = {}  # (day, one tooth's service) → its first line
        for line, site in ctx.lines:
            if line.date is None:
                continue
            key = (line.date, site.service)
            if key not in history and key not in first:
                first[key] = line.number
                again = self._tooth_again(ctx, line, site, teeth)
                if again is not None:
                    yield again
                continue
            what = f"{site.describe()} on {line.date.isoformat()}"
            if key in history:
                explained = bool(line.narrative and line.narrative.strip())
                yield self.finding(
                    ctx, line.number,
                    f"{what} is already in the patient's history: "
                    + ("the narrative says why; expect the payer to review it." if explained
                       else "remove the line, or if this is a second service, say why in a "
                       "narrative."),
                    "warning" if explained else None,
                )  # fmt: skip
            else:
                code = site.code
                pack_lines = ctx.env.pack.lines_for(site.number)
                once = code is not None and (
                    most_units(site, ctx.env) == 1
                    or any(f.max == 1 for f in pack_lines.frequencies)
                    or code.unit != "image"
                    and (code.area != "none" or code.unit in ONCE_A_DAY_UNITS)
                )
                rest = [
                    c for limit in pack_lines.quantities for c in rest_codes(limit, site, ctx.env)
                ]
                fix = (
                    "remove one, or if it is a second service, say why in a narrative"
                    if once
                    else "if these are separate services, one line with the quantity is clearer"
                )
                if rest:
                    fix = f"remove one: what goes past the first is billed as {' or '.join(rest)}"
                explained = bool(line.narrative and line.narrative.strip())
                if once and explained:  # a second service, said why: the payer decides
                    fix = "the narrative says why; expect the payer to review it"
                yield self.finding(
                    ctx, line.number, f"repeats line {first[key]} ({what}): {fix}.",
                    None if once and not explained else "warning",
                )  # fmt: skip

    def _tooth_again(
        self, ctx: ClaimContext, line: Line, site: Site, teeth: dict[tuple[object, ...], int]
    ) -> Finding | None:
        """A tooth an earlier line of the day already bills with the code, where one of the two
        lines names several teeth (D1351 on 3, then D1351 on 3 and 14)."""
        again: list[tuple[Tooth, int]] = []
        for tooth, service in zip(site.teeth, _services(site), strict=False):
            earlier = teeth.setdefault((line.date, service), line.number)
            if earlier != line.number:
                again.append((tooth, earlier))
        if not again:
            return None
        shown = ", ".join(f"{site.shown(t)} (line {n})" for t, n in again)
        return self.finding(
            ctx,
            line.number,
            f"{site.number} on tooth {shown} is already billed that day: list each tooth once.",
        )


def _services(site: Site) -> tuple[tuple[object, ...], ...]:
    """A line's service, or for a per-tooth code naming several teeth, one for each tooth (as a
    line naming that tooth alone would have it)."""
    code = site.code
    if code is None or code.area != "tooth" or len(site.teeth) < 2:
        return (site.service,)
    number, _, surfaces, area = site.service
    return tuple((number, (t.label,), surfaces, area) for t in site.teeth)


@register
class DateInvalid(ClaimRule):
    id = "date.invalid"
    checks = (
        "Each line has a date of service, not in the future (unless the claim is a "
        "predetermination) nor before the birth date."
    )

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        born = claim.birth_date
        # a predetermination is for treatment to come: a later date is a planned one
        latest = dt.date.max if claim.predetermination else today
        for line in claim.lines:  # the usual claim: every date given and plausible
            day = line.date
            if day is None or day > latest or born is not None and day < born:
                return True
        return born is not None and born > today

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        born = ctx.claim.birth_date
        if born is not None and born > ctx.today:
            yield self.finding(ctx, None, "The patient's birth date is in the future: check it.")
            born = None
        for line, _site in ctx.lines:
            day = line.date
            if day is None:
                if line.raw_date is None:
                    yield self.finding(
                        ctx, line.number, "no date of service: add the day the service was done."
                    )
                continue
            if day > ctx.today and not ctx.claim.predetermination:
                yield self.finding(
                    ctx, line.number,
                    f"the date of service {day.isoformat()} is in the future: bill services "
                    "once they are done.",
                )  # fmt: skip
            elif born is not None and day < born:
                yield self.finding(
                    ctx, line.number,
                    f"the date of service {day.isoformat()} is before the patient's birth date: "
                    "check both dates.",
                )  # fmt: skip


@register
class InputInvalid(ClaimRule):
    id = "input.invalid"
    checks = (
        "The claim has service lines, each with a quantity of at least one and no negative fee."
    )

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        for line in claim.lines:  # the usual claim: nothing wrong
            if line.quantity < 1 or line.fee is not None and line.fee < 0:
                return True
        return not claim.lines

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        if not ctx.lines:
            yield self.finding(ctx, None, "The claim has no service lines: nothing to bill.")
        for line, _site in ctx.lines:
            if line.quantity < 1:
                yield self.finding(
                    ctx, line.number, f"quantity {line.quantity} is below 1: bill at least one."
                )
            if line.fee is not None and line.fee < 0:
                yield self.finding(
                    ctx, line.number, f"the fee {line.fee} is negative: fees are 0 or more."
                )
