"""Surfaces on a line: given, readable, as many as the code says, real surfaces of the tooth.

surface.required, surface.invalid, surface.count, surface.wrong_for_tooth. How many surfaces a
code takes comes from the Catalog (`Code.surfaces`); letters are read and judged by
`core/surfaces.py` (`normalize_surfaces`, `surface_problems`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ...codes import Code
from ...surfaces import SURFACE_NAMES, doubled_surfaces
from ...teeth import Tooth, repeated_surfaces, surface_problems
from .base import Env, Issue, LineRule, Site, register
from .instead import codes_instead, count_words, surfaces_phrase

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}


@lru_cache(maxsize=4096)
def _surface_problems(surfaces: str, tooth: Tooth, naming: bool, label: str) -> tuple[str, ...]:
    """`surface_problems`, kept: the same few surfaces on the same teeth come back all day."""
    return tuple(surface_problems(surfaces, tooth, naming, label))


def takes_surfaces(code: Code | None) -> bool:
    return code is not None and (code.surfaces is not None or code.area == "surface")


@register
class SurfaceRequired(LineRule):
    id = "surface.required"
    about_the_code = True
    checks = "A code billed by surface names the surfaces (M, O, D, B/F, L, I)."

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        code = site.code
        if code is None or not takes_surfaces(code) or site.surfaces_text:
            return
        yield self.issue(
            env,
            f"{code.code} is for {surfaces_phrase(code)}: add the surfaces restored "
            "(letters M, O, D, B or F, L, I).",
        )


@register
class SurfaceInvalid(LineRule):
    id = "surface.invalid"
    checks = (
        "The surfaces are surface letters (M, O, D, B, F, L, I), each surface named once (B "
        "and F, or O and I, name one surface twice); a code not billed by surface takes none "
        "(a warning)."
    )

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        code = site.code
        if site.surfaces_text and code is not None and not takes_surfaces(code):
            yield self.issue(
                env,
                f"{code.code} is not billed by surface: leave the surfaces "
                f"({str(site.surfaces_text).strip()[:20]}) out (many payers ignore them; some "
                "reject the line).",
                "warning",
            )
        elif site.surface_error is not None:
            yield self.issue(env, f"{site.surface_error}.")
        elif site.surfaces_text and (twice := repeated_surfaces(str(site.surfaces_text))):
            letters = " and ".join(twice)
            yield self.issue(
                env,
                f"{letters} {'is' if len(twice) == 1 else 'are'} written more than once in "
                f"{str(site.surfaces_text).strip()[:20]}: name each surface once "
                f"({site.surfaces}), or check which surface was meant.",
            )
        elif site.surfaces and (pairs := doubled_surfaces(site.surfaces)):
            said = "; ".join(
                f"{a} ({SURFACE_NAMES[a]}) and {b} ({SURFACE_NAMES[b]}) both name the {what}"
                for a, b, what in pairs
            )
            back = " and ".join(a for a, _, _ in pairs)
            front = " and ".join(b for _, b, _ in pairs)
            tooth = site.tooth
            if tooth is None:
                once = f"{back} on a back tooth, {front} on a front one"
            elif tooth.is_anterior:
                once = f"{front} on tooth {site.shown(tooth)}, a front tooth"
            else:
                once = f"{back} on tooth {site.shown(tooth)}, a back tooth"
            yield self.issue(env, f"{said} of a tooth: name it once ({once}).")


@register
class SurfaceCount(LineRule):
    id = "surface.count"
    about_the_code = True
    checks = "The number of surfaces matches the code (a two-surface code gets two)."

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        code = site.code
        if code is None or code.surfaces is None or not site.surfaces:
            return
        n = len(site.surfaces)
        low, high = code.surfaces.min, code.surfaces.max
        if low <= n and (high is None or n <= high):
            return
        instead = codes_instead(env.catalog, code, site.year, site.tooth, n, limit=1)
        if n < low:
            missing = low - n
            more = (
                f"add the {ORDINALS.get(low, 'missing')} surface"
                if missing == 1
                else f"add the {count_words(missing)} missing surfaces"
            )
        else:
            more = "check the surfaces"
        fix = f"use {instead[0]}, or {more}" if instead else more
        yield self.issue(
            env,
            f"{code.code} is for {surfaces_phrase(code)} but {site.surfaces} is "
            f"{count_words(n)}: {fix}.",
        )


@register
class SurfaceWrongForTooth(LineRule):
    id = "surface.wrong_for_tooth"
    checks = (
        "The surfaces exist on that tooth (no occlusal on a front tooth, no incisal on a back "
        "one); F (facial) on a back tooth or B (buccal) on a front one is a warning, as many "
        "payers take either name for that side."
    )

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        if not takes_surfaces(site.code) or not site.surfaces or site.tooth is None:
            return
        label = site.shown(site.tooth)
        problems = _surface_problems(site.surfaces, site.tooth, False, label)
        if problems:
            yield self.issue(env, "; ".join(problems) + ".")
        slips = _surface_problems(site.surfaces, site.tooth, True, label)
        if slips:
            yield self.issue(
                env, "; ".join(slips) + "; many payers take either name, some reject it.", "warning"
            )
