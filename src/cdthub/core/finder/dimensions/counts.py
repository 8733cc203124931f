"""Dimensions that count: how many teeth or images ("4+ teeth", "bitewings x4") and which in a
sequence (the first image, each additional root)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..numbers import NUM, Interval, interval_text, number, overlap
from ..reading import Reading, Text
from .base import Dimension, Title, Verdict, first_match

CountValue = tuple[int, int | None, str]  # low, high (None: no limit), unit (teeth or images)

_N = r"(\d+|single|one|two|three|four|five|six|seven|eight)"
_TITLE_MORE = re.compile(_N + r"\s*(?:\+|or more)\s*(teeth|images|tooth)")
_TITLE_RANGE = re.compile(_N + r"\s*(?:-|to)\s*" + _N + r"\s*(teeth|images|tooth)")
_TITLE_EXACT = re.compile(_N + r"\s*(teeth|images|image)\b")
_UNIT_OF = {"teeth": "teeth", "tooth": "teeth", "images": "images", "image": "images"}

_COUNT = re.compile(
    NUM + r"\s*(\+|or more|plus)?\s*(?:(?:-|–|to)\s*(\d{1,2}))?\s*[- ]?"
    r"(teeth|tooth|spaces?|images?|films?|bite[- ]?wings?|bwx?s?|pas?|x-?rays?|radiographs?|"
    r"pics|photos?)\b",
    re.I,
)
_IMAGES = re.compile(r"bite[- ]?wing|\bbw|\bpas?\b|periapical|x-?ray|film")
_TIMES = re.compile(r"\bx\s?(\d)\b|\b(\d)\s?x\b", re.I)
_SINGLE_IMAGE = re.compile(r"\bsingle (?:bite[- ]?wing|bw|image|film|x-?ray|pa)\b")
_FULL_QUADRANT = re.compile(
    r"\b(?:full|whole|entire|complete) quad\w*|\ball teeth in (?:the |a )?quad\w*", re.I
)
_ONE_TOOTH = re.compile(r"\bsingle tooth\b|\bone tooth\b")


class Count(Dimension[CountValue]):
    name = "count"
    field = "counts"
    words = "one two three four five six seven eight single image images or more than to"

    def of_code(self, title: Title) -> CountValue | None:
        m = _TITLE_MORE.search(title.text)
        if m:
            return number(m.group(1)), None, _UNIT_OF[m.group(2)]
        m = _TITLE_RANGE.search(title.text)
        if m:
            return number(m.group(1)), number(m.group(2)), _UNIT_OF[m.group(3)]
        m = _TITLE_EXACT.search(title.text)
        if m:
            return number(m.group(1)), number(m.group(1)), _UNIT_OF[m.group(2)]
        return None

    def read(self, r: Reading, text: Text) -> None:
        for m in text.finditer(_COUNT):
            n = number(m.group(1))
            teeth = m.group(4).lower().startswith(("teeth", "tooth", "space"))
            unit = "teeth" if teeth else "images"
            hi: int | None = None if m.group(2) else int(m.group(3)) if m.group(3) else n
            r.counts[unit] = (n, hi)
            r.said.setdefault(f"count_{unit}", m.group(0).strip())
            text.take(m, 1)
        times = text.search(_TIMES)
        if "images" not in r.counts and _IMAGES.search(r.lower) and times:
            n = int(times.group(1) or times.group(2))
            r.counts["images"] = (n, n)
            r.said.setdefault("count_images", times.group(0))
            text.take(times)
        if _SINGLE_IMAGE.search(r.lower):
            r.counts.setdefault("images", (1, 1))
        if "teeth" not in r.counts and _FULL_QUADRANT.search(r.lower):
            r.counts["teeth"] = (4, None)
            r.said.setdefault("count_teeth", "full quadrant")
        if "teeth" not in r.counts and len(r.teeth) > 1:
            r.counts["teeth"] = (len(r.teeth), len(r.teeth))
        if _ONE_TOOTH.search(r.lower):
            r.counts.setdefault("teeth", (1, 1))

    def compares(self, value: CountValue, r: Reading) -> bool:
        return value[2] in r.counts

    def judge(self, value: CountValue, r: Reading) -> Verdict:
        lo, hi, unit = value
        said, covers = interval_text(r.counts[unit]), interval_text((lo, hi))
        if overlap(r.counts[unit], (lo, hi)):
            return Verdict(True, f"{said} {unit}: the code covers {covers}")
        return Verdict(False, f"it covers {covers} {unit}, not {said}")

    def questions(self, values: set[CountValue], r: Reading, top: CountValue | None) -> list[str]:
        out = []
        for unit in sorted({c[2] for c in values}):
            if unit not in r.counts and len([c for c in values if c[2] == unit]) > 1:
                out.append(
                    "number of teeth in the quadrant not given (1-3 or 4+)"
                    if unit == "teeth"
                    else "number of images not given"
                )
        return out

    def summary(self, r: Reading) -> dict[str, str]:
        return {f"{unit}_count": interval_text(span) for unit, span in r.counts.items()}


_TITLE_SEQUENCE: tuple[tuple[re.Pattern[str], Interval], ...] = (
    (re.compile(r"\beach (?:additional|further)\b|\badditional\b|\bfurther site"), (2, None)),
    (re.compile(r"\bthird dose\b"), (3, 3)),
    (re.compile(r"\bsecond dose\b|\bsecond-stage\b"), (2, 2)),
    (re.compile(r"\bfirst (?:image|dose|visit|root|15|tooth|site)\b"), (1, 1)),
)
_SEQUENCE_SAID: tuple[tuple[re.Pattern[str], Interval], ...] = (
    (re.compile(r"\b(additional|another|each additional|subsequent|extra)\b", re.I), (2, None)),
    (re.compile(r"\b(third|3rd)\b(?!\s+(?:molar))", re.I), (3, 3)),
    (
        re.compile(
            r"\b(second|2nd)\b(?!\s+(?:primary\s+|baby\s+)?(?:molar|premolar|bicuspid|opinion))",
            re.I,
        ),
        (2, 2),
    ),
    (
        re.compile(
            r"\b(first|1st|initial)\b(?!\s+(?:primary\s+|baby\s+|permanent\s+)?(?:molar|premolar|"
            r"bicuspid|incisor|canine|cuspid|dental visit|visit to))",
            re.I,
        ),
        (1, 1),
    ),
)


class Sequence(Dimension[Interval]):
    """First or additional: the first image, each additional root, a second dose."""

    name = "sequence"
    words = "first second third each additional further dose"

    def of_code(self, title: Title) -> Interval | None:
        found = first_match(_TITLE_SEQUENCE, title.text)
        return found[0] if found else None

    def read(self, r: Reading, text: Text) -> None:
        found = first_match(_SEQUENCE_SAID, text.work)
        if found:
            r.sequence, r.said["sequence"] = found

    def judge(self, value: Interval, r: Reading) -> Verdict:
        if overlap(r.sequence or value, value):
            return Verdict(True, f'"{r.said.get("sequence")}" fits the code')
        return Verdict(False, "the sequence (first/additional) differs")

    def unsaid(self, value: Interval | None, r: Reading, values: Mapping[str, Any]) -> float:
        return 0.8 if value is not None and value[0] > 1 else 1.0  # "each additional", unsaid

    def questions(self, values: set[Interval], r: Reading, top: Interval | None) -> list[str]:
        if r.sequence is None and len(values) > 1 and top:
            return ["first or additional (each additional image, root, visit…) not given"]
        return []
