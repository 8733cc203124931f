"""quantity.exceeded: a line bills more units than its code and its site allow.

What one unit is comes from the catalog (`Code.unit`): a code billed by the visit, the series,
the set or the case is one unit a line (an error); a code billed by the tooth, quadrant or arch
is one unit for each tooth or area the line names (an error: a payer pays one crown a tooth).
Codes for a first block of time or a first image say so in the pack (`[[quantity]]`), with the
add-on code that bills the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from ..model import Claim, Finding, Line
from .base import Answers, ClaimContext, ClaimRule, Env, Site, register
from .lines import ONCE_A_DAY_UNITS

PER_SITE_UNITS = ("tooth", "restoration", "quadrant", "arch")  # one unit for each site named


def sites_named(site: Site) -> int:
    """How many teeth or areas the line names (0: none, so no count to hold the line to)."""
    code = site.code
    if code is None:
        return 0
    if code.unit in ("tooth", "restoration"):
        return len(site.teeth)
    return (
        1 if code.unit == "quadrant" and site.quadrant or code.unit == "arch" and site.arch else 0
    )


def one_unit(site: Site) -> bool:
    """Whether one unit is all the line's site can hold (a visit, or the one tooth or area it
    names): frequency limits count such a line once, whatever its quantity."""
    code = site.code
    return code is not None and (code.unit in ONCE_A_DAY_UNITS or sites_named(site) == 1)


@register
class QuantityExceeded(ClaimRule):
    id = "quantity.exceeded"
    about_the_code = True
    checks = (
        "A line bills no more units than its code allows on one line: one visit, series, set or "
        "case; one first 15 minutes or first image (the rest on the add-on code); one for each "
        "tooth or area it names."
    )

    def wants(self, site: Site, env: Env) -> bool:
        return self.note(site, env) is not None

    def note(self, site: Site, env: Env) -> int | None:
        """The most units the line may bill, if the code or the pack limits it."""
        code = site.code
        limits = [q.max_count for q in env.pack.lines_for(site.number).quantities]
        if code is not None and code.unit in ONCE_A_DAY_UNITS:
            limits.append(1)
        elif code is not None and code.unit in PER_SITE_UNITS and sites_named(site):
            limits.append(sites_named(site))
        return min(limits) if limits else None

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        slot = self.slot
        for line, a in zip(claim.lines, answers, strict=True):
            most: int | None = a.notes[slot]
            if most is not None and line.quantity > most:
                return True
        return False

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        env = ctx.env
        for line, site in ctx.lines:
            most = self.note(site, env)
            if most is not None and line.quantity > most:
                yield self._finding(ctx, line, site, most)

    def _finding(self, ctx: ClaimContext, line: Line, site: Site, most: int) -> Finding:
        env, number, many = ctx.env, site.number, line.quantity
        for limit in env.pack.lines_for(number).quantities:
            if many > limit.max_count:
                year = site.year if site.year is not None else env.catalog.current_year
                rest = [c for c in limit.rest if env.valid_in(c, year)]
                fix = f"bill {number} × {limit.max_count}" + (
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
            return self.finding(ctx, line.number, text)
        if site.teeth:
            teeth = ", ".join(site.shown(t) for t in site.teeth)
            named = f"{len(site.teeth)} {'tooth' if len(site.teeth) == 1 else 'teeth'} ({teeth})"
        else:
            named = f"1 {code.unit} ({site.area or site.quadrant or site.arch})"
        text = (
            f"one unit of {number} is one {'tooth' if code.unit == 'restoration' else code.unit}, "
            f"but the line has quantity {many} for {named}: list every "
            f"{'tooth' if site.teeth else code.unit} treated (one line each), or bill {most}."
        )
        return self.finding(ctx, line.number, text)
