"""Dimensions of the tooth: number of surfaces, tooth type (front/back, premolar/molar) and
dentition (primary/permanent)."""

from __future__ import annotations

import re

from ...codes import Surfaces
from ..numbers import interval_text, overlap
from ..reading import Reading, Text
from .base import Dimension, Title, Verdict, first_match


class SurfaceCount(Dimension[Surfaces]):
    """How many surfaces a restoration covers. The description's surfaces (letters, "3
    surfaces", "class II") are read with the teeth, as the claim line needs them too."""

    name = "surfaces"
    field = "surface_count"
    words = "surface surfaces"

    def of_code(self, title: Title) -> Surfaces | None:
        return title.code.surfaces

    def judge(self, value: Surfaces, r: Reading) -> Verdict:
        assert r.surface_count is not None
        if overlap(r.surface_count, (value.min, value.max)):
            return Verdict(True, f"{_said_surfaces(r)}: the code covers {value.describe()}")
        return Verdict(False, f"it covers {value.describe()}, not {_said_surfaces(r)}")

    def questions(self, values: set[Surfaces], r: Reading, top: Surfaces | None) -> list[str]:
        if r.surface_count is None and len(values) > 1:
            return ["number of surfaces not given"]
        return []

    def summary(self, r: Reading) -> dict[str, str]:
        if r.surface_count and not r.surfaces:
            return {"surface_count": interval_text(r.surface_count)}
        return {}


def _said_surfaces(r: Reading) -> str:
    n = interval_text(r.surface_count or (0, 0))
    label = f"{n} surface" + ("" if n == "1" else "s")
    return f"{label} ({r.surfaces})" if r.surfaces else label


POSITION_WORDS = {
    "anterior": "front teeth",
    "posterior": "back teeth",
    "premolar": "premolars",
    "molar": "molars",
}
_POSITIONS_SAID = (
    (re.compile(r"\b(?:pre-?molars?|bicuspids?)\b", re.I), "premolar"),
    (re.compile(r"\bmolars?\b", re.I), "molar"),
    (
        re.compile(
            r"\b(?:front|anterior|incisors?|canines?|cuspids?|eye ?teeth|eye ?tooth)\b(?! only)",
            re.I,
        ),
        "anterior",
    ),
    (re.compile(r"\b(?:back (?:tooth|teeth)|posterior|in the back)\b", re.I), "posterior"),
)


class Position(Dimension[str]):
    """Front or back tooth, premolar or molar."""

    name = "position"
    words = "front back tooth teeth anterior posterior premolar molar"

    def of_code(self, title: Title) -> str | None:
        teeth = title.code.teeth
        if teeth and teeth.position != "any":
            return teeth.position
        if re.search(r"front tooth|front teeth", title.text):
            return "anterior"
        if re.search(r"back tooth|back teeth", title.text):
            return "posterior"
        return None

    def read(self, r: Reading, text: Text) -> None:
        if r.teeth:
            kinds = {x.kind for x in r.teeth}
            positions = {x.position for x in r.teeth}
            if len(kinds) == 1 and kinds & {"premolar", "molar"}:
                r.position = kinds.pop()
            elif len(positions) == 1:
                r.position = positions.pop()
        elif r.position is None:
            found = first_match(_POSITIONS_SAID, r.lower)
            if found:
                r.position, r.said["position"] = found

    def judge(self, value: str, r: Reading) -> Verdict:
        said = r.position or ""
        words = POSITION_WORDS[value]
        if not _position_fits(value, said):
            return Verdict(False, f"it is for {words}, and {_said_position(r)}")
        close = value in ("premolar", "molar") and said == "posterior"
        return Verdict(True, f"{_said_position(r)}: the code is for {words}", close)

    def questions(self, values: set[str], r: Reading, top: str | None) -> list[str]:
        if r.position is not None or r.teeth or len(values) < 2:
            return []
        if values == {"anterior", "posterior"}:
            return ["tooth not given: anterior or posterior?"]
        return ["tooth not given: front tooth, premolar or molar?"]

    def summary(self, r: Reading) -> dict[str, str]:
        return {"position": r.position} if r.position else {}


def _position_fits(code_position: str, said: str) -> bool:
    if code_position == said:
        return True
    if code_position == "posterior":
        return said in ("premolar", "molar")
    if said == "posterior":
        return code_position in ("premolar", "molar")
    return False


def _said_position(r: Reading) -> str:
    if r.teeth:
        t = r.teeth[0]
        return f"tooth {t.label} is a {'front' if t.is_anterior else 'back'} tooth ({t.name})"
    kind = POSITION_WORDS[r.position or "anterior"][:-1]  # "molars" → "molar"
    return f'"{r.said.get("position", r.position)}" is a {kind}'


_PRIMARY = re.compile(
    r"\bbaby (?:tooth|teeth|molars?|incisors?|canines?)\b|\bprimary\b|\bdeciduous\b|"
    r"\bmilk (?:tooth|teeth)\b",
    re.I,
)
_PERMANENT = re.compile(
    r"\bpermanent\b|\badult (?:tooth|teeth|molars?)\b|\bsecondary (?:tooth|teeth)\b", re.I
)
_MIXED = re.compile(r"\bmixed\b|\btransitional (?:dentition|teeth)\b", re.I)


class Dentition(Dimension[str]):
    """Primary (baby) or permanent teeth, or a mixed dentition."""

    name = "dentition"
    words = "baby primary permanent mixed"

    def of_code(self, title: Title) -> str | None:
        code, text = title.code, title.text
        if code.teeth and code.teeth.dentition != "any":
            return code.teeth.dentition
        if re.search(r"baby (?:tooth|teeth)|primary", text):
            return "primary"
        if "mixed" in text:
            return "mixed"
        if re.search(r"permanent|adolescent|adult\b", text) and code.category == "orthodontics":
            return "permanent"
        return None

    def read(self, r: Reading, text: Text) -> None:
        if r.dentition is not None:  # a named primary tooth, a six-year molar
            return
        primary = _PRIMARY.search(r.lower)
        if primary or (r.teeth and all(x.primary for x in r.teeth)):
            r.dentition = "primary"
            r.said["dentition"] = primary.group(0) if primary else f"tooth {r.teeth[0].label}"
        elif _MIXED.search(r.lower):
            r.dentition = "mixed"
        elif _PERMANENT.search(r.lower) or (r.teeth and all(x.permanent for x in r.teeth)):
            r.dentition = "permanent"

    def judge(self, value: str, r: Reading) -> Verdict:
        if value == r.dentition:
            said = r.said.get("dentition")
            words = f"{said} is {r.dentition}" if said else f"{r.dentition} teeth"
            return Verdict(True, f"{words}: the code is for {value} teeth")
        return Verdict(False, f"it is for {value} teeth, not {r.dentition}")

    def questions(self, values: set[str], r: Reading, top: str | None) -> list[str]:
        if r.dentition is None and len(values) > 1:
            return ["primary (baby) or permanent tooth not given"]
        return []

    def summary(self, r: Reading) -> dict[str, str]:
        return {"dentition": r.dentition} if r.dentition else {}
