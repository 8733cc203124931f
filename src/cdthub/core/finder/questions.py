"""Open questions: what the description leaves undecided between look-alike codes.

The look-alikes of the best suggestion are the codes of its family with the same kind of area
(all surface fillings, all quadrant scalings). Wherever they differ in a dimension the
description did not speak to — surfaces, front/back tooth, primary/permanent, arch, number of
teeth or images, material, metal, age, first/additional — that is a question to answer before
billing. Then come what the claim line itself will need (a tooth number, a quadrant) and
anything that cannot be right (an occlusal surface on a front tooth).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .dimensions import DIMENSIONS
from .profile import Profile
from .reading import Reading

MAX_QUESTIONS = 5


def open_questions(
    profiles: Mapping[str, Profile],
    lookalikes: Mapping[str, Sequence[str]],
    r: Reading,
    codes: list[str],
) -> list[str]:
    """`codes`: the best suggestion first, then the others that scored close to it."""
    questions: list[str] = list(r.problems)
    if not codes:
        questions.append(
            'no code fits these words: try the procedure\'s name, e.g. "crown", '
            '"extraction" or "root canal"'
        )
        return questions
    top = profiles[codes[0]]
    group = [profiles[c] for c in lookalikes[top.code.code]]
    for code in codes[1:]:  # close runners-up of the same kind (amalgam and composite fillings)
        other = profiles[code]
        if (
            other.code.area == top.code.area
            and other.code.category == top.code.category
            and other not in group
        ):
            group.append(other)
    for d in DIMENSIONS:
        values = {p.values[d.name] for p in group} - {None}
        questions += d.questions(values, r, top.values[d.name])
    questions += _claim_needs(top, r)
    return list(dict.fromkeys(questions))[:MAX_QUESTIONS]


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
