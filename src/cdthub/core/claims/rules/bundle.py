"""Services that do not go together on one day (bundle.conflict), from the pack's [[conflict]]
lines: per day (two evaluations), per tooth and day (a pulpotomy on the root canal tooth), per
quadrant and day (both root planing codes on one quadrant) or per arch and day (two dentures).
And add-on codes billed without the code they add to (bundle.base_missing, a rule id this code
adds), from the [[addon]] lines.

Both lines of a pair get a finding naming the other (a payer may deny either, and a biller
fixes the pair, not one line); a line clashing with several others gets one finding for each
of them only when it is the later one. Services in the history on the same day count too: the
claim's line gets the finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from ..model import Claim, Finding
from ..packs import Conflict, Pack
from .base import Answers, ClaimContext, ClaimRule, Env, Site, register


def _clash(conflict: Conflict, a: str, b: str) -> bool:
    return (a in conflict.codes and b in conflict.with_codes) or (
        a in conflict.with_codes and b in conflict.codes
    )


_CLASHES: dict[tuple[Pack, str, str], tuple[Conflict, ...]] = {}


def _clashes(pack: Pack, a: str, b: str) -> tuple[Conflict, ...]:
    """The pack's conflict lines between codes a and b, in pack order (remembered)."""
    key = (pack, a, b)
    found = _CLASHES.get(key)
    if found is None:
        if len(_CLASHES) > 50_000:
            _CLASHES.clear()
        found = _CLASHES[key] = tuple(c for c in pack.lines_for(a).conflicts if _clash(c, a, b))
    return found


def _same_place(same: str, a: Site, b: Site) -> bool:
    """Whether two lines are at one place for a conflict (or add-on) of `same`."""
    if same == "day":
        return True
    if same == "quadrant":
        return a.quadrant is not None and a.quadrant == b.quadrant
    if same == "arch":
        return a.arch is not None and a.arch == b.arch
    return bool(a.teeth) and any(t in b.teeth for t in a.teeth)


_Note = tuple[str | None, tuple[tuple[str, frozenset[str]], ...]]  # code, (same, partners)…


_WHEN = {
    "day": "on the same day",
    "tooth": "on the same tooth the same day",
    "quadrant": "in the same quadrant the same day",
    "arch": "in the same arch the same day",
}


@register
class BundleConflict(ClaimRule):
    id = "bundle.conflict"
    checks = "No two services the pack says exclude each other on the same day (or tooth)."

    def wants(self, site: Site, env: Env) -> bool:
        return bool(env.pack.lines_for(site.number).conflicts)

    def note(self, site: Site, env: Env) -> _Note | None:
        """The line's code and the codes it may clash with by kind of place (None: it clashes
        with none)."""
        groups = env.pack.conflict_groups.get(site.number or "")
        return None if groups is None else (site.number, groups)

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        """Whether two of the claim's lines may clash: codes that clash, at one place where the
        conflict asks for one (clashing is mutual, so each line is compared with the lines
        before it); with history, the rule looks."""
        if claim.history:
            return True
        slot = self.slot
        seen: list[tuple[str | None, Site]] = []
        for a in answers:
            note: _Note | None = a.notes[slot]
            if note is None:
                continue
            code, groups = note
            for other, there in seen:
                for same, partners in groups:
                    if other in partners and _same_place(same, a.site, there):
                        return True
            seen.append((code, a.site))
        return False

    def check_claim(self, ctx: ClaimContext) -> Iterable[Finding]:
        partners = ctx.env.pack.conflict_partners
        codes: set[str | None] = set()
        for _line, site in ctx.lines:
            codes.add(site.number)
        for _item, site in ctx.history:
            codes.add(site.number)
        for code in codes:
            others = partners.get(code or "")
            if others is not None and not others.isdisjoint(codes):
                return self._clashes(ctx)
        return ()  # no two of the claim's codes can clash: nothing to compare

    def _clashes(self, ctx: ClaimContext) -> Iterator[Finding]:
        pack = ctx.env.pack
        seen: list[tuple[dt.date, Site, int | None]] = [
            (item.date, site, None)
            for item, site in ctx.history
            if item.date and pack.lines_for(site.number).conflicts
        ]
        mine = [
            (line, site)
            for line, site in ctx.lines
            if line.date and site.number and pack.lines_for(site.number).conflicts
        ]
        if len(mine) + len(seen) < 2:
            return
        named: set[int] = set()  # earlier lines already given a finding of their own
        for line, site in mine:
            assert line.date is not None and site.number is not None
            for day, other, where in seen:
                if day != line.date or other.number is None or other.service == site.service:
                    continue  # the same service twice is line.duplicate's
                hit = next(
                    (c for c in _clashes(pack, site.number, other.number or "")
                     if _same_place(c.same, site, other)),
                    None,
                )  # fmt: skip
                if hit is not None:
                    place = f"line {where}" if where else "in the patient's history"
                    yield self.finding(
                        ctx,
                        line.number,
                        f"{site.number} on the same day as {other.describe()} ({place}): "
                        f"{hit.why}.",
                        hit.severity,
                    )
                    if where is not None and where not in named:
                        named.add(where)
                        yield self.finding(
                            ctx,
                            where,
                            f"{other.number} on the same day as {site.describe()} "
                            f"(line {line.number}): {hit.why}.",
                            hit.severity,
                        )
                    break
            seen.append((line.date, site, line.number))


@register
class BaseMissing(ClaimRule):
    id = "bundle.base_missing"
    checks = (
        "An add-on code (each further 15 minutes, each additional root or site) comes with the "
        "code it adds to, on the same day (history included)."
    )

    def wants(self, site: Site, env: Env) -> bool:
        return bool(env.pack.lines_for(site.number).addons)

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        pack = ctx.env.pack
        done = ctx.services()
        env = ctx.env
        for line, site in ctx.lines:
            for addon in pack.lines_for(site.number).addons:
                day = line.date
                if day is None or not any(env.valid_in(b, day.year) for b in addon.with_codes):
                    continue  # before the base code existed, the add-on was billed alone
                bases = [
                    (when, other) for when, other, _ in done if other.number in addon.with_codes
                ]
                if any(
                    when == day and _same_place(addon.same, site, other) for when, other in bases
                ):
                    continue
                listed = " or ".join(sorted(addon.with_codes))
                what = "dates" if addon.same == "day" else "tooth numbers and dates"
                missing = (
                    f"{bases[0][1].describe()} is on the claim, but not {_WHEN[addon.same]}: "
                    f"check the {what}."
                    if bases
                    else f"no such line is on the claim. {addon.why[0].upper()}{addon.why[1:]}."
                )
                yield self.finding(
                    ctx,
                    line.number,
                    f"{site.number} is billed only with {listed} {_WHEN[addon.same]}; {missing}",
                    addon.severity,
                )
                break
