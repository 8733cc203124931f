"""Teeth, surfaces, quadrants and arches as dental claims name them.

Pure Python, no Django. Used by the coding assistant (reading "#30", "MOD", "LL") and by the
claim checker (is this tooth valid, do these surfaces fit it).

Numbering systems
- Universal (ADA, claim code "JP"): permanent teeth 1-32, starting at the upper right third
  molar, along the upper arch to 16, down to the lower left third molar (17) and back to 32;
  primary teeth A-T in the same order; supernumerary teeth are the number plus 50 (51-82) or
  the letter plus "S" (AS-TS).
- ISO 3950 / FDI (claim code "JO"): two digits, quadrant then position counted from the midline.
  Quadrants 1-4 (upper right, upper left, lower left, lower right) for permanent teeth, 5-8 for
  primary teeth; e.g. 46 is the lower right first molar, Universal 30.

Every tooth is kept under its Universal label; `Tooth.iso` gives the ISO number. Surfaces
(M O D B F L I) live in `surfaces.py` and are re-exported here, so `cdthub.core.teeth` is the
one import for claim data about teeth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .surfaces import (
    SURFACE_NAMES,
    SurfaceError,
    normalize_surfaces,
    parse_surfaces,
    repeated_surfaces,
    surface_problems,
)

__all__ = [
    "ARCHES",
    "AREA_CODES",
    "QUADRANTS",
    "SURFACE_NAMES",
    "TOOTH_SYSTEMS",
    "SurfaceError",
    "Tooth",
    "ToothError",
    "arch_of",
    "iso_to_universal",
    "each_tooth",
    "names_several",
    "parse_teeth",
    "normalize_surfaces",
    "repeated_surfaces",
    "parse_arch",
    "parse_quadrant",
    "parse_surfaces",
    "parse_tooth",
    "parse_tooth_range",
    "surface_problems",
    "teeth_in",
    "universal_to_iso",
]


class ToothError(ValueError):
    """A tooth designation that is not valid; the message says why in plain words."""


# --- numbering -------------------------------------------------------------------------------

QUADRANTS = {
    "UR": "upper right",
    "UL": "upper left",
    "LL": "lower left",
    "LR": "lower right",
}
ARCHES = {"upper": "upper (maxillary) arch", "lower": "lower (mandibular) arch"}
# Area of the oral cavity codes used on claims (ADA claim form box 25, X12 837D).
AREA_CODES = {
    "00": "entire oral cavity",
    "01": "upper arch",
    "02": "lower arch",
    "03": "upper right sextant",
    "04": "upper anterior sextant",
    "05": "upper left sextant",
    "06": "lower left sextant",
    "07": "lower anterior sextant",
    "08": "lower right sextant",
    "09": "other area of the oral cavity",
    "10": "upper right quadrant",
    "20": "upper left quadrant",
    "30": "lower left quadrant",
    "40": "lower right quadrant",
}
AREA_CODE_OF = {"UR": "10", "UL": "20", "LL": "30", "LR": "40", "upper": "01", "lower": "02"}
# Claim "tooth_system" values: JP is the ADA Universal/National system, JO is ISO 3950.
TOOTH_SYSTEMS = {"JP": "universal", "JO": "iso", "universal": "universal", "iso": "iso"}

# Kinds along one quadrant, from the midline backwards.
_PERMANENT_KINDS = (
    ("incisor", "central incisor"),
    ("incisor", "lateral incisor"),
    ("canine", "canine"),
    ("premolar", "first premolar"),
    ("premolar", "second premolar"),
    ("molar", "first molar"),
    ("molar", "second molar"),
    ("molar", "third molar"),
)
_PRIMARY_KINDS = (
    ("incisor", "central incisor"),
    ("incisor", "lateral incisor"),
    ("canine", "canine"),
    ("molar", "first molar"),
    ("molar", "second molar"),
)
_LETTERS = "ABCDEFGHIJKLMNOPQRST"
_QUADRANT_ORDER = ("UR", "UL", "LL", "LR")


def _permanent_place(n: int) -> tuple[str, int]:
    """Universal 1-32 → (quadrant, position from the midline 1-8)."""
    if n <= 8:
        return "UR", 9 - n
    if n <= 16:
        return "UL", n - 8
    if n <= 24:
        return "LL", 25 - n
    return "LR", n - 24


def _primary_place(i: int) -> tuple[str, int]:
    """Index of A-T (0-19) → (quadrant, position from the midline 1-5)."""
    if i <= 4:
        return "UR", 5 - i
    if i <= 9:
        return "UL", i - 4
    if i <= 14:
        return "LL", 15 - i
    return "LR", i - 14


@dataclass(frozen=True, slots=True)
class Tooth:
    """One tooth, known by its Universal label ("30", "K", "55", "KS")."""

    label: str

    def __post_init__(self) -> None:
        if _place(self.label) is None:
            raise ToothError(f"{self.label!r} is not a Universal tooth designation")

    def _where(self) -> tuple[str, int]:
        place = _place(self.label)
        assert place is not None  # __post_init__ refused every other label
        return place

    # where it sits ---------------------------------------------------------------------------
    @property
    def primary(self) -> bool:
        return self.label[0].isalpha()

    @property
    def permanent(self) -> bool:
        return not self.primary

    @property
    def dentition(self) -> str:
        return "primary" if self.primary else "permanent"

    @property
    def supernumerary(self) -> bool:
        if self.primary:
            return len(self.label) == 2  # AS-TS
        return int(self.label) > 32

    @property
    def base(self) -> Tooth:
        """The regular tooth a supernumerary tooth is numbered after (itself otherwise)."""
        if not self.supernumerary:
            return self
        return Tooth(self.label[:-1] if self.primary else str(int(self.label) - 50))

    @property
    def quadrant(self) -> str:
        return self._where()[0]

    @property
    def arch(self) -> str:
        return "upper" if self.quadrant[0] == "U" else "lower"

    @property
    def position_in_quadrant(self) -> int:
        """1 for a central incisor, counting back to 8 (permanent) or 5 (primary)."""
        return self._where()[1]

    @property
    def kind(self) -> str:
        """incisor, canine, premolar or molar."""
        return self._kinds()[self.position_in_quadrant - 1][0]

    @property
    def name(self) -> str:
        """'lower right first molar', 'upper left primary canine'."""
        side = QUADRANTS[self.quadrant]
        kind = self._kinds()[self.position_in_quadrant - 1][1]
        extra = "supernumerary " if self.supernumerary else ""
        baby = "primary " if self.primary else ""
        return f"{extra}{side} {baby}{kind}"

    def _kinds(self) -> tuple[tuple[str, str], ...]:
        return _PRIMARY_KINDS if self.primary else _PERMANENT_KINDS

    @property
    def is_anterior(self) -> bool:
        return self.kind in ("incisor", "canine")

    @property
    def is_posterior(self) -> bool:
        return not self.is_anterior

    @property
    def is_molar(self) -> bool:
        return self.kind == "molar"

    @property
    def is_premolar(self) -> bool:
        return self.kind == "premolar"

    @property
    def position(self) -> str:
        """anterior or posterior."""
        return "anterior" if self.is_anterior else "posterior"

    @property
    def iso(self) -> str:
        """The ISO 3950 number (supernumerary teeth have none: the base tooth's number)."""
        quadrant, pos = self.base._where()
        offset = 5 if self.primary else 1
        return f"{_QUADRANT_ORDER.index(quadrant) + offset}{pos}"

    def numbered(self, system: str) -> str:
        """The tooth's number in `system` (JP/universal or JO/iso), as a claim line writes it;
        a supernumerary tooth keeps its Universal label (ISO numbers none)."""
        if TOOTH_SYSTEMS.get(system, system) == "iso" and not self.supernumerary:
            return self.iso
        return self.label

    def fits(self, position: str = "any", dentition: str = "any") -> bool:
        """Whether the tooth meets a code's requirement (Code.teeth position and dentition)."""
        if dentition not in ("any", self.dentition):
            return False
        if position == "any":
            return True
        if position in ("anterior", "posterior"):
            return self.position == position
        return self.kind == position  # premolar, molar

    def __str__(self) -> str:
        return self.label


@lru_cache(maxsize=256)
def _place(label: str) -> tuple[str, int] | None:
    if re.fullmatch(r"[A-T]S?", label):
        return _primary_place(_LETTERS.index(label[0]))
    if re.fullmatch(r"[1-9]\d?", label):
        n = int(label)
        if 1 <= n <= 32:
            return _permanent_place(n)
        if 51 <= n <= 82:
            return _permanent_place(n - 50)
    return None


def iso_to_universal(text: str) -> str:
    """'46' → '30', '85' → 'T'. Raises ToothError for anything else."""
    digits = str(text).strip()
    if not re.fullmatch(r"\d\d", digits):
        raise ToothError(f"{text!r} is not an ISO tooth number (two digits such as 46)")
    q, pos = int(digits[0]), int(digits[1])
    if 1 <= q <= 4 and 1 <= pos <= 8:
        quadrant = _QUADRANT_ORDER[q - 1]
        for n in range(1, 33):
            if _permanent_place(n) == (quadrant, pos):
                return str(n)
    if 5 <= q <= 8 and 1 <= pos <= 5:
        quadrant = _QUADRANT_ORDER[q - 5]
        for i, letter in enumerate(_LETTERS):
            if _primary_place(i) == (quadrant, pos):
                return letter
    raise ToothError(
        f"{text!r} is not an ISO tooth number: the first digit is the quadrant (1-4 permanent, "
        "5-8 primary), the second the tooth counted from the midline (1-8 permanent, 1-5 primary)"
    )


def universal_to_iso(label: str) -> str:
    return parse_tooth(label, "universal").iso


_TOOTH_PREFIX = re.compile(r"^(?:tooth|teeth|th|t|no\.?|number)?\s*#?\s*(?=\S)", re.I)


def parse_tooth(text: str, system: str = "universal") -> Tooth:
    """A tooth from what a claim or a person writes: '30', '#30', 'tooth 30', 't30', 'a', 'AS'.

    `system` is 'universal' (default, claim code JP), 'iso' (JO) or 'auto': Universal first, and
    ISO for two-digit numbers that can only be ISO (33-38, 41-48). Raises ToothError.
    """
    mode = TOOTH_SYSTEMS.get(system, system)
    if mode not in ("universal", "iso", "auto"):
        raise ToothError(
            f"unknown tooth numbering system {system!r}: use JP (Universal) or JO (ISO)"
        )
    raw = str(text or "").strip()
    if not raw:
        raise ToothError("no tooth given")
    plain = raw.upper().replace(" ", "")
    candidates = [plain, _TOOTH_PREFIX.sub("", raw).strip().upper()]
    for body in candidates:
        if not body:
            continue
        if mode == "iso":
            if re.fullmatch(r"\d\d", body):
                return Tooth(iso_to_universal(body))
            continue
        if re.fullmatch(r"0*\d{1,2}", body):
            body = str(int(body))
        if _place(body) is not None:
            return Tooth(body)
        if mode == "auto" and re.fullmatch(r"\d\d", body):
            try:
                return Tooth(iso_to_universal(body))
            except ToothError:
                pass
    if mode == "iso":
        iso_to_universal(candidates[-1])  # raises with the ISO explanation
    raise ToothError(
        f"{raw[:20]!r} is not a tooth: Universal numbers are 1-32 (permanent), A-T (primary), "
        "51-82 or AS-TS (supernumerary)"
        + ("; ISO numbers are 11-48 and 51-85" if mode == "auto" else "")
    )


def parse_tooth_range(text: str, system: str = "universal") -> tuple[Tooth, ...]:
    """'3-5', '3 to 5', '3,4,5', '24-27' → the teeth, in Universal order. A range stays within
    one arch and one dentition. Raises ToothError."""
    raw = str(text or "").strip()
    parts = [p for p in re.split(r"\s*(?:,|;|\band\b|\s)\s*", raw) if p]
    ranged = re.fullmatch(r"(\S+?)\s*(?:-|–|to|through|thru)\s*(\S+)", raw, re.I)
    if ranged:
        first, last = parse_tooth(ranged.group(1), system), parse_tooth(ranged.group(2), system)
        if first.primary != last.primary or first.supernumerary or last.supernumerary:
            raise ToothError(
                f"{raw[:30]!r}: a range runs between two regular teeth of one dentition"
            )
        if first.arch != last.arch:
            raise ToothError(f"{raw[:30]!r}: a range of teeth stays within one arch")
        order = _LETTERS if first.primary else [str(n) for n in range(1, 33)]
        a, b = sorted((order.index(first.label), order.index(last.label)))
        return tuple(Tooth(label) for label in order[a : b + 1])
    if not parts:
        raise ToothError("no teeth given")
    teeth = []
    for p in parts:
        tooth = parse_tooth(p, system)
        if tooth not in teeth:
            teeth.append(tooth)
    return tuple(teeth)


_SEVERAL = re.compile(r"[,;–]|\w\s*-\s*\w|\s(?:to|and|through|thru)\s|\d\s+\d", re.I)


def names_several(text: str) -> bool:
    """Whether a tooth text lists or spans teeth ('2,3', '2-5', '30 31', '3 to 5')."""
    return _SEVERAL.search(text) is not None


def parse_teeth(text: str, system: str = "universal") -> tuple[Tooth, ...]:
    """One tooth, or a range or list such as 3-5, 3,4,5 or 30 31 (as a quadrant's or an arch's
    line may name its teeth; whether a code takes several is for the claim rules to say).
    Raises ToothError."""
    if names_several(text):
        return parse_tooth_range(text, system)
    try:
        return (parse_tooth(text, system),)
    except ToothError:
        if len(text.split()) > 1:  # 'A B'; 'tooth 30' was read above
            return parse_tooth_range(text, system)
        raise


def each_tooth(text: str, system: str = "universal") -> list[str]:
    """Each tooth a claim line's tooth text names, written plainly in `system` as the text was
    ('2-5' → 2, 3, 4, 5; ISO '16,17' → 16, 17; 'tooth 30' → 30), for formats with one tooth a
    field (837D TOO). The text as it is when it cannot be read (the checker says what is
    wrong)."""
    try:
        teeth = parse_teeth(text, system)
    except ToothError:
        return [text]
    if TOOTH_SYSTEMS.get(system, system) == "iso" and any(t.supernumerary for t in teeth):
        return [text]  # no ISO number to write for it
    return [t.numbered(system) for t in teeth]


def teeth_in(quadrant: str, dentition: str = "permanent") -> tuple[Tooth, ...]:
    """The regular teeth of a quadrant ('UR'…) or an arch ('upper'/'lower'), Universal order."""
    labels = _LETTERS if dentition == "primary" else [str(n) for n in range(1, 33)]
    try:
        key = parse_quadrant(quadrant)
    except ValueError:
        arch = parse_arch(quadrant)
        return tuple(Tooth(x) for x in labels if Tooth(x).arch == arch)
    return tuple(Tooth(x) for x in labels if Tooth(x).quadrant == key)


def arch_of(tooth: Tooth) -> str:
    return tooth.arch


# --- quadrants and arches ----------------------------------------------------------------------

_SIDE_WORDS = {
    "upper": "U",
    "maxillary": "U",
    "maxilla": "U",
    "top": "U",
    "u": "U",
    "lower": "L",
    "mandibular": "L",
    "mandible": "L",
    "bottom": "L",
    "l": "L",
}
_LR_WORDS = {"right": "R", "left": "L", "r": "R", "l": "L", "rt": "R", "lt": "L"}


def parse_quadrant(text: str) -> str:
    """'UR', 'urq', 'upper right', 'right maxillary', 'Q1', '10' → 'UR' (also UL, LL, LR).
    Raises ValueError with the accepted forms."""
    raw = str(text or "").strip()
    t = raw.lower().replace("-", " ").replace("_", " ")
    t = re.sub(r"\bquadrant\b|\bquad\b", "", t).strip()
    compact = t.replace(" ", "")
    if compact.endswith("q") and len(compact) == 3:
        compact = compact[:2]
    if compact.upper() in QUADRANTS:
        return compact.upper()
    if compact.upper() in {"RU", "LU", "LL", "RL"} and len(compact) == 2:
        return compact[1].upper() + compact[0].upper()
    area = {
        "10": "UR",
        "20": "UL",
        "30": "LL",
        "40": "LR",
        "q1": "UR",
        "q2": "UL",
        "q3": "LL",
        "q4": "LR",
    }
    if compact in area:
        return area[compact]
    words = t.split()
    vert = {_SIDE_WORDS[w] for w in words if w in _SIDE_WORDS and len(w) > 1}
    side = {_LR_WORDS[w] for w in words if w in _LR_WORDS and len(w) > 1}
    if len(vert) == 1 and len(side) == 1 and len(words) == 2:
        return vert.pop() + side.pop()
    raise ValueError(
        f"{raw[:30]!r} is not a quadrant: use UR, UL, LL or LR (or words such as 'upper right')"
    )


def parse_arch(text: str) -> str:
    """'upper', 'maxillary', 'U', 'UA', '01' → 'upper'; the same for 'lower'. Raises ValueError."""
    raw = str(text or "").strip()
    t = raw.lower().replace("arch", "").strip()
    uppers = {"upper", "maxillary", "maxilla", "max", "u", "ua", "01", "top", "maxillary arch"}
    lowers = {"lower", "mandibular", "mandible", "mand", "l", "la", "02", "bottom"}
    if t in uppers:
        return "upper"
    if t in lowers:
        return "lower"
    raise ValueError(f"{raw[:30]!r} is not an arch: use upper or lower")
