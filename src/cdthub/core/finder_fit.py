"""The consistency step of the coding assistant: does a code fit what the description says?

Each requirement a code has (surfaces, front/back tooth, primary/permanent, arch, one side or
both, number of teeth or images, first/additional, material, metal, age, qualifiers such as
"surgical" or "interim") is compared with what was read. A match raises the code's score and
becomes a reason; a mismatch lowers it and becomes a "but …" reason.
"""

from __future__ import annotations

from .finder_parse import Reading
from .finder_profile import Interval, Profile

MATCH, CLOSE, MISMATCH = 1.3, 1.1, 0.3  # a dimension that sets look-alikes apart
MATCH_PLAIN = 1.1  # a requirement met that the code's look-alikes share
STRICT_PENALTY = 0.6
# Qualifiers that, when said, count against codes that lack them (if some candidate has them).
STRICT_QUALIFIERS = frozenset(
    {
        "retreatment",
        "implant",
        "immediate",
        "interim",
        "overdenture",
        "hybrid",
        "soft",
        "three_quarter",
        "surgical",
        "recement",
        "repair",
        "replace",
        "adjust",
        "reline",
        "rebase",
        "capture",
        "larger",
        "partial_arch",
        "malignant",
        "extraoral",
        "compound",
        "open",
        "separate",
        "advanced_airway",
        "booster",
        "bridge",
        "denture",
        "complicated",
        "lab",
        "removal",
    }
)
QUALIFIER_WORDS = {
    "complicated": "complicated",
    "immediate": "immediate",
    "interim": "interim/provisional",
    "capture": "capture only",
    "repair": "repair",
    "replace": "replacement",
    "adjust": "adjustment",
    "reline": "reline",
    "rebase": "rebase",
    "recement": "re-cementing",
    "removal": "removal",
    "retreatment": "retreatment",
    "soft": "soft",
    "partial_arch": "partial arch",
    "lab": "lab-made",
    "chairside": "chairside",
    "larger": "larger size",
    "implant": "implant",
    "surgical": "surgical",
    "three_quarter": "three-quarter",
    "overdenture": "overdenture",
    "hybrid": "hybrid",
    "bridge": "bridge",
    "denture": "denture",
    "malignant": "malignant",
    "extraoral": "extraoral",
    "extractions": "with extractions",
    "abutment": "on an abutment",
    "unspecified": "unspecified (by report)",
}


def fit(
    p: Profile, r: Reading, strict: set[str], sets_apart: frozenset[str]
) -> tuple[float, list[str]]:
    """How well code profile `p` fits what was read: a factor for its relevance and the
    reasons, "but …" for what does not fit. `sets_apart`: the dimensions on which the code's
    look-alikes differ (a match there counts more); `strict`: qualifiers said in the text that
    some candidate has, so codes without them lose."""
    factor = 1.0
    notes: list[str] = []

    def judge(dimension: str, ok: bool, good: str, bad: str, close: bool = False) -> None:
        nonlocal factor
        if ok:
            factor *= CLOSE if close else MATCH if dimension in sets_apart else MATCH_PLAIN
            notes.append(good)
        else:
            factor *= MISMATCH
            notes.append("but " + bad)

    code = p.code
    if code.surfaces and r.surface_count:
        judge(
            "surfaces",
            overlap(r.surface_count, (code.surfaces.min, code.surfaces.max)),
            f"{_said_surfaces(r)}: the code covers {code.surfaces.describe()}",
            f"it covers {code.surfaces.describe()}, not {_said_surfaces(r)}",
        )
    if p.position and r.position:
        ok = _position_fits(p.position, r.position)
        judge(
            "position",
            ok,
            f"{_said_position(r)}: the code is for {_position_words(p.position)}",
            f"it is for {_position_words(p.position)}, and {_said_position(r)}",
            close=ok and p.position in ("premolar", "molar") and r.position == "posterior",
        )
    if p.dentition and r.dentition:
        judge(
            "dentition",
            p.dentition == r.dentition,
            f"{_dentition_words(r)}: the code is for {p.dentition} teeth",
            f"it is for {p.dentition} teeth, not {r.dentition}",
        )
    if p.arch and r.arch:
        judge(
            "arch",
            p.arch == r.arch,
            f"{r.arch} arch, as the code",
            f"it is for the {p.arch} arch, not {r.arch}",
        )
    if p.sides and r.sides:
        judge(
            "sides",
            p.sides == r.sides,
            "one side (quadrant)" if p.sides == "one" else "both sides",
            "it is for " + ("one side" if p.sides == "one" else "both sides"),
            close=True,
        )
    if p.count and p.count[2] in r.counts:
        lo, hi, unit = p.count
        said = interval_text(r.counts[unit])
        judge(
            "count",
            overlap(r.counts[unit], (lo, hi)),
            f"{said} {unit}: the code covers {interval_text((lo, hi))}",
            f"it covers {interval_text((lo, hi))} {unit}, not {said}",
        )
    if p.sequence:
        if r.sequence:
            judge(
                "sequence",
                overlap(r.sequence, p.sequence),
                f'"{r.said.get("sequence")}" fits the code',
                "the sequence (first/additional) differs",
            )
        elif p.sequence[0] > 1:
            factor *= 0.8
    if p.materials and r.materials:
        if p.materials == r.materials:
            judge("materials", True, f"material: {r.said.get('material')}", "")
        elif p.materials & r.materials:
            judge("materials", True, f"material: {r.said.get('material')} (close)", "", close=True)
        else:
            judge(
                "materials",
                False,
                "",
                f"made of {_materials_words(p)}, not {r.said.get('material')}",
            )
    if p.alloys and r.alloys:
        judge(
            "alloys",
            bool(p.alloys & r.alloys),
            f"metal: {_alloy_words(p.alloys)}",
            f"the metal is {_alloy_words(p.alloys)}",
        )
    elif r.alloys and p.materials and not p.alloys:
        factor *= 0.9
    if p.ages and r.ages:
        judge(
            "ages",
            overlap(p.ages, r.ages),
            f"patient age ({r.said.get('age')}) fits",
            f"the age ({r.said.get('age')}) does not fit",
        )
    for q in p.qualifiers:
        if q in r.qualifiers:
            factor *= 1.15
        elif q in r.negated:
            factor *= 0.4
            notes.append(f"but it is {QUALIFIER_WORDS.get(q, q)}")
        else:
            factor *= 0.8
    for q in p.excludes:
        if q in r.qualifiers:
            factor *= 0.4
            notes.append(f"but it excludes {QUALIFIER_WORDS.get(q, q)}")
        elif q in r.negated:
            factor *= 1.15
    for q in strict - p.qualifiers:
        if r.qualifiers[q] not in code.title.lower():  # "replace broken teeth" is no repair
            factor *= STRICT_PENALTY
    if r.teeth and code.area in ("tooth", "surface"):
        factor *= 1.1
    return factor, notes


def interval_text(span: Interval) -> str:
    lo, hi = span
    return f"{lo}+" if hi is None else str(lo) if lo == hi else f"{lo}-{hi}"


def overlap(a: Interval, b: Interval) -> bool:
    a_hi = a[1] if a[1] is not None else 10**6
    b_hi = b[1] if b[1] is not None else 10**6
    return a[0] <= b_hi and b[0] <= a_hi


def distinguishable(p: Profile, r: Reading) -> bool:
    return bool(
        (p.code.surfaces and r.surface_count)
        or (p.position and r.position)
        or (p.dentition and r.dentition)
        or (p.arch and r.arch)
        or (p.sides and r.sides)
        or (p.count and p.count[2] in r.counts)
        or (p.sequence and r.sequence)
        or (p.materials and r.materials)
        or (p.alloys and r.alloys)
        or (p.ages and r.ages)
        or bool(p.qualifiers & r.qualifiers.keys())
    )


def _position_fits(code_position: str, said: str) -> bool:
    if code_position == said:
        return True
    if code_position == "posterior":
        return said in ("premolar", "molar")
    if said == "posterior":
        return code_position in ("premolar", "molar")
    return False


def _position_words(position: str) -> str:
    return {
        "anterior": "front teeth",
        "posterior": "back teeth",
        "premolar": "premolars",
        "molar": "molars",
    }[position]


def _said_position(r: Reading) -> str:
    if r.teeth:
        t = r.teeth[0]
        return f"tooth {t.label} is a {'front' if t.is_anterior else 'back'} tooth ({t.name})"
    kind = _position_words(r.position or "anterior")[:-1]  # "molars" → "molar"
    return f'"{r.said.get("position", r.position)}" is a {kind}'


def _said_surfaces(r: Reading) -> str:
    lo, hi = r.surface_count or (0, 0)
    n = interval_text((lo, hi))
    label = f"{n} surface" + ("" if n == "1" else "s")
    return f"{label} ({r.surfaces})" if r.surfaces else label


def _dentition_words(r: Reading) -> str:
    said = r.said.get("dentition")
    return f"{said} is {r.dentition}" if said else f"{r.dentition} teeth"


_MATERIAL_NAMES = {
    "ceramic": "porcelain/ceramic",
    "metal_frame": "on a metal frame",
    "cast": "cast metal",
    "resin": "resin/composite",
    "amalgam": "amalgam",
    "steel": "stainless steel",
    "flexible": "flexible base",
    "gold_foil": "gold foil",
}
_ALLOY_NAMES = {
    "high_noble": "high noble",
    "noble": "noble",
    "base": "base metal",
    "titanium": "titanium",
}


def _materials_words(p: Profile) -> str:
    return ", ".join(_MATERIAL_NAMES[m] for m in sorted(p.materials))


def _alloy_words(alloys) -> str:
    return " or ".join(_ALLOY_NAMES[a] for a in sorted(alloys))
