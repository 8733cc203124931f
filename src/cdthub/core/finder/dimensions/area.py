"""Dimensions of the mouth: the arch (upper, lower, both) and one side or both sides. The
quadrant itself is read with the teeth, as the claim line needs it."""

from __future__ import annotations

import re

from ..reading import Reading, Text
from .base import Dimension, Title, Verdict

_BOTH_ARCHES = re.compile(
    r"\bboth (?:arches|jaws)\b|\bfull[- ]mouth\b|\bupper and lower\b|\bfull both\b|"
    r"\bentire mouth\b|\bwhole mouth\b",
    re.I,
)
_UPPER = re.compile(r"\b(upper|maxillary|maxilla|top|uppers)\b", re.I)
_LOWER = re.compile(r"\b(lower|mandibular|mandible|bottom|lowers)\b", re.I)


class Arch(Dimension[str]):
    name = "arch"
    words = "upper lower maxillary mandibular arch"

    def of_code(self, title: Title) -> str | None:
        upper = bool(re.search(r"\bupper\b|maxillary|\bmaxilla\b", title.text))
        lower = bool(re.search(r"\blower\b|mandibular|\bmandible\b", title.text))
        if upper != lower:
            return "upper" if upper else "lower"
        if re.search(r"\bboth jaws\b", title.text):
            return "both"
        return None

    def read(self, r: Reading, text: Text) -> None:
        if _BOTH_ARCHES.search(r.lower):
            r.arch = "both"
        else:
            upper, lower = text.search(_UPPER), text.search(_LOWER)
            if upper and not lower:
                r.arch, r.said["arch"] = "upper", upper.group(0)
            elif lower and not upper:
                r.arch, r.said["arch"] = "lower", lower.group(0)
        if r.arch is None and r.quadrant:
            r.arch = "upper" if r.quadrant[0] == "U" else "lower"
        if r.arch is None and r.teeth and len({x.arch for x in r.teeth}) == 1:
            r.arch = r.teeth[0].arch

    def judge(self, value: str, r: Reading) -> Verdict:
        if value == r.arch:
            return Verdict(True, f"{r.arch} arch, as the code")
        return Verdict(False, f"it is for the {value} arch, not {r.arch}")

    def questions(self, values: set[str], r: Reading, top: str | None) -> list[str]:
        if r.arch is None and len(values - {"both"}) > 1:
            return ["arch not given: upper or lower?"]
        return []

    def summary(self, r: Reading) -> dict[str, str]:
        return {"arch": r.arch} if r.arch else {}


_ONE_SIDE = re.compile(
    r"\bunilateral\b|\bone[- ]sided?\b|\bsingle[- ]sided?\b|\bper quad\w*|\bone quad\w*", re.I
)
_BOTH_SIDES = re.compile(r"\bbilateral\b|\bboth sides\b|\bcross[- ]arch\b", re.I)


class Sides(Dimension[str]):
    """One side (unilateral, per quadrant) or both sides of an arch."""

    name = "sides"
    words = "quadrant per side sides both"

    def of_code(self, title: Title) -> str | None:
        if re.search(r"one side|unilateral|per quadrant", title.text):
            return "one"
        if re.search(r"both sides|bilateral", title.text):
            return "both"
        return None

    def read(self, r: Reading, text: Text) -> None:
        if _ONE_SIDE.search(r.lower) or r.quadrant:
            r.sides = "one"
        if _BOTH_SIDES.search(r.lower):
            r.sides = "both"

    def judge(self, value: str, r: Reading) -> Verdict:
        if value == r.sides:
            return Verdict(True, "one side (quadrant)" if value == "one" else "both sides", True)
        return Verdict(False, "it is for " + ("one side" if value == "one" else "both sides"))

    def questions(self, values: set[str], r: Reading, top: str | None) -> list[str]:
        if r.sides is None and len(values) > 1:
            return ["one side (a quadrant) or both sides (an arch)?"]
        return []
