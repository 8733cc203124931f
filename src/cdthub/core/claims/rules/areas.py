"""The area of the oral cavity on a line (837D SV304, claim form box 25): given when the code is
per quadrant, arch or sextant (unless the code itself names the arch), a real area code, the
right kind, and agreeing with the teeth and with the arch the code names.

area.required, area.invalid. Area codes come from `core/teeth.py` (`AREA_CODES`); what a code
needs comes from the Catalog (`Code.area`, `Code.arch`).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...codes import Code
from ...teeth import AREA_CODE_OF, AREA_CODES
from .base import Env, Issue, LineRule, Site, register

QUADRANT_AREAS = ("10", "20", "30", "40")
ARCH_AREAS = ("01", "02")
SEXTANT_AREAS = ("03", "04", "05", "06", "07", "08")
KIND_AREAS = {"quadrant": QUADRANT_AREAS, "arch": ARCH_AREAS, "sextant": SEXTANT_AREAS}
WIDER_AREAS = ("00", *ARCH_AREAS)


def _other_arch(code: Code, env: Env) -> str | None:
    """The code's partner for the other arch, among its related codes of the same family."""
    for related in code.related:
        other = env.catalog.get(related.code)
        if other and other.family == code.family and other.arch and other.arch != code.arch:
            return other.code
    return None


def _takes_no_area(code: Code, area: str) -> bool:
    """A part of the mouth on a code billed per visit or for the whole mouth (00, the whole
    mouth, is harmless there)."""
    return code.area in ("none", "mouth") and area != "00"


def _listing(areas: tuple[str, ...]) -> str:
    return ", ".join(f"{a} ({AREA_CODES[a]})" for a in areas)


@register
class AreaRequired(LineRule):
    id = "area.required"
    about_the_code = True
    checks = "A code billed per quadrant, arch or sextant names the area of the oral cavity."

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        code = site.code
        if code is None or code.area not in KIND_AREAS or site.area or code.arch:
            return
        listing = _listing(KIND_AREAS[code.area])
        if code.area == "quadrant" and site.quadrant:
            yield self.issue(
                env,
                f"{code.code} is per quadrant: add area {site.quadrant} "
                f"({AREA_CODES[site.quadrant]}), where the teeth on the line are.",
                "warning",
            )
        elif code.code in env.pack.area_optional:
            yield self.issue(
                env,
                f"{code.code} is usually billed with the {code.area} of the site, {listing}: "
                "add it if the site lies in one; if not (the tongue, a lip, the middle of the "
                "palate), give area 00 and say where in the narrative.",
                "warning",
            )
        elif code.area == "arch":
            yield self.issue(
                env, f"{code.code} is per arch: most payers want the area, {listing}.", "warning"
            )
        else:
            yield self.issue(env, f"{code.code} is per {code.area}: add the area, {listing}.")


@register
class AreaInvalid(LineRule):
    id = "area.invalid"
    checks = (
        "The area is a real area code, of the kind the code needs, and holds the line's teeth; "
        "a code billed per visit takes none (a warning)."
    )

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        area = site.area
        code = site.code
        if area is None:
            if code is not None and code.arch:  # the code's own arch holds the teeth
                yield from self._teeth_outside(
                    site, env, AREA_CODE_OF[code.arch], code.code, "code"
                )
            return
        if area not in AREA_CODES:
            yield self.issue(
                env,
                f"area {area[:10]!r} is not an area of the oral cavity code: use 00 (whole "
                "mouth), 01 or 02 (arch), 10, 20, 30 or 40 (quadrant), 03 to 08 (sextant).",
            )
            return
        if code is not None and code.area in KIND_AREAS and area not in KIND_AREAS[code.area]:
            if code.code in env.pack.area_optional and area in WIDER_AREAS:
                return  # a site wider than a quadrant: the whole mouth, or an arch
            yield self.issue(
                env,
                f"{code.code} is per {code.area} but area {area} is the {AREA_CODES[area]}: "
                f"use {_listing(KIND_AREAS[code.area])}.",
            )
            return
        if (
            code is not None
            and _takes_no_area(code, area)
            and code.code not in env.pack.tooth_accepted
        ):
            yield self.issue(
                env,
                f"{code.code} is not billed by area of the mouth: leave area {area} out.",
                "warning",
            )
            return
        if code is not None and code.arch and area != AREA_CODE_OF[code.arch]:
            other = _other_arch(code, env)
            instead = f"use {other} for the {AREA_CODES[area]}, or " if other else ""
            yield self.issue(
                env,
                f"{code.code} is for the {code.arch} arch but area {area} is the "
                f"{AREA_CODES[area]}: {instead}leave the area out (the code names the arch).",
            )
            return
        yield from self._teeth_outside(site, env, area, f"area {area}", "area")

    def _teeth_outside(
        self, site: Site, env: Env, area: str, named: str, fix: str
    ) -> Iterator[Issue]:
        """A warning for the first tooth of the line outside `area` (a quadrant or an arch),
        which the line's area or its code (`named`) says. None on a code billed with no tooth
        (tooth.not_allowed asks to remove the teeth)."""
        if site.code is not None and site.code.code in env.pack.arch_only:
            return
        wants = area if area in QUADRANT_AREAS else None
        for tooth in site.teeth:
            where = AREA_CODE_OF[tooth.quadrant]
            arch = AREA_CODE_OF[tooth.arch]
            if (wants and where != wants) or (area in ARCH_AREAS and arch != area):
                yield self.issue(
                    env,
                    f"tooth {site.shown(tooth)} is in the {AREA_CODES[where]} ({where}), not in "
                    f"{named} ({AREA_CODES[area]}): check the tooth or the {fix}.",
                    "warning",
                )
                return
