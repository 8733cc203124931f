"""quantity.exceeded: a line bills more units than its code and its site allow.

What one unit is comes from the catalog (`Code.unit`): a code billed by the visit, the series,
the set, the case, the quadrant or the arch is one unit a line; a code billed by the tooth or
implant is one unit for each tooth the line names. Codes for a first block of time, a first image
or a first site say so in the pack (`[[quantity]]`), with the add-on code that bills the rest;
with `same = "day"` the limit holds for the code's lines of one day together (a second D0220
line that day is a D0230).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from ..model import Claim, Finding, Line
from ..pack_lines import QuantityLimit
from .base import Answers, ClaimContext, ClaimRule, Env, Site, register

ONCE_A_DAY_UNITS = ("visit", "series", "set", "case")  # billed at most once a day
TOOTH_UNITS = ("tooth", "restoration", "implant")  # one unit for each tooth the line names
AREA_UNITS = ("quadrant", "arch")  # one unit for the area the line names


def most_units(site: Site, env: Env) -> int | None:
    """The most units one line of the site's code may bill, if the code or the pack limits it."""
    code = site.code
    limits = [q.max_count for q in env.pack.lines_for(site.number).quantities]
    if code is not None and code.unit in ONCE_A_DAY_UNITS:
        limits.append(1)
    elif code is not None and code.unit in AREA_UNITS:
        limits.append(1)  # one quadrant or arch a line, named or not (area.required asks)
    elif code is not None and code.unit in TOOTH_UNITS and site.teeth:
        limits.append(len(site.teeth))
    return min(limits) if limits else None


def rest_codes(limit: QuantityLimit, site: Site, env: Env) -> list[str]:
    """The add-on codes that bill what is past the limit, valid in the line's year."""
    year = site.year if site.year is not None else env.catalog.current_year
    return [c for c in limit.rest if env.valid_in(c, year)]


@register
class QuantityExceeded(ClaimRule):
    id = "quantity.exceeded"
    about_the_code = True
    checks = (
        "A line bills no more units than its code allows on one line: one visit, series, set or "
        "case; one first 15 minutes, first image or first site (the rest on the add-on code, "
        "and one a day where the pack says); one for each tooth or area it names."
    )

    def wants(self, site: Site, env: Env) -> bool:
        return self.note(site, env) is not None

    def note(self, site: Site, env: Env) -> tuple[int | None, bool] | None:
        """(the most units the line may bill, whether the pack counts the code's lines of one
        day together), or None when nothing limits the line."""
        most = most_units(site, env)
        daily = any(q.same == "day" for q in env.pack.lines_for(site.number).quantities)
        return None if most is None and not daily else (most, daily)

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        slot = self.slot
        daily: set[tuple[object, ...]] = set()
        for line, a in zip(claim.lines, answers, strict=True):
            note: tuple[int | None, bool] | None = a.notes[slot]
            if note is None:
                continue
            most, day_limited = note
            if most is not None and line.quantity > most:
                return True
            if day_limited:
                key = (line.code, line.date)
                if key in daily or claim.history:  # a history item may be that day's first
                    return True
                daily.add(key)
        return False

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        env = ctx.env
        services: set[tuple[object, ...]] = set()
        billed: dict[tuple[str, dt.date, str], tuple[int, str]] = {}  # → (units, where first)
        for item, site in ctx.history:  # the day's first may be in the history
            if item.date is None:
                continue
            services.add((item.date, site.service))  # the same again is line.duplicate's
            for limit in env.pack.lines_for(site.number).quantities:
                if limit.same == "day":
                    key = (limit.id, item.date, site.number or "")
                    billed[key] = (billed.get(key, (0, ""))[0] + 1, "the patient's history")
        for line, site in ctx.lines:
            most = most_units(site, env)
            if most is not None and line.quantity > most:
                yield self._finding(ctx, line, site, most)
                continue
            service = (line.date, site.service)
            if line.date is None or service in services:
                continue  # an unreadable date, or the same line again: line.duplicate's
            services.add(service)
            for limit in env.pack.lines_for(site.number).quantities:
                if limit.same != "day":
                    continue
                key = (limit.id, line.date, site.number or "")
                units, first = billed.get(key, (0, f"line {line.number}"))
                billed[key] = (units + line.quantity, first)
                if units and units + line.quantity > limit.max_count:
                    yield self._again(ctx, line, site, limit, first)
                    break

    def _again(
        self, ctx: ClaimContext, line: Line, site: Site, limit: QuantityLimit, first: str
    ) -> Finding:
        """A day-limited code on a further line of the same day."""
        rest = rest_codes(limit, site, ctx.env)
        assert line.date is not None
        fix = (
            f"bill this line as {' or '.join(rest)}"
            if rest
            else "remove this line, or say in a narrative why it is a second one"
        )
        text = f"{limit.why}, and {first} already bills it on {line.date.isoformat()}: {fix}."
        return self.finding(ctx, line.number, text, limit.severity)

    def _finding(self, ctx: ClaimContext, line: Line, site: Site, most: int) -> Finding:
        env, number, many = ctx.env, site.number, line.quantity
        for limit in env.pack.lines_for(number).quantities:
            if many > limit.max_count:
                rest = rest_codes(limit, site, env)
                fix = limit.fix or f"bill {number} × {limit.max_count}" + (
                    f" and the rest as {' or '.join(rest)} × {many - limit.max_count}"
                    if rest
                    else ""
                )
                text = f"{limit.why}, but the line has quantity {many}: {fix}."
                return self.finding(ctx, line.number, text, limit.severity)
        code = site.code
        assert code is not None  # a limit comes from the pack or from the code's unit
        if code.unit in ONCE_A_DAY_UNITS:
            text = (
                f"one unit of {number} is one {code.unit}, but the line has quantity {many}: "
                f"bill 1 (a second {code.unit} on another day goes on its own line)."
            )
        elif site.teeth and code.unit in TOOTH_UNITS:
            teeth = ", ".join(site.shown(t) for t in site.teeth)
            what = "one tooth" if code.unit == "restoration" else f"one {code.unit}"
            named = f"tooth {teeth}" if len(site.teeth) == 1 else f"{len(site.teeth)} teeth"
            text = (
                f"one unit of {number} is {what}, but the line has quantity {many} for "
                f"{named}: bill {number} × {most}"
                + (f" for tooth {teeth}" if len(site.teeth) == 1 else f" ({teeth})")
                + ", and give any other tooth a line of its own."
            )
        else:
            where = site.area or site.quadrant or site.arch
            named = f"names {code.unit} {where}" if where else f"names no {code.unit}"
            text = (
                f"one unit of {number} is one {code.unit}, and the line {named} but has "
                f"quantity {many}: bill {number} × 1 (another {code.unit} goes on a line of its "
                "own, with its area)."
            )
        return self.finding(ctx, line.number, text)
