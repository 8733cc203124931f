"""Reading one value of a claim the same way whatever the file: dates, fees, quantities, tooth
systems, teeth, areas, codes and notes.

Each reader (JSON, CSV, X12 837D) calls these. They clean (trim, upper-case, "#30" → "30") but
do not judge: whether D9999 exists or tooth 33 is a tooth is for the rules. What cannot be read
at all raises `BadValue`, whose message says in plain words what was wrong; the reader turns
it into an `input.invalid` or `date.invalid` finding and keeps going. A whole file that cannot
be read raises `UnreadableFile`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from ..teeth import AREA_CODE_OF
from .model import Finding, Severity

MAX_FEE = Decimal("99999999.99")
MAX_QUANTITY = 999
FIRST_YEAR, LAST_YEAR = 1900, 2199

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_X12_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# a comma only between thousands (1,200.00), at most two decimals (cents)
_MONEY = re.compile(r"\$?\s*(\d{1,3}(?:,\d{3})+(?:\.\d{0,2})?|\d+(?:\.\d{0,2})?|\.\d{1,2})")
_DECIMAL_COMMA = re.compile(r"\$?\s*\d+,\d{1,2}")
_POINT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?")  # 3.000,00
_CENTS_AND_MORE = re.compile(r"[\d,]*\.\d{3,}")
_WHOLE = re.compile(r"\d+\.0+")
_SYSTEMS = {"JP": "JP", "UNIVERSAL": "JP", "JO": "JO", "ISO": "JO", "FDI": "JO"}


# an area written in words ("upper right quadrant", "Lower arch", "full mouth"), words sorted
_AREA_NOISE = re.compile(r"[^a-z]+|\b(?:quadrant|arch|the|of|oral|cavity)\b")
_AREA_WORDS = {
    "right upper": "10", "left upper": "20", "left lower": "30", "lower right": "40",
    "upper": "01", "maxillary": "01", "lower": "02", "mandibular": "02",
    "full mouth": "00", "mouth whole": "00", "entire mouth": "00", "entire": "00",
}  # fmt: skip


class BadValue(ValueError):
    """A value that cannot be read; the message says why, for a biller."""


class UnreadableFile(Exception):
    """A whole file that cannot be read (missing, binary, not JSON/CSV/X12, nothing usable in
    it); the message says why. `cdthub check` exits 2 on it. Re-exported by `formats`."""


def problem(
    message: str,
    claim: str | None = None,
    line: int | None = None,
    severity: Severity = "error",
    rule: str = "input.invalid",
) -> Finding:
    """A reader's finding (input.invalid unless said): a sentence with a capital and a stop."""
    text = message[:1].upper() + message[1:]
    return Finding(claim, line, rule, severity, text if text.endswith(".") else text + ".")


def shown(value: object, limit: int = 30) -> str:
    """A value quoted for a message, cut short so a finding never repeats a whole field; null,
    true and false spelled as in JSON."""
    text = str(value) if value is not None and not isinstance(value, bool) else json.dumps(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def parse_date(value: object) -> dt.date:
    """2026-03-02, 20260302 (as in X12) or 03/02/2026 (month first, the US custom)."""
    return _date(str(value).strip())


def month_first(value: object) -> bool:
    """Whether a date is written 03/02/2026 (read month first, which not every sender means)."""
    return _US_DATE.fullmatch(str(value).strip()) is not None


@lru_cache(maxsize=4096)
def _date(text: str) -> dt.date:
    for pattern, order in ((_ISO_DATE, "ymd"), (_X12_DATE, "ymd"), (_US_DATE, "mdy")):
        match = pattern.fullmatch(text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            break
    else:
        raise BadValue(f"{shown(text)} is not a date: write it as YYYY-MM-DD, e.g. 2026-03-02")
    if not FIRST_YEAR <= parts["y"] <= LAST_YEAR:
        raise BadValue(f"{shown(text)} is not a plausible date (the year is out of range)")
    try:
        return dt.date(parts["y"], parts["m"], parts["d"])
    except ValueError:
        if pattern is _US_DATE and parts["m"] > 12 >= parts["d"]:
            raise BadValue(
                f"{shown(text)} is written day first, but dates with slashes are read month "
                f"first ({parts['m']} is no month): write it as YYYY-MM-DD"
            ) from None
        raise BadValue(f"{shown(text)} is not a day of the calendar") from None


def parse_birth_date(value: object) -> dt.date:
    """A birth date, read like any date; the message does not repeat it (it is personal)."""
    try:
        return parse_date(value)
    except BadValue:
        raise BadValue("not a readable date: write it as YYYY-MM-DD, e.g. 2016-04-02") from None


def parse_fee(value: object) -> Decimal:
    """180, 180.5, "180.00", "$1,200.00" → Decimal; no negative, no more than 99,999,999.99."""
    if type(value) is Decimal and value.is_finite() and 0 <= value <= MAX_FEE:
        return value  # as JSON numbers arrive
    if isinstance(value, bool):
        raise BadValue(f"{shown(value)} is not an amount")
    if isinstance(value, float) and abs(value - round(value, 2)) < 1e-9:
        value = round(value, 2)  # 0.1 + 0.2 = 0.30000000000000004: cents meant
    if isinstance(value, int | float):
        text = repr(value) if isinstance(value, float) else str(value)
    else:
        text = str(value).strip()
    match = _MONEY.fullmatch(text)
    if not match:
        raise BadValue(_why_not_an_amount(text))
    try:
        fee = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        raise BadValue(f"{shown(text)} is not an amount: write it as 180 or 180.00") from None
    if fee > MAX_FEE:
        raise BadValue(f"{shown(text)} is larger than any fee a claim can carry")
    return fee


def _why_not_an_amount(text: str) -> str:
    """What is wrong with a fee, in the words that help fix it."""
    bare = text.lstrip("$ ")
    if bare.startswith("-"):
        return f"{shown(text)} is negative: a fee is 0 or more"
    if _DECIMAL_COMMA.fullmatch(text):
        return (
            f"{shown(text)} has a decimal comma: write it with a point, as {bare.replace(',', '.')}"
        )
    if _POINT_THOUSANDS.fullmatch(bare):
        plain = bare.replace(".", "").replace(",", ".")
        if bare.count(".") == 1 and "," not in bare:  # 1.180: a thousand, or 1.18?
            cents = Decimal(bare).quantize(Decimal("0.01"), ROUND_HALF_UP)
            return (
                f"{shown(text)} has three decimals: write {plain} if the point separates "
                f"thousands, else round it to cents ({cents})"
            )
        return f"{shown(text)} has points between thousands: write it as {plain}"
    if _CENTS_AND_MORE.fullmatch(bare):
        try:
            rounded = Decimal(bare.replace(",", "")).quantize(Decimal("0.01"), ROUND_HALF_UP)
        except InvalidOperation:
            pass
        else:
            return f"{shown(text)} has more than two decimals: round it to cents ({rounded})"
    return (
        f"{shown(text)} is not an amount: write it with digits, a point before the cents and "
        "commas only between thousands (1,180.00)"
    )


def parse_quantity(value: object) -> int:
    """A whole number of units from 1 to 999 ("2", 2, 2.0 and "2.000" all read as 2)."""
    if type(value) is int and 1 <= value <= MAX_QUANTITY:
        return value
    if isinstance(value, bool):
        raise BadValue(f"{shown(value)} is not a quantity")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise BadValue(
            f"{shown(value)} is not a quantity: write a whole number such as 1"
        ) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise BadValue(f"{shown(value)} is not a whole number of units")
    if not 1 <= number <= MAX_QUANTITY:
        raise BadValue(f"{shown(value)} is out of range: use 1 to {MAX_QUANTITY}")
    return int(number)


def parse_tooth_system(value: object) -> str:
    """JP (Universal, the default) or JO (ISO 3950); 'universal', 'iso' and 'fdi' read too."""
    if value is None or value == "JP":
        return "JP"
    text = str(value).strip().upper()
    if not text:
        return "JP"
    if text not in _SYSTEMS:
        raise BadValue(f"{shown(text)} is unknown: use JP (Universal numbering) or JO (ISO 3950)")
    return _SYSTEMS[text]


def clean_code(value: object) -> str:
    """The procedure code as written, trimmed and upper-cased ('d2392 ' → 'D2392')."""
    text = "" if value is None else str(value).strip().upper()
    if not text:
        raise BadValue("no procedure code")
    return text


def clean_tooth(value: object) -> str | None:
    """'#30' → '30', 'a' → 'A', 30 → '30', 30.0 → '30', ["2", "3"] → '2,3', '' → None."""
    if value is None:
        return None
    if isinstance(value, float | Decimal) and value == int(value):
        value = int(value)  # 30.0, as a spreadsheet writes 30
    elif isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        value = ",".join(str(v) for v in value)  # ["2", "3", 4]: the teeth of a quadrant's line
    text = str(value).strip().lstrip("#").strip().upper()
    if _WHOLE.fullmatch(text):
        text = text.split(".")[0]  # "30.0", as a spreadsheet exports 30
    return text or None


def clean_area(value: object) -> str | None:
    """Oral-cavity area code as two digits (10 → '10', 1 → '01'); 'UR', 'upper'… read as their
    codes. Other text is kept as written for the rules to judge (JSON true too: which area?)."""
    if value is None or value is False:
        return None
    if value is True:
        return "true"
    text = str(value).strip()
    if text.isdigit() and len(text) == 1:
        return "0" + text
    named = AREA_CODE_OF.get(text.upper()) or AREA_CODE_OF.get(text.lower())
    if named is None and text and not text.isdigit():
        words = _AREA_NOISE.sub(" ", f" {text.lower()} ").split()
        named = _AREA_WORDS.get(" ".join(sorted(words)))
    return named or text or None


def clean_surfaces(value: object) -> str | None:
    """Surfaces as written, trimmed and upper-cased ('mo' → 'MO'); the rules normalize them.
    A JSON list of letters (["M", "O"]) is read as the letters joined."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "".join(v.strip() for v in value)
    text = clean_text(value)
    return text.upper() if text else None


def clean_text(value: object) -> str | None:
    """Free text (a narrative, a surface list): trimmed, None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
