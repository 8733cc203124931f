"""Open questions: what the description leaves undecided between look-alike codes.

The look-alikes of the best suggestion are the codes of its family with the same kind of area
(all surface fillings, all quadrant scalings). Wherever they differ on something the description
did not say — surfaces, front/back tooth, primary/permanent, arch, number of teeth or images,
material, metal, age, first/additional — that is a question to answer before billing. Then come
what the claim line itself will need (a tooth number, a quadrant) and anything that cannot be
right (an occlusal surface on a front tooth).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .finder_parse import Reading

if TYPE_CHECKING:  # pragma: no cover
    from .finder import Finder
    from .finder_profile import Profile

MAX_QUESTIONS = 5
_MATERIAL_LABELS = {
    frozenset({"ceramic"}): "porcelain/ceramic",
    frozenset({"ceramic", "metal_frame"}): "porcelain fused to metal",
    frozenset({"cast"}): "cast metal (gold or other alloy)",
    frozenset({"resin"}): "resin/composite",
    frozenset({"resin", "metal_frame"}): "resin on metal",
    frozenset({"amalgam"}): "amalgam",
    frozenset({"steel"}): "stainless steel",
    frozenset({"flexible"}): "flexible base",
    frozenset({"cast", "resin"}): "cast metal framework",
    frozenset({"gold_foil"}): "gold foil",
}


def _lookalikes(finder: Finder, top: Profile) -> list[Profile]:
    return [finder.profiles[c] for c in finder.lookalikes[top.code.code]]


def open_questions(finder: Finder, r: Reading, codes: list[str]) -> list[str]:
    """`codes`: the best suggestion first, then the others that scored close to it."""
    questions: list[str] = list(r.problems)
    if not codes:
        questions.append(
            'no code fits these words: try the procedure\'s name, e.g. "crown", '
            '"extraction" or "root canal"'
        )
        return questions
    top = finder.profiles[codes[0]]
    group = _lookalikes(finder, top)
    for code in codes[1:]:  # close runners-up of the same kind (amalgam and composite fillings)
        other = finder.profiles[code]
        if (
            other.code.area == top.code.area
            and other.code.category == top.code.category
            and other not in group
        ):
            group.append(other)
    questions += _choices(top, group, r)
    questions += _claim_needs(top, r)
    return list(dict.fromkeys(questions))[:MAX_QUESTIONS]


def _differ(group: list[Profile], attr) -> set:
    return {attr(p) for p in group} - {None}


def _choices(top: Profile, group: list[Profile], r: Reading) -> list[str]:
    out = []
    if r.surface_count is None and len(_differ(group, lambda p: p.code.surfaces)) > 1:
        out.append("number of surfaces not given")
    positions = _differ(group, lambda p: p.position)
    if r.position is None and not r.teeth and len(positions) > 1:
        if positions == {"anterior", "posterior"}:
            out.append("tooth not given: anterior or posterior?")
        else:
            out.append("tooth not given: front tooth, premolar or molar?")
    if r.dentition is None and len(_differ(group, lambda p: p.dentition)) > 1:
        out.append("primary (baby) or permanent tooth not given")
    if r.arch is None and len(_differ(group, lambda p: p.arch) - {"both"}) > 1:
        out.append("arch not given: upper or lower?")
    counts = _differ(group, lambda p: p.count)
    units = {c[2] for c in counts}
    for unit in sorted(units):
        if unit not in r.counts and len([c for c in counts if c[2] == unit]) > 1:
            out.append(
                "number of teeth in the quadrant not given (1-3 or 4+)"
                if unit == "teeth"
                else "number of images not given"
            )
    if r.sequence is None and len(_differ(group, lambda p: p.sequence)) > 1 and top.sequence:
        out.append("first or additional (each additional image, root, visit…) not given")
    materials = _differ(group, lambda p: p.materials or None)
    if not r.materials and len(materials) > 1:
        names = [_MATERIAL_LABELS.get(m, "/".join(sorted(m))) for m in materials]
        out.append("material not given: " + ", ".join(sorted(dict.fromkeys(names))))
    alloys = _differ(group, lambda p: p.alloys or None)
    if not r.alloys and top.alloys and len(alloys) > 1:
        out.append("metal not given: high noble (e.g. gold), noble or base metal?")
    ages = _differ(group, lambda p: p.ages)
    if r.ages is None and len(ages) > 1:
        out.append(
            "patient's age not given: "
            + " or ".join(_age_label(a) for a in sorted(ages, key=lambda a: a[0]))
            + "?"
        )
    sides = _differ(group, lambda p: p.sides)
    if r.sides is None and len(sides) > 1:
        out.append("one side (a quadrant) or both sides (an arch)?")
    return out


def _age_label(ages) -> str:
    lo, hi = ages
    if hi is None:
        return f"adult ({lo}+)"
    if lo == 0 and hi <= 2:
        return "under 3"
    if lo == 0:
        return f"child (up to {hi})"
    return f"adolescent ({lo}-{hi})"


def _claim_needs(top: Profile, r: Reading) -> list[str]:
    area = top.code.area
    if area in ("tooth", "surface") and not r.teeth:
        return ["tooth number not given (the claim line needs one)"]
    if area == "surface" and not r.surfaces:
        return ["surface letters not given (the claim line needs them, e.g. MOD)"]
    if area == "quadrant" and not r.quadrant:
        return ["quadrant not given (the claim line needs UR, UL, LL or LR)"]
    if area == "tooth_range" and len(r.teeth) < 2:
        return ["teeth not given (the claim line needs the range, e.g. 3-5)"]
    return []
