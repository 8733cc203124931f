"""Numbers as descriptions and titles write them ("two", "4", "single") and the intervals the
coding assistant compares: 2 surfaces, 4+ teeth, ages 3-12."""

from __future__ import annotations

NUMBERS = {
    "single": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
}
NUM = r"(\d{1,2}|single|one|two|three|four|five|six|seven|eight|nine|ten)"

Interval = tuple[int, int | None]  # inclusive; None: no upper limit


def number(word: str) -> int:
    """'4' → 4, 'Two' → 2."""
    word = word.lower()
    return int(word) if word.isdigit() else NUMBERS[word]


def overlap(a: Interval, b: Interval) -> bool:
    a_hi = a[1] if a[1] is not None else 10**6
    b_hi = b[1] if b[1] is not None else 10**6
    return a[0] <= b_hi and b[0] <= a_hi


def interval_text(span: Interval) -> str:
    """(2, 2) → '2', (4, None) → '4+', (1, 3) → '1-3'."""
    lo, hi = span
    return f"{lo}+" if hi is None else str(lo) if lo == hi else f"{lo}-{hi}"
