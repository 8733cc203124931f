"""Reading the structure out of a procedure description.

"MOD composite #30" → tooth 30 (a lower molar), surfaces MOD (3), material composite.
"deep cleaning LL quadrant, 2 teeth" → quadrant LL, 2 teeth. "pulled a baby tooth" → primary.
What is read is kept with the words that said it, so the finder can give its reasons. What is
left over (the procedure words) goes to the search index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import finder_patterns as P
from .finder_profile import Interval, text_qualifiers
from .teeth import (
    SurfaceError,
    Tooth,
    ToothError,
    normalize_surfaces,
    parse_tooth,
    parse_tooth_range,
    surface_problems,
    teeth_in,
)

MAX_TEXT = 300


@dataclass
class Reading:
    text: str
    lower: str = ""
    codes: list[str] = field(default_factory=list)
    teeth: list[Tooth] = field(default_factory=list)
    surfaces: str | None = None
    surface_count: Interval | None = None
    quadrant: str | None = None
    arch: str | None = None  # upper, lower, both
    sides: str | None = None  # one, both
    counts: dict[str, Interval] = field(default_factory=dict)  # unit (teeth, images) → interval
    sequence: Interval | None = None
    materials: frozenset[str] = frozenset()
    alloys: frozenset[str] = frozenset()
    dentition: str | None = None  # primary, permanent, mixed
    ages: Interval | None = None
    position: str | None = None  # anterior, posterior, premolar, molar
    qualifiers: dict[str, str] = field(default_factory=dict)  # qualifier → the word that said it
    negated: frozenset[str] = frozenset()
    said: dict[str, str] = field(default_factory=dict)  # fact → the words that said it
    notes: list[str] = field(default_factory=list)  # how something was read (ISO numbers…)
    problems: list[str] = field(default_factory=list)  # things that cannot be right
    query: str = ""  # the words left for the search index
    work: str = ""  # the description with what was read blanked out (same positions as `lower`)

    @property
    def restorative(self) -> bool:
        return bool(P.RESTORATIVE.search(self.lower))


class _Text:
    """The description with the spans already read blanked out."""

    def __init__(self, text: str):
        self.original = text
        self.work = text

    def take(self, m: re.Match, group: int = 0) -> None:
        s, e = m.span(group)
        self.work = self.work[:s] + " " * (e - s) + self.work[e:]

    def finditer(self, pattern: re.Pattern):
        return list(pattern.finditer(self.work))


def _num(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else P.NUMBERS[word]


def spell_out(text: str) -> str:
    """'comp eval new pt' → 'comprehensive evaluation new patient'."""
    return P.SHORTHAND_RE.sub(lambda m: P.SHORTHAND[m.group(1).lower()], text)


def read(text: str) -> Reading:
    """Everything the description says about teeth, surfaces, area, counts, material, patient."""
    given = (text or "").replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    given = re.sub(r"\s+", " ", given).strip()[:MAX_TEXT]
    clean = spell_out(given)
    r = Reading(text=given, lower=clean.lower())
    t = _Text(clean)
    _read_codes(r, t)
    _read_teeth(r, t)
    _read_area(r, t)
    _read_surfaces(r, t)
    _read_counts(r, t)
    _read_patient(r, t)
    _read_materials(r)
    _check(r)
    r.qualifiers, r.negated = text_qualifiers(r.lower)
    r.work = t.work
    r.query = re.sub(r"\s+", " ", t.work).strip()
    return r


def _read_codes(r: Reading, t: _Text) -> None:
    for m in t.finditer(P.CODE):
        r.codes.append(f"D{m.group(1)}")
        t.take(m)


def _add_tooth(r: Reading, tooth: Tooth, said: str) -> None:
    if tooth not in r.teeth:
        r.teeth.append(tooth)
        r.said.setdefault("teeth", said)


def _read_teeth(r: Reading, t: _Text) -> None:
    for m in t.finditer(P.ISO):
        try:
            tooth = parse_tooth(m.group(1), "iso")
        except ToothError as e:
            r.problems.append(str(e))
        else:
            _add_tooth(r, tooth, m.group(0))
            r.notes.append(f"ISO {m.group(1)} read as tooth {tooth.label} in Universal numbering")
        t.take(m)
    for m in t.finditer(P.TOOTH_RANGE):
        try:
            for tooth in parse_tooth_range(f"{m.group(1)}-{m.group(2)}"):
                _add_tooth(r, tooth, m.group(0).strip())
        except ToothError as e:
            r.problems.append(str(e))
        t.take(m)
    for m in t.finditer(P.TOOTH_LIST):
        for part in re.findall(r"\d{1,2}", m.group(1)):
            _take_number(r, part, m.group(0))
        t.take(m)
    for pattern in (P.TOOTH_HASH, P.TOOTH_WORD, P.TOOTH_AFTER_PREP):
        for m in t.finditer(pattern):
            body = m.group(1)
            if pattern is P.TOOTH_AFTER_PREP and not (int(body) <= 32 or _is_iso(body)):
                continue
            _take_number(r, body, m.group(0).strip())
            t.take(m, 1 if pattern is P.TOOTH_AFTER_PREP else 0)
    for m in t.finditer(P.NAMED_TOOTH):
        _named_tooth(r, m)
        t.take(m)
    for m in t.finditer(P.SPECIAL_MOLARS):
        r.position = "molar"
        r.said.setdefault("position", m.group(0))
        if m.group(1) or m.group(2):
            r.dentition = r.dentition or "permanent"


def _is_iso(body: str) -> bool:
    try:
        parse_tooth(body, "iso")
    except ToothError:
        return False
    return True


def _take_number(r: Reading, body: str, said: str) -> None:
    try:
        tooth = parse_tooth(body, "auto")
    except ToothError as e:
        r.problems.append(str(e))
        return
    if body.isdigit() and 33 <= int(body) <= 48:
        r.notes.append(
            f"{body} is not a Universal tooth number; read as ISO {body} = tooth {tooth.label}"
        )
    _add_tooth(r, tooth, said)


def _named_tooth(r: Reading, m: re.Match) -> None:
    vert = (m.group(1) or m.group(4)).lower()
    side = (m.group(2) or m.group(3)).lower()
    quadrant = ("U" if vert in ("upper", "maxillary") else "L") + ("R" if side == "right" else "L")
    primary = bool(m.group(5))
    ordinal = {"1st": "first", "2nd": "second", "3rd": "third"}.get(
        (m.group(6) or "").lower(), (m.group(6) or "").lower()
    )
    kind = m.group(8).lower().replace(" ", "")
    kind = {"cuspid": "canine", "eyetooth": "canine", "bicuspid": "premolar"}.get(kind, kind)
    fits = [
        tooth
        for tooth in teeth_in(quadrant, "primary" if primary else "permanent")
        if tooth.kind == kind
        and (not ordinal or f" {ordinal} " in f" {tooth.name} ")
        and (not m.group(7) or m.group(7).lower() in tooth.name)
    ]
    if len(fits) == 1:
        _add_tooth(r, fits[0], m.group(0))
    else:
        r.quadrant = r.quadrant or quadrant
        r.position = r.position or (kind if kind in ("premolar", "molar") else "anterior")
        r.said.setdefault("position", m.group(0))
    if primary:
        r.dentition = "primary"


def _read_surfaces(r: Reading, t: _Text) -> None:
    restorative = r.restorative
    letters: list[str] = []
    spans: list[re.Match] = []
    for m in t.finditer(P.SURFACE_TOKEN):
        token = m.group(1)
        if len(set(token.upper())) < len(token) or token == "I":
            continue  # a surface is named once; a lone "I" is the pronoun
        if token.isupper():
            if len(token) < 3 and not (restorative or r.teeth):
                continue
            if len(token) == 1 and not _next_to_context(t.work, m):
                continue
        else:
            if not restorative or len(token) == 1:
                continue
            if len(token) == 2 and (token in P.ENGLISH_2 or not _next_to_context(t.work, m)):
                continue
            if len(token) >= 3 and token in {
                "mid",
                "old",
                "lid",
                "bid",
                "dim",
                "mob",
                "mil",
                "fib",
                "dill",
                "doll",
                "mild",
            }:
                continue
        try:
            normalize_surfaces(token)
        except SurfaceError:
            continue
        letters.append(token)
        spans.append(m)
    if restorative:
        for m in t.finditer(P.SURFACE_WORDS):
            letters.append(m.group(1))
            spans.append(m)
    if letters:
        try:
            r.surfaces = normalize_surfaces(" ".join(letters))
        except SurfaceError:  # pragma: no cover - tokens were checked one by one
            r.surfaces = None
        if r.surfaces:
            r.surface_count = (len(r.surfaces), len(r.surfaces))
            r.said["surfaces"] = r.surfaces
            for m in spans:
                t.take(m)
    for m in t.finditer(P.SURFACE_COUNT):
        n = _num(m.group(1))
        r.surface_count = (n, None) if m.group(2) else (n, n)
        r.said.setdefault("surfaces", m.group(0).strip())
        t.take(m)
    for m in t.finditer(P.CLASS):
        cls = {"1": "i", "2": "ii", "3": "iii", "4": "iv", "5": "v"}.get(
            m.group(1).lower(), m.group(1).lower()
        )
        r.said.setdefault("class", m.group(0))
        if cls == "v" and r.surface_count is None:
            r.surface_count = (1, 1)
        elif cls == "i" and r.surface_count is None:
            r.surface_count = (1, 1)
            r.position = r.position or "posterior"
        elif cls == "ii":
            r.position = r.position or "posterior"
            r.surface_count = r.surface_count or (2, None)
        elif cls in ("iii", "iv"):
            r.position = r.position or "anterior"


def _next_to_context(work: str, m: re.Match) -> bool:
    before = work[max(0, m.start() - 16) : m.start()].lower()
    after = work[m.end() : m.end() + 16].lower()
    return bool(P.RESTORATIVE.search(before + " " + after)) or "#" in after[:3]


def _read_area(r: Reading, t: _Text) -> None:
    for m in t.finditer(P.QUADRANT_TOKEN):
        token = (m.group(1) or m.group(2) or m.group(3))[:2].upper()
        r.quadrant = token
        r.said["quadrant"] = m.group(0).strip()
        t.take(m)
    for m in t.finditer(P.QUADRANT_WORDS):
        vert = (m.group(1) or m.group(4)).lower()
        side = (m.group(2) or m.group(3)).lower()
        r.quadrant = ("U" if vert in ("upper", "maxillary") else "L") + (
            "R" if side == "right" else "L"
        )
        r.said["quadrant"] = m.group(0).strip()
        t.take(m)
    for m in t.finditer(P.QUADRANT_Q):
        r.quadrant = ("UR", "UL", "LL", "LR")[int(m.group(1) or m.group(2)) - 1]
        r.said["quadrant"] = m.group(0).strip()
        t.take(m)
    if (
        r.quadrant is None
        and r.teeth
        and len({x.quadrant for x in r.teeth}) == 1
        and len(r.teeth) > 1
    ):
        r.quadrant = r.teeth[0].quadrant
    if P.BOTH_ARCHES.search(r.lower):
        r.arch = "both"
    else:
        upper, lower = P.UPPER.search(t.work), P.LOWER.search(t.work)
        if upper and not lower:
            r.arch, r.said["arch"] = "upper", upper.group(0)
        elif lower and not upper:
            r.arch, r.said["arch"] = "lower", lower.group(0)
    if r.arch is None and r.quadrant:
        r.arch = "upper" if r.quadrant[0] == "U" else "lower"
    if r.arch is None and r.teeth and len({x.arch for x in r.teeth}) == 1:
        r.arch = r.teeth[0].arch
    if P.ONE_SIDE.search(r.lower) or r.quadrant:
        r.sides = "one"
    if P.BOTH_SIDES.search(r.lower):
        r.sides = "both"


def _read_counts(r: Reading, t: _Text) -> None:
    for m in t.finditer(P.COUNT):
        n = _num(m.group(1))
        unit = "teeth" if m.group(4).lower().startswith(("teeth", "tooth", "space")) else "images"
        hi: int | None = n
        if m.group(2):
            hi = None
        elif m.group(3):
            hi = int(m.group(3))
        r.counts[unit] = (n, hi)
        r.said.setdefault(f"count_{unit}", m.group(0).strip())
        t.take(m, 1)
    if "images" not in r.counts and re.search(
        r"bite[- ]?wing|\bbw|\bpas?\b|periapical|x-?ray|film", r.lower
    ):
        m = P.TIMES.search(t.work)
        if m:
            n = int(m.group(1) or m.group(2))
            r.counts["images"] = (n, n)
            r.said.setdefault("count_images", m.group(0))
            t.take(m)
    if re.search(r"\bsingle (?:bite[- ]?wing|bw|image|film|x-?ray|pa)\b", r.lower):
        r.counts.setdefault("images", (1, 1))
    if "teeth" not in r.counts and P.FULL_QUADRANT.search(r.lower):
        r.counts["teeth"] = (4, None)
        r.said.setdefault("count_teeth", "full quadrant")
    if "teeth" not in r.counts and len(r.teeth) > 1:
        r.counts["teeth"] = (len(r.teeth), len(r.teeth))
    if re.search(r"\bsingle tooth\b|\bone tooth\b", r.lower):
        r.counts.setdefault("teeth", (1, 1))
    for pattern, seq in (
        (P.SEQ_MORE, (2, None)),
        (P.SEQ_THIRD, (3, 3)),
        (P.SEQ_SECOND, (2, 2)),
        (P.SEQ_FIRST, (1, 1)),
    ):
        m = pattern.search(t.work)
        if m:
            r.sequence = seq
            r.said["sequence"] = m.group(0)
            break


def _read_patient(r: Reading, t: _Text) -> None:
    m = P.AGE_MONTHS.search(t.work)
    if m:
        years = _num(m.group(1)) // 12
        r.ages, r.said["age"] = (years, years), m.group(0)
        t.take(m)
    m = P.AGE_YEARS.search(t.work)
    if m and r.ages is None:
        years = int(m.group(1) or m.group(2))
        r.ages, r.said["age"] = (years, years), m.group(0)
        t.take(m)
    if r.ages is None:
        for pattern, ages in P.AGE_WORDS:
            m = pattern.search(r.lower)
            if m:
                r.ages, r.said["age"] = ages, m.group(0)
                break
    primary = P.PRIMARY.search(r.lower)
    if r.dentition is None:
        if primary or (r.teeth and all(x.primary for x in r.teeth)):
            r.dentition = "primary"
            r.said["dentition"] = primary.group(0) if primary else f"tooth {r.teeth[0].label}"
        elif P.MIXED.search(r.lower):
            r.dentition = "mixed"
        elif P.PERMANENT.search(r.lower) or (r.teeth and all(x.permanent for x in r.teeth)):
            r.dentition = "permanent"
    if r.teeth:
        kinds = {x.kind for x in r.teeth}
        positions = {x.position for x in r.teeth}
        if len(kinds) == 1 and kinds & {"premolar", "molar"}:
            r.position = kinds.pop()
        elif len(positions) == 1:
            r.position = positions.pop()
    elif r.position is None:
        for pattern, position in P.POSITIONS:
            m = pattern.search(r.lower)
            if m:
                r.position, r.said["position"] = position, m.group(0)
                break


def _read_materials(r: Reading) -> None:
    materials: set[str] = set()
    said = []
    text = r.lower
    for pattern, found in P.MATERIALS:
        m = pattern.search(text)
        if m:
            materials |= found
            said.append(m.group(0))
            text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    if {"ceramic", "metal_frame"} <= materials:
        materials.discard("cast")
    if "steel" in materials:
        materials.discard("amalgam")
    r.materials = frozenset(materials)
    r.alloys = frozenset(a for p, a in P.ALLOYS if p.search(text) or p.search(" ".join(said)))
    if said:
        r.said["material"] = ", ".join(dict.fromkeys(said))


def _check(r: Reading) -> None:
    if r.surfaces and r.teeth:
        for problem in surface_problems(r.surfaces, r.teeth[0]):
            r.problems.append(problem)
    if r.surface_count and r.surface_count[0] > 5:
        r.problems.append("a tooth has at most five surfaces")
