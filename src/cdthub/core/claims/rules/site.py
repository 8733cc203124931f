"""Reading what a line names (code, teeth, surfaces, area) into a `Site`, once per distinct line.

Tooth numbers go through `core/teeth.py` (Universal for JP, ISO 3950 for JO), surfaces through
`core/surfaces.py`, codes through the Catalog; nothing is judged here, only read.
"""

from __future__ import annotations

from functools import lru_cache

from ...codes import Catalog, normalize_code
from ...teeth import (
    AREA_CODE_OF,
    TOOTH_SYSTEMS,
    SurfaceError,
    Tooth,
    ToothError,
    normalize_surfaces,
    parse_teeth,
    parse_tooth,
)
from .base import Site

SiteKey = tuple[
    str, int | None, str, str | None, str | None, str | None, tuple[tuple[str, str | None], ...]
]
SYSTEM_NAMES = {"JP": "Universal (JP)", "JO": "ISO 3950 (JO)"}
_QUADRANT_ARCH = {"10": "01", "20": "01", "30": "02", "40": "02"}
_ARCH_CODE = {"upper": "01", "lower": "02"}


@lru_cache(maxsize=4096)
def _teeth(text: str, system: str) -> tuple[Tooth, ...]:
    """`parse_teeth`, kept: a day's claims name the same few teeth again and again."""
    return parse_teeth(text, system)


def _tooth_error(text: str, system: str, exc: ToothError) -> str:
    message = str(exc)
    if system == "JP":
        try:
            parse_tooth(text, "JO")
        except ToothError:
            pass
        else:
            message += (
                "; if this is an ISO number, mark the numbering as ISO, JO (tooth_system of the "
                "line or claim; TOO01 in 837D; Tooth numbers on the form)"
            )
    return message


def read_teeth(
    tooth: str | None,
    system: str,
    extra: tuple[tuple[str, str | None], ...],
) -> tuple[tuple[Tooth, ...], str | None]:
    """All teeth a line names (its tooth, then any further TOO segments) and the first
    problem reading them, in plain words."""
    texts = [t for t in (tooth, *(e[0] for e in extra)) if t is not None and str(t).strip()]
    if not texts:
        return (), None
    if TOOTH_SYSTEMS.get(system) is None:
        return (), (
            f"tooth numbering {system[:10]!r} is not known: use JP (Universal) or JO (ISO 3950)"
        )
    out: list[Tooth] = []
    for text in texts:
        try:
            out.extend(t for t in _teeth(text, system) if t not in out)
        except ToothError as exc:
            return tuple(out), _tooth_error(text, system, exc)
    return tuple(out), None


def _area_parts(area: str | None, teeth: tuple[Tooth, ...]) -> tuple[str | None, str | None]:
    """(quadrant code, arch code) the line points at, from its area or else its teeth."""
    if area in _QUADRANT_ARCH:
        return area, _QUADRANT_ARCH[area]
    if area in ("01", "02"):
        return None, area
    quadrants = {AREA_CODE_OF[t.quadrant] for t in teeth}
    arches = {_ARCH_CODE[t.arch] for t in teeth}
    quadrant = quadrants.pop() if len(quadrants) == 1 else None
    return quadrant, arches.pop() if len(arches) == 1 else None


@lru_cache(maxsize=4096)
def read_surfaces(text: str) -> tuple[str | None, str | None]:
    """(surfaces in normal form, None) or (None, why they cannot be read)."""
    try:
        return normalize_surfaces(text), None
    except SurfaceError as exc:
        return None, str(exc)


def build_site(catalog: Catalog, key: SiteKey) -> Site:
    """The Site of a line (or history item) described by `key` (see `site_key`)."""
    code_text, year, system, tooth, surfaces, area, extra = key
    number = normalize_code(code_text)
    code = catalog.get(number) if number else None
    teeth, tooth_error = read_teeth(tooth, system, extra)
    normal, surface_error = None, None
    if not (surfaces is not None and str(surfaces).strip()):  # none on the first tooth: an
        surfaces = next((s for _, s in extra if s and s.strip()), None)  # 837D's later TOO
    if surfaces is not None and str(surfaces).strip():
        normal, surface_error = read_surfaces(str(surfaces))
    for _, more in extra:  # a further tooth's surfaces are read (and judged) as well
        if surface_error is None and more and more.strip():
            surface_error = read_surfaces(more)[1]
    clean_area = str(area).strip() if area is not None and str(area).strip() else None
    quadrant, arch = _area_parts(clean_area, teeth)
    if arch is None and code is not None and code.arch:  # D5110: the code names its arch
        arch = AREA_CODE_OF[code.arch]
    service = (
        number or code_text.strip().upper(),
        tuple(t.label for t in teeth) or tooth,
        normal or surfaces,
        clean_area,
    )
    return Site(
        code_text=code_text,
        code=code,
        number=number,
        year=year,
        tooth_system=system,
        tooth_text=tooth if tooth is not None and str(tooth).strip() else None,
        teeth=teeth,
        tooth_error=tooth_error,
        surfaces_text=surfaces if surfaces is not None and str(surfaces).strip() else None,
        surfaces=normal,
        surface_error=surface_error,
        area=clean_area,
        quadrant=quadrant,
        arch=arch,
        service=service,
    )
