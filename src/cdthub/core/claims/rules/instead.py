"""Which code fits instead, when a line's code does not fit its tooth or surfaces.

Looks among the code's related codes and its family in the Catalog (the same kind of service):
a candidate must be valid in the year of service, take the same kind of area, accept the number
of surfaces and fit the tooth. Related codes come first, then the nearest code numbers.
"""

from __future__ import annotations

from functools import lru_cache

from ...codes import Catalog, Code
from ...teeth import Tooth

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def count_words(n: int) -> str:
    return NUMBER_WORDS.get(n, str(n))


def surfaces_phrase(code: Code) -> str:
    """'three surfaces', 'four or more surfaces', 'one or two surfaces'."""
    s = code.surfaces
    if s is None:
        return "any number of surfaces"
    noun = "surface" if s.min == 1 and s.max == 1 else "surfaces"
    if s.max is None:
        return f"{count_words(s.min)} or more {noun}"
    if s.min == s.max:
        return f"{count_words(s.min)} {noun}"
    return f"{count_words(s.min)} to {count_words(s.max)} {noun}"


def _takes_count(code: Code, count: int) -> bool:
    s = code.surfaces
    return s is not None and s.min <= count and (s.max is None or count <= s.max)


def codes_instead(
    catalog: Catalog,
    code: Code,
    year: int | None,
    tooth: Tooth | None = None,
    surface_count: int | None = None,
    limit: int = 2,
) -> list[str]:
    """Codes of the same kind that fit `tooth` and `surface_count` (either may be None)."""
    return list(_instead(catalog, code.code, year, tooth, surface_count, limit))


@lru_cache(maxsize=1024)
def _instead(
    catalog: Catalog,
    number: str,
    year: int | None,
    tooth: Tooth | None,
    surface_count: int | None,
    limit: int,
) -> tuple[str, ...]:
    code = catalog.get(number)
    assert code is not None
    related = [r.code for r in code.related]
    pool: dict[str, Code] = {}
    for candidate in [catalog.get(c) for c in related] + catalog.in_category(code.category):
        if candidate is None or candidate.code == code.code or candidate.code in pool:
            continue
        if candidate.code not in related and candidate.family != code.family:
            continue
        pool[candidate.code] = candidate
    fits = []
    for c in pool.values():
        if year is not None and not c.valid_in(year):
            continue
        if c.area != code.area or c.by_report or c.unit != code.unit:
            continue
        if surface_count is not None and not _takes_count(c, surface_count):
            continue
        if tooth is not None and c.teeth and not tooth.fits(c.teeth.position, c.teeth.dentition):
            continue
        if (tooth is None or code.teeth is not None) and (c.teeth is None) != (code.teeth is None):
            continue  # a code for some teeth only is replaced by another such code
        if tooth is None and c.teeth != code.teeth:
            continue
        fits.append(c)
    fits.sort(key=lambda c: (c.code not in related, abs(c.number - code.number), c.code))
    return tuple(c.code for c in fits[:limit])


def use_phrase(codes: list[str]) -> str:
    """'use D2392', 'use D2931 or D2928', '' when there is nothing to suggest."""
    return "use " + " or ".join(codes) if codes else ""
