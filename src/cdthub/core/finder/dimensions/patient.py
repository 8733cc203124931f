"""The patient's age: "8 year old", "18 month old", "for a child", codes for adults."""

from __future__ import annotations

import re

from ..numbers import Interval, number, overlap
from ..reading import Reading, Text
from .base import Dimension, Title, Verdict, first_match

_TITLE_AGES: tuple[tuple[re.Pattern[str], Interval], ...] = (
    (re.compile(r"under three"), (0, 2)),
    (re.compile(r"\bchild(?:ren)?\b|\bpediatric\b"), (0, 13)),
    (re.compile(r"\badolescent\b"), (11, 17)),
    (re.compile(r"\badult\b(?! teeth)"), (14, None)),  # from Title.adult_from
)
_YEARS = re.compile(
    r"\b(\d{1,2})\s*(?:-|\s)?\s*(?:(?:years?|yrs?)[- ]old|yo|y/o|y\.o\.)(?!\w)|"
    r"\bage[ds]?\s*(\d{1,2})\b",
    re.I,
)
_MONTHS = re.compile(r"\b(\d{1,2})\s*(?:-|\s)?\s*(?:months?|mos?)[- ]old\b", re.I)
_WORDS: tuple[tuple[re.Pattern[str], Interval], ...] = (
    (
        re.compile(
            r"\btoddler\b|\binfant\b|\bnewborn\b|\bbaby\b(?!\s*(?:tooth|teeth|molars?|incisors?|"
            r"canines?|\w+ tooth))|\bunder (?:3|three)\b",
            re.I,
        ),
        (0, 2),
    ),
    (
        re.compile(
            r"\bkids?\b|\bchild(?:ren)?\b|\bpediatric\b|\bpaediatric\b|\bpeds\b|\bpedo\b|"
            r"\bson\b|\bdaughter\b|\bminor\b",
            re.I,
        ),
        (3, 12),
    ),
    (
        re.compile(
            r"\bteens?\b|\bteenagers?\b|\badolescents?\b|\bhigh school\w*\b|\bjuvenile\b", re.I
        ),
        (12, 17),
    ),
    (
        re.compile(
            r"\badults?\b(?!\s+(?:tooth|teeth|molars?))|\bgrown[- ]up\b|\bsenior\b|\belderly\b|"
            r"\bgeriatric\b",
            re.I,
        ),
        (18, None),
    ),
)


class Ages(Dimension[Interval]):
    name = "ages"
    words = "adult child adolescent"

    def of_code(self, title: Title) -> Interval | None:
        found = first_match(_TITLE_AGES, title.text)
        if found is None:
            return None
        return (title.adult_from, None) if found[0] == (14, None) else found[0]

    def read(self, r: Reading, text: Text) -> None:
        m = text.search(_MONTHS)
        if m:
            years = number(m.group(1)) // 12
            r.ages, r.said["age"] = (years, years), m.group(0)
            text.take(m)
        m = text.search(_YEARS)
        if m and r.ages is None:
            years = int(m.group(1) or m.group(2))
            r.ages, r.said["age"] = (years, years), m.group(0)
            text.take(m)
        found = first_match(_WORDS, r.lower) if r.ages is None else None
        if found:
            r.ages, r.said["age"] = found

    def judge(self, value: Interval, r: Reading) -> Verdict:
        age = r.said.get("age")
        if overlap(value, r.ages or value):
            return Verdict(True, f"patient age ({age}) fits")
        return Verdict(False, f"the age ({age}) does not fit")

    def questions(self, values: set[Interval], r: Reading, top: Interval | None) -> list[str]:
        if r.ages is not None or len(values) < 2:
            return []
        labels = " or ".join(_label(a) for a in sorted(values, key=lambda a: a[0]))
        return [f"patient's age not given: {labels}?"]

    def summary(self, r: Reading) -> dict[str, str]:
        return {"age": r.said.get("age", "")} if r.ages else {}


def _label(ages: Interval) -> str:
    lo, hi = ages
    if hi is None:
        return f"adult ({lo}+)"
    if lo == 0 and hi <= 2:
        return "under 3"
    if lo == 0:
        return f"child (up to {hi})"
    return f"adolescent ({lo}-{hi})"
