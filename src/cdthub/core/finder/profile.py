"""What each code requires, in a form the coding assistant can compare with a description, and
which codes are look-alikes (the same procedure in another variant).

Everything here is derived from the dataset (Code.area/teeth/surfaces and the wording of our own
titles), so a new or corrected code needs no change in this module: a title saying "lower",
"4+ teeth", "porcelain fused to noble metal", "child" or "each additional" becomes a requirement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..codes import Catalog, Code
from ..search import content_words
from . import qualifiers
from .dimensions import DIMENSIONS, Dimension, Title


@dataclass(frozen=True, slots=True)
class Profile:
    code: Code
    values: Mapping[str, Any]  # dimension name → the code's value (None: the code does not say)
    qualifiers: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()  # "without …" in the title

    # the dimensions that can change this code's score (Dimension.weighs), in DIMENSIONS order,
    # with its value in each
    in_play: tuple[tuple[Dimension[Any], Any], ...] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        in_play = tuple((d, self.values[d.name]) for d in DIMENSIONS if d.weighs(self.values))
        object.__setattr__(self, "in_play", in_play)

    @property
    def family_key(self) -> str:
        return f"{self.code.category}:{self.code.family}"


def profile(code: Code, adult_from: int = 14) -> Profile:
    text = code.title.lower()
    plain, _ = qualifiers.split_negated(text)
    title = Title(code, text, plain, adult_from)
    has, excludes = qualifiers.in_title(text)
    values = {d.name: d.of_code(title) for d in DIMENSIONS}
    return Profile(code, values, has, excludes)


def profiles(catalog: Catalog) -> dict[str, Profile]:
    """A profile for every current code. An "adult" code whose family also has an "adolescent"
    code (orthodontics) starts at 18; elsewhere (cleanings) at 14."""
    current = catalog.current()
    with_adolescent = {
        f"{c.category}:{c.family}" for c in current if "adolescent" in c.title.lower()
    }
    return {
        c.code: profile(c, 18 if f"{c.category}:{c.family}" in with_adolescent else 14)
        for c in current
    }


# Title words that name no one dimension but say how many or how much ("or more", "full")
_OTHER_WORDS = "full hard soft partial all"


def lookalikes(all_profiles: Mapping[str, Profile]) -> dict[str, tuple[str, ...]]:
    """For each code, the codes of its family (itself included) that differ from it only in
    dimensions: same area, and titles sharing at least half their other words. Two codes whose
    titles agree once the dimension words are set aside are the same procedure in another
    variant (D2391-D2394, D4341/D4342, D5110/D5120, D2750-D2752)."""
    words = " ".join([_OTHER_WORDS, *(d.words for d in DIMENSIONS)])
    skip = frozenset(content_words(words))  # the search index's stems, so words compare alike
    cores = {
        c: frozenset(w for w in content_words(p.code.title) if w not in skip and not w[0].isdigit())
        for c, p in all_profiles.items()
    }
    by_family: dict[str, list[str]] = {}
    for c, p in all_profiles.items():
        by_family.setdefault(p.family_key, []).append(c)
    out = {}
    for c, p in all_profiles.items():
        mine = cores[c]
        out[c] = tuple(
            o
            for o in by_family[p.family_key]
            if all_profiles[o].code.area == p.code.area
            and len(mine & cores[o]) >= 0.5 * max(1, len(mine | cores[o]))
        )
    return out


def varying(group: Iterable[Profile]) -> frozenset[str]:
    """The dimensions on which the codes of a look-alike group differ."""
    group = list(group)
    return frozenset(d.name for d in DIMENSIONS if len({p.values[d.name] for p in group}) > 1)
