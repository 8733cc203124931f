"""The values of an 837D service line, parsed from a segment's elements: SV3 (procedure code,
fee, area, quantity), TOO (tooth and surfaces), DTP*472 (date of service), and the dates and
amounts inside them.

Pure functions: the same segment text always gives the same values, so the reader keeps them
by text. A fault comes back as a `Problem` (message, rule, severity) for the reader to place.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from ...surfaces import SURFACE_NAMES
from ..fields import MAX_FEE, BadValue, parse_quantity, shown
from ..model import Severity

_CDT = re.compile(r"D\d{4}")
_AMOUNT = re.compile(r"\d{1,10}(\.\d{0,4})?|\.\d{1,4}")
# a service line's note, written in the claim's loop 2300 (837D has no NTE in loop 2400)
LINE_NOTE = "LINE {} - "
LINE_NOTE_START = re.compile(r"LINE (\d{1,3}) - ")
MAX_LINES = 50  # service lines (loop 2400) an 837D claim takes
CLAIM_NTES = 5  # NTE segments loop 2300 takes (the claim's notes and its lines', 400 characters)

Problem = tuple[str, str, Severity]  # message, rule, severity


@lru_cache(maxsize=1 << 15)
def ccyymmdd(text: str) -> dt.date | None:
    """A CCYYMMDD date between 1900 and 2199, or None (kept: a file names the same days of
    service again and again, and many birth dates more than once)."""
    if len(text) != 8 or not text.isdigit() or not 1900 <= int(text[:4]) <= 2199:
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def amount(text: str, label: str) -> tuple[Decimal | None, Problem | None]:
    """An X12 decimal number up to MAX_FEE, or None and the problem in plain words."""
    text = text.strip()
    if not _AMOUNT.fullmatch(text):
        why = "is missing" if not text else f"{shown(text)} is not an amount"
        return None, (f"{label} {why}", "input.invalid", "error")
    value = Decimal(text)
    if value > MAX_FEE:
        return None, (
            f"{label} {shown(text)} is larger than any fee a claim can carry",
            "input.invalid",
            "error",
        )
    return value, None


Sv3 = tuple[str, Decimal | None, str | None, int, tuple[Problem, ...]]


def parse_sv3(el: list[str], component: str) -> Sv3:
    """SV3: (code, fee, area, quantity, problems); the usual line takes the short way."""
    if len(el) < 7:
        el = el + [""] * (7 - len(el))
    fee, fault = amount(el[2], "SV302 (the line fee)")
    procedure, area, quantity = el[1][3:].upper(), el[4] or None, el[6]
    if (
        fault is None
        and el[1][:3] == "AD" + component
        and procedure.isalnum()
        and (area is None or component not in area)
        and quantity in ("1", "")
    ):
        return procedure, fee, area, 1, ()
    return _parse_sv3_slowly(el, component)


def _parse_sv3_slowly(el: list[str], component: str) -> Sv3:
    """SV3 with something unusual in it: every element checked, each fault said."""
    problems: list[Problem] = []
    code = el[1].split(component)
    procedure = code[1].strip().upper() if len(code) > 1 else ""
    if len(code) == 1 and _CDT.fullmatch(code[0].strip().upper()):  # the code alone
        procedure = code[0].strip().upper()
        problems.append(
            (
                f"SV301 is {shown(code[0])} without its qualifier: write AD{component}"
                f"{procedure} (AD: an ADA CDT code); the code was read",
                "input.invalid",
                "error",
            )
        )
    elif code[0] != "AD":
        problems.append(
            (
                f"SV301 qualifier is {shown(code[0])}; dental procedure codes are sent "
                "as AD (ADA CDT)",
                "input.invalid",
                "error",
            )
        )
    if not procedure:
        problems.append(("SV301 holds no procedure code", "input.invalid", "error"))
    fee, fault = amount(el[2], "SV302 (the line fee)")
    if fault:
        problems.append(fault)
    areas = [a.strip() for a in el[4].split(component)] if el[4] else []
    if len(areas) > 1:
        problems.append(
            (
                f"SV304 lists several areas ({', '.join(areas)}); only {areas[0]} was "
                "checked, and only it is kept when the claim is converted: many payers want "
                "one area a line",
                "input.invalid",
                "warning",
            )
        )
    quantity = 1
    if el[6] and el[6] != "1":
        try:
            quantity = parse_quantity(el[6])
        except BadValue as exc:
            problems.append((f"SV306 {exc}", "input.invalid", "error"))
    return procedure, fee, areas[0] if areas else None, quantity, tuple(problems)


Too = tuple[str, str, str | None, tuple[Problem, ...]]


def parse_too(el: list[str], component: str) -> Too:
    """TOO: (system JP or JO, tooth, surfaces joined, problems)."""
    if len(el) < 4:
        el = el + [""] * (4 - len(el))
    system, tooth = el[1].strip(), el[2].strip().upper()
    sent = "".join(p.strip() for p in el[3].split(component)).upper()
    # each component a surface letter (M:O:D → MOD); X12 takes no words, so D:I:S:T:A:L or
    # DISTAL is judged as the letters it sends, kept apart, not read as the word 'distal'
    surfaces = (sent if all(c in SURFACE_NAMES for c in sent) else " ".join(sent)) or None
    problems: list[Problem] = []
    if system.upper() in ("JP", "JO") and system not in ("JP", "JO"):  # jo: meant, but not X12
        system = system.upper()
        problems.append(
            (f"TOO01 {shown(el[1].strip())} was read as {system}: X12 codes are upper case",
             "input.invalid", "warning")
        )  # fmt: skip
    elif system not in ("JP", "JO"):
        problems.append(
            (
                f"TOO01 {shown(system)} is not a tooth numbering system: use JP "
                "(Universal) or JO (ISO 3950)",
                "input.invalid",
                "error",
            )
        )
    if not tooth:
        problems.append(("TOO02 holds no tooth", "input.invalid", "error"))
    return "JO" if system == "JO" else "JP", tooth, surfaces, tuple(problems)


Dtp = tuple[dt.date | None, str | None, tuple[Problem, ...]]


def parse_dtp(el: list[str]) -> Dtp | tuple[()]:
    """A date of service (DTP*472) as (day, unreadable text, problems); () for other dates."""
    if len(el) < 4 or el[1] != "472":
        return ()
    form, text = el[2].strip(), el[3].strip()
    ranged = form == "RD8" and len(text) == 17 and text[8] == "-"
    day = ccyymmdd(text[:8]) if form == "D8" and len(text) == 8 or ranged else None
    if day is None:
        why = f"({form or 'no format'}; expected D8 and CCYYMMDD)"
        return None, text[:40], ((f"DTP*472 date of service {shown(text)} is not a date {why}",
                                  "date.invalid", "error"),)  # fmt: skip
    if ranged and text[:8] != text[9:]:
        why = f"dental lines take one day, so {day.isoformat()} was used"
        return day, None, ((f"the date of service is a range ({text}); {why}", "input.invalid",
                            "warning"),)  # fmt: skip
    return day, None, ()
