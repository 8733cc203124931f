"""Whatever a claim holds, checking it gives findings and never raises (hypothesis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdthub.core.claims.model import Claim, HistoryItem, Line
from cdthub.core.claims.rules import RULE_IDS

from .build import run

CODES = ["D0120", "D0150", "D1110", "D1351", "D2392", "D2393", "D3330", "D4341", "D4355",
         "D5110", "D6930", "D7140", "D9992", "D9999", "D1352", "D0145", "D2930"]  # fmt: skip
text = st.text(alphabet="0123456789ABDFILMOJPS#-, ", max_size=8)
dates = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
places = dict(
    code=st.one_of(st.sampled_from(CODES), text),
    date=dates,
    tooth_system=st.sampled_from(["JP", "JO", "XX", ""]),
    tooth=st.one_of(st.none(), text, st.sampled_from(["30", "46", "K", "85", "51", "3-5"])),
    surfaces=st.one_of(st.none(), text, st.sampled_from(["MO", "MOD", "I", "BF"])),
    area=st.one_of(st.none(), st.sampled_from(["00", "01", "10", "40", "05", "99", "LL"])),
)
lines = st.lists(
    st.builds(
        Line,
        number=st.just(0),
        quantity=st.integers(-3, 1000),
        fee=st.one_of(st.none(), st.decimals(Decimal(-100), Decimal(10**6), places=2)),
        narrative=st.one_of(st.none(), st.just("why")),
        extra_teeth=st.lists(st.tuples(text, st.one_of(st.none(), text)), max_size=2).map(tuple),
        **places,
    ),
    max_size=6,
)
history = st.lists(st.builds(HistoryItem, **places), max_size=4)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=lines, history=history, born=dates, payer=st.sampled_from(["", "example-payer", "x"]))
def test_any_claim_gives_findings_never_an_exception(lines, history, born, payer):
    for n, line in enumerate(lines, 1):
        line.number = n
    claim = Claim(id="h", lines=lines, history=history, birth_date=born, payer=payer)
    for finding in run(claim):
        assert finding.rule in RULE_IDS and finding.severity in ("error", "warning")
        assert finding.message and finding.claim == "h"
        if finding.line is not None:
            assert finding.message.startswith(f"Line {finding.line}: ")
