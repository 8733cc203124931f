"""Claims for rule tests, built directly (no reader): `claim(line("D2392", tooth="30", ...))`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cdthub.core.claims.check import check
from cdthub.core.claims.model import Claim, Finding, HistoryItem, Line
from cdthub.core.claims.packs import Pack
from cdthub.core.dataset import load_catalog

TODAY = dt.date(2026, 12, 1)
DAY = dt.date(2026, 3, 2)
ADULT = dt.date(1980, 5, 17)


def line(code: str, date: dt.date | None = DAY, **fields) -> dict:
    return {"code": code, "date": date, **fields}


def past(code: str, date: dt.date, **fields) -> HistoryItem:
    return HistoryItem(code=code, date=date, **fields)


def claim(*lines: dict, born: dt.date | None = ADULT, history=(), **fields) -> Claim:
    built = []
    for n, spec in enumerate(lines, 1):
        spec = dict(spec)
        if "fee" in spec and spec["fee"] is not None:
            spec["fee"] = Decimal(str(spec["fee"]))
        built.append(Line(number=n, **spec))
    return Claim(id="c1", lines=built, birth_date=born, history=list(history), **fields)


def run(c: Claim, pack: Pack | None = None) -> list[Finding]:
    return check(c, load_catalog(), pack, today=TODAY)


def hits(c: Claim, pack: Pack | None = None) -> set[tuple[int | None, str]]:
    """(line, rule) of every finding."""
    return {(f.line, f.rule) for f in run(c, pack)}


def errors(c: Claim, pack: Pack | None = None) -> list[Finding]:
    return [f for f in run(c, pack) if f.severity == "error"]
