"""What a restoration or prosthesis is made of: its material classes and, for metal, the alloy.

Each material and alloy is listed once, with how our titles say it, how descriptions do and
how reasons and questions name it. A porcelain-fused-to-metal crown is {ceramic, metal_frame};
a full gold crown {cast} with the alloy high_noble.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..reading import Reading, Text
from .base import Dimension, Title, Verdict

MaterialSet = frozenset[str]


@dataclass(frozen=True, slots=True)
class Material:
    name: str
    label: str  # in reasons: "made of porcelain/ceramic"
    title: re.Pattern[str]  # in our titles (lower case)
    text: re.Pattern[str]  # in descriptions
    means: MaterialSet  # what the description's words stand for (PFM: ceramic on a metal frame)
    asked: str  # in the question "material not given: …"


def _material(
    name: str, label: str, title: str, text: str, means: MaterialSet = frozenset(), asked: str = ""
) -> Material:
    return Material(
        name,
        label,
        re.compile(title),
        re.compile(text, re.I),
        means or frozenset({name}),
        asked or label,
    )


MATERIALS = (  # in the order a description is read: the first to match takes its words
    _material(
        "metal_frame",
        "on a metal frame",
        r"porcelain[- ]fused|fused to|resin-faced|resin with|on a titanium frame",
        r"\bpf[mgz]\b|porcelain[- ]fused|fused to|\bmetal[- ]ceramic\b|\bceramo-?metal",
        means=frozenset({"ceramic", "metal_frame"}),
    ),
    _material(
        "ceramic",
        "porcelain/ceramic",
        r"porcelain|ceramic",
        r"porcelain|ceramic|zirconia|\bzr\b|\bzirc\b|e\.? ?max\b|lithium|\bcerec\b|bruxzir",
    ),
    _material(
        "cast",
        "cast metal",
        r"\bcast\b|full cast|metal inlay|metal onlay",
        r"\bfull (?:gold|metal|cast)\b|\bfgc\b|\bcast\b|\bgold\b(?! foil)|\ball[- ]metal\b|"
        r"\bmetal (?:crown|inlay|onlay)|\bmetallic\b",
        asked="cast metal (gold or other alloy)",
    ),
    _material(
        "resin",
        "resin/composite",
        r"composite|\bresin\b|acrylic|tooth-coloured",
        r"composite|\bresin\b|white (?:filling|fill)|tooth[- ]colou?red|\bacrylic\b|"
        r"\bbonding\b|\bbonded (?:filling|restoration)|\bplastic\b",
    ),
    _material(
        "amalgam",
        "amalgam",
        r"amalgam",
        r"amalgam|\bsilver\b(?! diamine| caps?\b| crowns?\b)|alloy filling",
    ),
    _material(
        "steel",
        "stainless steel",
        r"stainless steel",
        r"stainless|\bsscs?\b|\bsteel\b|\bsilver caps?\b|\bsilver crowns?\b",
    ),
    _material("flexible", "flexible base", r"flexible", r"flexible|valplast|duraflex"),
    _material("gold_foil", "gold foil", r"gold foil", r"gold foil"),
)
_BY_NAME = {m.name: m for m in MATERIALS}
_FRAME = _BY_NAME["metal_frame"]
# how a question names a combination
_COMBINATIONS = {
    frozenset({"ceramic", "metal_frame"}): "porcelain fused to metal",
    frozenset({"resin", "metal_frame"}): "resin on metal",
    frozenset({"cast", "resin"}): "cast metal framework",
}


def _asked(materials: MaterialSet) -> str:
    if materials in _COMBINATIONS:
        return _COMBINATIONS[materials]
    if len(materials) == 1:
        return _BY_NAME[next(iter(materials))].asked
    return "/".join(sorted(materials))


class Materials(Dimension[MaterialSet]):
    name = "materials"
    words = (
        "porcelain ceramic fused metal cast resin composite stainless steel amalgam flexible "
        "acrylic frame"
    )

    def of_code(self, title: Title) -> MaterialSet | None:
        found = {m.name for m in MATERIALS if m.title.search(title.plain)}
        if _FRAME.title.search(title.text) and "resin" in found and "ceramic" not in found:
            found.discard("cast")  # resin on a cast frame is the resin kind
        return frozenset(found) or None

    def read(self, r: Reading, text: Text) -> None:
        """The materials, and the alloys of the metal: "PFM high noble", "full gold"."""
        found: set[str] = set()
        said = []
        rest = r.lower
        for m in MATERIALS:
            match = m.text.search(rest)
            if match:
                found |= m.means
                said.append(match.group(0))
                rest = rest[: match.start()] + " " * len(match.group(0)) + rest[match.end() :]
        if {"ceramic", "metal_frame"} <= found:
            found.discard("cast")
        if "steel" in found:
            found.discard("amalgam")
        r.materials = frozenset(found)
        words = " ".join(said)
        r.alloys = frozenset(a.name for a in ALLOYS if a.text.search(rest) or a.text.search(words))
        if said:
            r.said["material"] = ", ".join(dict.fromkeys(said))

    def judge(self, value: MaterialSet, r: Reading) -> Verdict:
        said = r.said.get("material")
        if value == r.materials:
            return Verdict(True, f"material: {said}")
        if value & r.materials:
            return Verdict(True, f"material: {said} (close)", close=True)
        named = ", ".join(_BY_NAME[m].label for m in sorted(value))
        return Verdict(False, f"made of {named}, not {said}")

    def questions(self, values: set[MaterialSet], r: Reading, top: MaterialSet | None) -> list[str]:
        if r.materials or len(values) < 2:
            return []
        names = sorted(dict.fromkeys(_asked(m) for m in values))
        return ["material not given: " + ", ".join(names)]

    def summary(self, r: Reading) -> dict[str, str]:
        return {"material": r.said.get("material", "")} if r.materials else {}


@dataclass(frozen=True, slots=True)
class Alloy:
    name: str
    label: str
    title: re.Pattern[str]
    text: re.Pattern[str]


def _alloy(name: str, label: str, title: str, text: str) -> Alloy:
    return Alloy(name, label, re.compile(title), re.compile(text, re.I))


ALLOYS = (
    _alloy(
        "high_noble",
        "high noble",
        r"high noble|\(gold\)",
        r"high[- ]noble|\bhn\b|\bgold\b(?! foil)|\byellow\b",
    ),
    _alloy(
        "noble",
        "noble",
        r"(?<!high )\bnoble|semi-precious",
        r"(?<!high )(?<!high-)\bnoble\b|semi-?precious|palladium",
    ),
    _alloy(
        "base",
        "base metal",
        r"base metal|predominantly base|non-precious",
        r"base metal|non-?precious|predominantly base|\bnp\b|\bbase\b(?! of)",
    ),
    _alloy("titanium", "titanium", r"titanium", r"titanium|\bti\b"),
)
_ALLOY_LABELS = {a.name: a.label for a in ALLOYS}


class Alloys(Dimension[MaterialSet]):
    """The metal of a cast or metal-framed restoration. Read with the materials."""

    name = "alloys"
    words = "high noble base predominantly alloy titanium gold non precious semi"

    def of_code(self, title: Title) -> MaterialSet | None:
        return frozenset(a.name for a in ALLOYS if a.title.search(title.text)) or None

    def judge(self, value: MaterialSet, r: Reading) -> Verdict:
        named = " or ".join(_ALLOY_LABELS[a] for a in sorted(value))
        if value & r.alloys:
            return Verdict(True, f"metal: {named}")
        return Verdict(False, f"the metal is {named}")

    def weighs(self, values: Mapping[str, Any]) -> bool:
        return values["alloys"] is not None or values["materials"] is not None

    def unsaid(self, value: MaterialSet | None, r: Reading, values: Mapping[str, Any]) -> float:
        # a metal is named, but this code of some material names none
        return 0.9 if r.alloys and values.get("materials") and not value else 1.0

    def questions(self, values: set[MaterialSet], r: Reading, top: MaterialSet | None) -> list[str]:
        if not r.alloys and top and len(values) > 1:
            return ["metal not given: high noble (e.g. gold), noble or base metal?"]
        return []
