"""The consistency step of the coding assistant: does a code fit what the description says?

Each dimension of a code (surfaces, front/back tooth, primary/permanent, arch, one side or both,
number of teeth or images, first/additional, material, metal, age) is compared with what was
read, and so is each qualifier ("surgical", "interim"…). A match raises the code's score and
becomes a reason; a mismatch lowers it and becomes a "but …" reason.
"""

from __future__ import annotations

from . import qualifiers
from .profile import Profile
from .reading import Reading

MATCH, CLOSE, MISMATCH = 1.3, 1.1, 0.3  # a dimension that sets look-alikes apart
MATCH_PLAIN = 1.1  # a requirement met that the code's look-alikes share
QUALIFIER_MATCH, QUALIFIER_MISS, QUALIFIER_MISMATCH = 1.15, 0.8, 0.4
STRICT_PENALTY = 0.6
TOOTH_SAID = 1.1  # a tooth was named and the code is reported per tooth or surface


def fit(
    p: Profile, r: Reading, strict: set[str], sets_apart: frozenset[str]
) -> tuple[float, list[str]]:
    """How well code profile `p` fits what was read: a factor for its relevance and the
    reasons, "but …" for what does not fit. `sets_apart`: the dimensions on which the code's
    look-alikes differ (a match there counts more); `strict`: qualifiers said in the text that
    some candidate has, so codes without them lose."""
    factor = 1.0
    notes: list[str] = []
    for d, value in p.in_play:  # every other dimension would multiply by 1
        if value is None or not d.compares(value, r):
            factor *= d.unsaid(value, r, p.values)
            continue
        verdict = d.judge(value, r)
        if not verdict.fits:
            factor *= MISMATCH
            notes.append("but " + verdict.reason)
            continue
        factor *= CLOSE if verdict.close else MATCH if d.name in sets_apart else MATCH_PLAIN
        notes.append(verdict.reason)
    for q in p.qualifiers:
        if q in r.qualifiers:
            factor *= QUALIFIER_MATCH
        elif q in r.negated:
            factor *= QUALIFIER_MISMATCH
            notes.append(f"but it is {qualifiers.BY_NAME[q].label}")
        else:
            factor *= QUALIFIER_MISS
    for q in p.excludes:
        if q in r.qualifiers:
            factor *= QUALIFIER_MISMATCH
            notes.append(f"but it excludes {qualifiers.BY_NAME[q].label}")
        elif q in r.negated:
            factor *= QUALIFIER_MATCH
    for q in strict - p.qualifiers:
        if r.qualifiers[q] not in p.code.title.lower():  # "replace broken teeth" is no repair
            factor *= STRICT_PENALTY
    if r.teeth and p.code.area in ("tooth", "surface"):
        factor *= TOOTH_SAID
    return factor, notes


def distinguishable(p: Profile, r: Reading) -> bool:
    """True when the description says something that can tell code `p` from its look-alikes."""
    for d, value in p.in_play:
        if value is not None and d.compares(value, r):
            return True
    return bool(p.qualifiers & r.qualifiers.keys())
