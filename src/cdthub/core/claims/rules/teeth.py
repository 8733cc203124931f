"""Tooth numbers on a line: needed, readable, allowed, of the right kind.

tooth.required, tooth.invalid, tooth.not_allowed, tooth.wrong_type. What a code needs comes
from the Catalog (`Code.area`, `Code.teeth`); teeth are read by `core/teeth.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from ...codes import Code
from ...teeth import Tooth
from ..model import Claim, Finding
from .base import Answers, ClaimContext, ClaimRule, Env, Issue, LineRule, Site, register
from .instead import codes_instead, use_phrase
from .quantity import ONCE_A_DAY_UNITS

TOOTH_AREAS = ("tooth", "surface", "tooth_range")
ONE_TOOTH = ("tooth", "surface")  # codes billed for one tooth a line
NO_TOOTH_AREAS = {"none": "it is for the visit, not a tooth", "mouth": "it covers the whole mouth"}


def takes_no_tooth(code: Code, env: Env) -> bool:
    """A code that names no tooth (and is not one payers accept a tooth on), or an arch code
    the pack says is billed with no tooth (a complete denture)."""
    if code.area in NO_TOOTH_AREAS:
        return code.code not in env.pack.tooth_accepted
    return code.code in env.pack.arch_only


def a_tooth(tooth: Tooth, site: Site) -> str:
    """'tooth 8 is an upper right central incisor' (numbered as the line numbers it)."""
    name = tooth.name
    return f"tooth {site.shown(tooth)} is {'an' if name[0] in 'aeiou' else 'a'} {name}"


@register
class ToothRequired(LineRule):
    id = "tooth.required"
    about_the_code = True
    checks = "A code billed per tooth (or per surface, or over a range of teeth) names the tooth."

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        code = site.code
        if code is None or code.area not in TOOTH_AREAS or site.teeth or site.tooth_text:
            return
        if code.code in env.pack.tooth_optional:
            yield self.issue(
                env,
                f"{code.code} usually names the tooth: many payers take it without one, "
                "some ask for it.",
                "warning",
            )
        elif code.area == "tooth_range":
            yield self.issue(
                env, f"{code.code} covers a range of teeth: add them (for example 3-5)."
            )
        elif code.area == "surface":
            yield self.issue(
                env, f"{code.code} is billed per tooth and surface: add the tooth number."
            )
        else:
            yield self.issue(env, f"{code.code} is billed per tooth: add the tooth number.")


@register
class ToothInvalid(LineRule):
    id = "tooth.invalid"
    checks = "The tooth is a real tooth in the numbering the line says (JP Universal, JO ISO)."

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        code = site.code
        if site.tooth_error is None:
            if (
                code is not None
                and code.area in ONE_TOOTH
                # pulp tests (one visit) and images may name several teeth
                and code.unit not in (*ONCE_A_DAY_UNITS, "image")
                and len(site.teeth) > 1
            ):
                yield self.several_teeth(code, site, env)
            return
        if code is not None and takes_no_tooth(code, env):
            return  # tooth.not_allowed says what to do: remove it
        yield self.issue(env, f"{site.tooth_error}.")

    def several_teeth(self, code: Code, site: Site, env: Env) -> Issue:
        """A per-tooth code naming several teeth: an error where the line also names surfaces
        (they belong to one tooth), a warning otherwise (a graft or membrane site may span
        teeth)."""
        teeth = ", ".join(site.shown(t) for t in site.teeth)
        if code.area == "surface":
            return self.issue(
                env,
                f"{code.code} is for the surfaces of one tooth, but this line names teeth "
                f"{teeth}: bill each tooth on a line of its own.",
            )
        return self.issue(
            env,
            f"{code.code} is billed per tooth (or site), but this line names teeth {teeth}: "
            "most payers want one line a tooth.",
            "warning",
        )


@register
class ToothNotAllowed(LineRule):
    id = "tooth.not_allowed"
    about_the_code = True
    checks = (
        "A code that covers a visit or the whole mouth carries no tooth number; nor does a "
        "complete denture's line, which names its arch (a warning)."
    )

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        code = site.code
        if code is None or not site.tooth_text or not takes_no_tooth(code, env):
            return
        if code.area in NO_TOOTH_AREAS:
            yield self.issue(
                env,
                f"{code.code} takes no tooth number ({NO_TOOTH_AREAS[code.area]}): "
                f"remove tooth {site.tooth_text}.",
            )
            return
        arch = "the code names the arch" if code.arch else "give the arch as area 01 or 02"
        yield self.issue(
            env,
            f"{code.code} is billed for an arch with no natural teeth left, not by tooth: "
            f"remove tooth {site.tooth_text} ({arch}).",
            "warning",
        )


@register
class ToothWrongType(LineRule):
    id = "tooth.wrong_type"
    about_the_code = True
    checks = (
        "The tooth is of the kind the code is for (front/back, premolar/molar, primary/adult), "
        "and of a kind the pack says payers pay the code on (sealants on back teeth)."
    )

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        code = site.code
        if code is None:
            return
        for limit in env.pack.lines_for(code.code).teeth:
            tooth = next(
                (t for t in site.teeth if not t.fits(limit.position, limit.dentition)), None
            )
            if tooth is not None:
                yield self.issue(
                    env,
                    f"{code.code} on tooth {site.shown(tooth)} ({tooth.name}): {limit.why}.",
                    limit.severity,
                )
        if code.teeth is None:
            return
        for tooth in site.teeth:
            if tooth.fits(code.teeth.position, code.teeth.dentition):
                continue
            count = len(site.surfaces) if site.surfaces and code.surfaces else None
            instead = codes_instead(env.catalog, code, site.year, tooth, count)
            fix = (
                f"{use_phrase(instead)}, or check the tooth number"
                if instead
                else ("check the tooth number or the code")
            )
            yield self.issue(
                env,
                f"{code.code} is for {code.teeth.describe()}, but {a_tooth(tooth, site)}: {fix}.",
            )
            return


@register
class ToothCountRule(LineRule):
    id = "tooth.count"
    about_the_code = True
    checks = (
        "A line that lists its teeth lists as many as the code is for (one to three, or four "
        "or more teeth in a quadrant), as the pack says."
    )

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        code = site.code
        count = len(site.teeth)
        if code is None or not count:
            return
        for limit in env.pack.lines_for(code.code).tooth_counts:
            low, high = limit.min_count, limit.max_count
            if (low is None or count >= low) and (high is None or count <= high):
                continue
            year = site.year if site.year is not None else env.catalog.current_year
            related = {r.code for r in code.related}  # a line may pair codes: D4341, D4342
            offered = [c for c in limit.instead if c in related] or limit.instead
            instead = [c for c in offered if env.valid_in(c, year)]
            teeth = ", ".join(site.shown(t) for t in site.teeth)
            many = "1 tooth" if count == 1 else f"{count} teeth"
            fix = f"use {' or '.join(instead)}, or" if instead else "check the code, or"
            listing = "every tooth" if low is not None and count < low else "only the teeth"
            yield self.issue(
                env,
                f"{code.code} is for {limit.why}, but the line lists {many} ({teeth}): "
                f"{fix} list {listing} treated.",
                limit.severity,
            )
            return


@register
class ToothExtracted(ClaimRule):
    id = "tooth.extracted"
    severity = "warning"
    checks = (
        "A service on a natural tooth (a filling, a crown, a root canal) is not billed on a "
        "tooth the history or a line shows extracted that day or before (a warning)."
    )

    def wants(self, site: Site, env: Env) -> bool:
        return site.number in env.pack.natural_tooth or site.number in env.pack.removes_tooth

    def note(self, site: Site, env: Env) -> bool:
        """Whether the line extracts a tooth."""
        return site.number in env.pack.removes_tooth

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        """With no history, only a claim with an extraction and another line may concern it."""
        if claim.history:
            return True
        slot = self.slot
        return len(answers) > 1 and any(a.notes[slot] for a in answers)

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        pack = ctx.env.pack
        removed: dict[str, tuple[dt.date, str]] = {}  # tooth → (day, where), the earliest
        for day, site, where in ctx.services():
            if day is not None and site.number in pack.removes_tooth:
                for tooth in site.teeth:
                    if tooth.label not in removed or day < removed[tooth.label][0]:
                        removed[tooth.label] = (day, where)
        for line, site in ctx.lines:
            day = line.date
            if day is None or site.number not in pack.natural_tooth:
                continue
            for tooth in site.teeth:
                gone = removed.get(tooth.label)
                if gone is not None and gone[0] <= day:
                    when = (
                        f"{gone[1]} extracts it the same day"
                        if gone[0] == day
                        else f"it was extracted on {gone[0].isoformat()} ({gone[1]})"
                    )
                    yield self.finding(
                        ctx,
                        line.number,
                        f"{site.number} on tooth {site.shown(tooth)}, but {when}: check the "
                        "tooth number (an implant or a bridge pontic there has codes of its own).",
                    )
                    break
