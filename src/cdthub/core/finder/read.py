"""Reading the structure out of a procedure description.

"MOD composite #30" → tooth 30 (a lower molar), surfaces MOD (3), material composite.
"deep cleaning LL quadrant, 2 teeth" → quadrant LL, 2 teeth. "pulled a baby tooth" → primary.
The claim facts (codes, teeth, quadrant, surfaces) are read here, then each dimension reads what
the description says about it (dimensions/). What is left over (the procedure words) goes to
the search index.
"""

from __future__ import annotations

import re

from ..teeth import (
    SurfaceError,
    Tooth,
    ToothError,
    normalize_surfaces,
    parse_tooth,
    parse_tooth_range,
    surface_problems,
    teeth_in,
)
from . import patterns as P
from .dimensions import DIMENSIONS
from .numbers import number
from .qualifiers import in_text
from .reading import Reading, Text

MAX_TEXT = 300  # characters of a description that are read


def spell_out(text: str) -> str:
    """'comp eval new pt' → 'comprehensive evaluation new patient'."""
    return P.SHORTHAND_RE.sub(lambda m: P.SHORTHAND[m.group(1).lower()], text)


def read(text: str) -> Reading:
    """Everything the description says about teeth, surfaces, area, counts, material, patient."""
    given = (text or "").replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    given = re.sub(r"\s+", " ", given).strip()[:MAX_TEXT]
    clean = spell_out(given)
    r = Reading(text=given, lower=clean.lower())
    t = Text(clean)
    _read_codes(r, t)
    _read_teeth(r, t)
    _read_quadrant(r, t)
    _read_surfaces(r, t)
    for dimension in DIMENSIONS:
        dimension.read(r, t)
    _check(r)
    r.qualifiers, r.negated = in_text(r.lower)
    r.work = t.work
    r.query = re.sub(r"\s+", " ", t.work).strip()
    return r


def _read_codes(r: Reading, t: Text) -> None:
    for m in t.finditer(P.CODE):
        r.codes.append(f"D{m.group(1)}")
        t.take(m)


def _add_tooth(r: Reading, tooth: Tooth, said: str) -> None:
    if tooth not in r.teeth:
        r.teeth.append(tooth)
        r.said.setdefault("teeth", said)


def _read_teeth(r: Reading, t: Text) -> None:
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


def _named_tooth(r: Reading, m: re.Match[str]) -> None:
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


def _read_quadrant(r: Reading, t: Text) -> None:
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


def _read_surfaces(r: Reading, t: Text) -> None:
    restorative = r.restorative
    letters: list[str] = []
    spans: list[re.Match[str]] = []
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
            if len(token) >= 3 and token in P.NOT_SURFACES:
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
        n = number(m.group(1))
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


def _next_to_context(work: str, m: re.Match[str]) -> bool:
    before = work[max(0, m.start() - 16) : m.start()].lower()
    after = work[m.end() : m.end() + 16].lower()
    return bool(P.RESTORATIVE.search(before + " " + after)) or "#" in after[:3]


def _check(r: Reading) -> None:
    if r.surfaces and r.teeth:
        for problem in surface_problems(r.surfaces, r.teeth[0]):
            r.problems.append(problem)
    if r.surface_count and r.surface_count[0] > 5:
        r.problems.append("a tooth has at most five surfaces")
