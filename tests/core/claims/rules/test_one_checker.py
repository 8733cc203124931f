"""One Checker for a whole day of claims (as the CLI, the API and the batch workers use it) gives
each claim the findings it gets alone: what it keeps from earlier claims changes nothing."""

from __future__ import annotations

import datetime as dt

from cdthub.core.claims.check import Checker
from cdthub.core.dataset import load_catalog

from .build import TODAY, claim, line, past, run

OTHER_DAY = dt.date(2026, 9, 14)

DAY_OF_CLAIMS = [
    claim(line("D0150"), line("D0120", date=OTHER_DAY)),  # the same codes, days apart: clean
    claim(line("D0150"), line("D0120")),  # comprehensive and periodic evaluation on one day
    claim(line("D1110"), history=[past("D4346", dt.date(2025, 8, 1))]),  # clean
    claim(line("D1110"), history=[past("D4346", dt.date(2026, 3, 2))]),  # same day as history
    claim(line("D2392", tooth="30", surfaces="MO")),  # clean
    claim(line("D2393", tooth="30", surfaces="MO")),  # two surfaces on a three-surface code
    claim(line("D2392", tooth="30", surfaces="MO"), line("D2392", tooth="30", surfaces="OM")),
    claim(line("D1351", tooth="3"), born=dt.date(1960, 1, 1)),  # sealant at 66: age.limit
    claim(line("D1351", tooth="3"), born=dt.date(2017, 1, 1)),  # clean
]


def _shown(findings):
    return [(f.line, f.rule, f.severity, f.message) for f in findings]


def test_a_shared_checker_gives_each_claim_its_own_findings() -> None:
    alone = [_shown(run(c)) for c in DAY_OF_CLAIMS]
    assert any(alone) and not all(alone)  # the day mixes clean and faulty claims
    checker = Checker(load_catalog(), today=TODAY)
    for order in (DAY_OF_CLAIMS, DAY_OF_CLAIMS[::-1]):
        shared = {id(c): _shown(checker.check(c)) for c in order}
        assert [shared[id(c)] for c in DAY_OF_CLAIMS] == alone


def test_the_faulty_claims_of_the_day_are_the_expected_ones() -> None:
    rules = [{f.rule for f in run(c) if f.severity == "error" or f.rule == "age.limit"}
             for c in DAY_OF_CLAIMS]  # fmt: skip
    assert rules == [
        set(),
        {"bundle.conflict"},
        set(),
        {"bundle.conflict"},
        set(),
        {"surface.count"},
        {"line.duplicate"},
        {"age.limit"},
        set(),
    ]
