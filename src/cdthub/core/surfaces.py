"""Tooth surfaces as claims write them: M O D B F L I.

`normalize_surfaces("od")` → "DO"; `surface_problems("MOD", tooth 8)` → O is not a surface of a
front tooth. Re-exported by `cdthub.core.teeth`.
"""

from __future__ import annotations

import re
from typing import Protocol


class ToothLike(Protocol):
    """What the surface rules need to know of a tooth (cdthub.core.teeth.Tooth has it)."""

    @property
    def label(self) -> str: ...

    @property
    def is_anterior(self) -> bool: ...


class SurfaceError(ValueError):
    """Surfaces that cannot be read or do not fit the tooth."""


SURFACE_NAMES = {
    "M": "mesial",
    "O": "occlusal",
    "D": "distal",
    "B": "buccal",
    "F": "facial",
    "L": "lingual",
    "I": "incisal",
}
_SURFACE_WORDS = {
    "mesial": "M",
    "occlusal": "O",
    "distal": "D",
    "buccal": "B",
    "facial": "F",
    "labial": "F",
    "lingual": "L",
    "palatal": "L",
    "incisal": "I",
}
_FOR_ANTERIOR = {"O": "I", "B": "F"}  # a front tooth has no occlusal or buccal surface
_FOR_POSTERIOR = {"I": "O", "F": "B"}
_LETTERS = frozenset(SURFACE_NAMES)
_FACIAL_NAMES = frozenset("BF")  # buccal and facial: the cheek or lip side, by tooth kind


def normalize_surfaces(text: str) -> str:
    """Surfaces in one conventional spelling: 'mod' → 'MOD', 'OD' → 'DO', 'B,O,M' → 'MOB',
    'lmdob' → 'MODBL'. Letters are M O D B F L I; repeated letters count once; words such as
    'mesial occlusal' are read too. Raises SurfaceError for anything else."""
    letters = _surface_letters(text)
    chewing = [s for s in "OI" if s in letters]
    sides = [s for s in "BFL" if s in letters]
    if "M" in letters:
        core = ["M", *chewing, *(["D"] if "D" in letters else [])]
    elif "D" in letters:
        core = ["D", *chewing]
    else:
        core = chewing
    return "".join(core + sides)


def repeated_surfaces(text: str) -> str:
    """The letters written more than once in surfaces written as letters ('MOM' → 'M'; '' for
    'MOD', and for words such as 'mesial occlusal', which are read as meant)."""
    tokens = [t for t in re.split(r"[\s,;:/+\-.]+", str(text or "").upper()) if t]
    if not tokens or not all(set(t) <= _LETTERS for t in tokens):
        return ""
    letters = "".join(tokens)
    return "".join(sorted({x for x in letters if letters.count(x) > 1}, key=letters.index))


# two letters that name one surface: the cheek or lip side, and the chewing or biting edge,
# named by the tooth's kind (B and O on back teeth, F and I on front ones)
ONE_SURFACE = (("B", "F", "cheek or lip side"), ("O", "I", "biting surface"))


def doubled_surfaces(surfaces: str) -> list[tuple[str, str, str]]:
    """The pairs of letters in readable `surfaces` that name one surface twice (B and F, O
    and I), with what that surface is: 'MODBLF' → [('B', 'F', 'cheek or lip side')]."""
    letters = _surface_letters(surfaces)
    return [pair for pair in ONE_SURFACE if pair[0] in letters and pair[1] in letters]


def words_as_letters(text: str) -> str:
    """Surfaces written as words given as their letters, anything else as written, separators
    left out: 'mesial, occlusal' → 'MO', 'm-o-d' → 'MOD', 'MOO' → 'MOO', 'M5' → 'M5'."""
    tokens = re.split(r"[\s,;/+\-.]+", str(text or ""))
    return "".join(_SURFACE_WORDS.get(t.lower(), t.upper()) for t in tokens)


def parse_surfaces(text: str) -> str:
    """Alias of normalize_surfaces, for symmetry with parse_tooth."""
    return normalize_surfaces(text)


def _surface_letters(text: str) -> set[str]:
    raw = str(text or "").strip()
    if not raw:
        raise SurfaceError("no surfaces given")
    found: set[str] = set()
    for token in re.split(r"[\s,;/+\-.]+", raw.lower()):
        if not token:
            continue
        if token in _SURFACE_WORDS:
            found.add(_SURFACE_WORDS[token])
            continue
        bad = sorted({c for c in token.upper() if c not in SURFACE_NAMES})
        if bad or len(token) > 7:
            raise SurfaceError(
                f"{raw[:20]!r} is not a set of surfaces: use the letters M, O, D, B, F, L, I "
                "(mesial, occlusal, distal, buccal, facial, lingual, incisal)"
            )
        found.update(token.upper())
    if not found:
        raise SurfaceError("no surfaces given")
    return found


def surface_problems(
    surfaces: str, tooth: ToothLike, naming: bool | None = None, label: str | None = None
) -> list[str]:
    """What is wrong with `surfaces` on `tooth`, in plain words (empty when they fit).

    Front teeth (incisors, canines) take I (incisal) and F (facial), not O or B; back teeth
    (premolars, molars) take O (occlusal) and B (buccal), not I or F. B and F name the same
    side of a tooth (toward cheek or lip), so swapping them is a slip of naming, not a surface
    that does not exist: `naming` True gives only those slips, False only the others, None
    all. `label` names the tooth in messages (its ISO number on an ISO line)."""
    letters = _surface_letters(surfaces)
    wrong = _FOR_ANTERIOR if tooth.is_anterior else _FOR_POSTERIOR
    kind = "front tooth" if tooth.is_anterior else "back tooth"
    return [
        f"{letter} ({SURFACE_NAMES[letter]}) is not a surface of tooth {label or tooth.label}, "
        f"a {kind}: "
        f"use {use} ({SURFACE_NAMES[use]})"
        for letter, use in wrong.items()
        if letter in letters and (naming is None or naming == (letter in _FACIAL_NAMES))
    ]
