"""How often a service may be billed (frequency.exceeded), from the pack's [[frequency]] lines.

Counts the patient's history and the claim's own lines on other days inside the pack's window
(per patient, tooth, quadrant or arch); a line's `ended_by` codes (an extraction) end the count
of what came before on that tooth. Repeats on the same day are left to line.duplicate and
bundle.conflict, which say more precisely what is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Claim, Finding
from ..packs import Frequency
from .base import Answers, ClaimContext, ClaimRule, Env, Site, register
from .quantity import most_units

SHOWN = 6  # earlier services a message lists before it counts the rest


@dataclass(frozen=True, slots=True)
class Service:
    day: dt.date
    code: str
    key: str | None  # which tooth, quadrant or arch it counts against ("" for the patient)
    count: int
    where: str  # "line 2" or "the history"


def scope_key(scope: str, site: Site) -> str | None:
    if scope == "patient":
        return ""
    if scope == "tooth":
        return site.tooth.label if site.tooth else None
    return site.quadrant if scope == "quadrant" else site.arch


def _how_many(n: int, label: str) -> str:
    """'one set of bitewing X-rays', '4 (cleaning or periodontal maintenance visit)'."""
    return f"one {label}" if n == 1 else f"{n} ({label})"


def _counted(scope: str, site: Site, quantity: int, env: Env) -> list[tuple[str, int]]:
    """What a line (or history item) counts against: (scope key, how many). A line listing
    several teeth counts one for each tooth (a two-unit pontic line, quantity 2); a line of a
    code one line of which bills one unit (a visit, a first 15 minutes, the one tooth or area it
    names) counts one: quantity.exceeded says what its quantity bills past that."""
    if scope == "tooth" and len(site.teeth) > 1:
        return [(tooth.label, 1) for tooth in site.teeth]
    key = scope_key(scope, site)
    if key is None:
        return []
    return [(key, 1 if most_units(site, env) == 1 else max(1, quantity))]


def _ends(ctx: ClaimContext, limit: Frequency) -> dict[str, list[dt.date]]:
    """The days a service of `ended_by` (an extraction) was done, by tooth (or other scope):
    what that tooth had before no longer counts (an implant crown follows a natural one)."""
    ends: dict[str, list[dt.date]] = {}
    if not limit.ended_by:
        return ends
    for day, site, _ in ctx.services():
        if day is not None and site.number in limit.ended_by:
            for key, _ in _counted(limit.scope, site, 1, ctx.env):
                ends.setdefault(key, []).append(day)
    return ends


@register
class FrequencyExceeded(ClaimRule):
    id = "frequency.exceeded"
    checks = "The service is not billed more often than the pack allows (history included)."

    def wants(self, site: Site, env: Env) -> bool:
        return bool(env.pack.lines_for(site.number).frequencies)

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        """Without history, a claim of one day and one service a line is within every limit
        (lines of the same day are not counted together, and every limit allows one)."""
        if claim.history:
            return True
        lines = claim.lines
        day = lines[0].date if lines else None
        for line in lines:
            if line.date != day or line.quantity > 1:
                return True
        return False

    def check_claim(self, ctx: ClaimContext) -> Iterable[Finding]:
        pack = ctx.env.pack
        billed: dict[str, list[Any]] = {}  # limit id -> [limit, services this claim counts]
        for line, site in ctx.lines:
            for limit in pack.lines_for(site.number).frequencies:
                entry = billed.setdefault(limit.id, [limit, 0])
                entry[1] += max(1, line.quantity)
        over = [limit for limit, count in billed.values() if ctx.history or count > limit.max]
        return (finding for limit in over for finding in self._check(ctx, limit))

    def _check(self, ctx: ClaimContext, limit: Frequency) -> Iterator[Finding]:
        history = [
            Service(item.date, site.number, key, count, "the history")
            for item, site in ctx.history
            if item.date and site.number in limit.codes
            for key, count in _counted(limit.scope, site, 1, ctx.env)
        ]
        mine = sorted(
            ((line.date, line.number, line, site)
             for line, site in ctx.lines
             if line.date and site.number in limit.codes),
            key=lambda t: (t[0], t[1]),
        )  # fmt: skip
        ends = _ends(ctx, limit)
        done: list[Service] = []
        for day, number, line, site in mine:
            said = False
            for key, count in _counted(limit.scope, site, line.quantity, ctx.env):
                ended = [e for e in ends.get(key, ()) if e <= day]
                earlier = [
                    s
                    for s in (*history, *done)
                    if s.key == key
                    and s.day != day
                    and limit.window.holds(s.day, day)
                    and not any(s.day <= e for e in ended)
                ]
                done.append(Service(day, site.number or "", key, count, f"line {number}"))
                if said or sum(s.count for s in earlier) + count <= limit.max:
                    continue
                said = True  # one finding a line
                yield self.finding(ctx, number,
                                   self._message(ctx, limit, day, site, earlier, count, key),
                                   limit.severity)  # fmt: skip

    def _message(
        self,
        ctx: ClaimContext,
        limit: Frequency,
        day: dt.date,
        site: Site,
        earlier: list[Service],
        count: int,
        key: str = "",
    ) -> str:
        earlier.sort(key=lambda s: s.day)
        # a line listing several teeth: which of them is over
        which = [site.shown(t) for t in site.teeth if t.label == key] if len(site.teeth) > 1 else []
        shown = ", ".join(f"{s.code} on {s.day.isoformat()} ({s.where})" for s in earlier[:SHOWN])
        if len(earlier) > SHOWN:
            shown += f" and {len(earlier) - SHOWN} more"
        pack = ctx.env.pack
        text = (
            f"{site.number}{f' on tooth {which[0]}' if which else ''} on {day.isoformat()} is "
            "over the limit of "
            f"{_how_many(limit.max, limit.label)} {limit.window.describe()} "
            f"({pack.title.lower()}, pack {pack.name}); "
            + (f"already billed: {shown}" if earlier else f"the line alone bills {count}")
        )
        before = [s for s in earlier if s.day < day]
        excess = sum(s.count for s in earlier) + 1 - limit.max
        if len(before) == len(earlier) and 0 < excess <= len(before):
            next_day = limit.window.next_day(before[excess - 1].day)
            if next_day is not None:
                return text + f". Eligible again from {next_day.isoformat()}, or check the plan."
        return text + ". Expect a denial unless the plan allows more."
