"""Every rule id: a claim that triggers it (on the right line, named in the message) and a close
claim that does not."""

from __future__ import annotations

import datetime as dt

import pytest

from cdthub.core.claims.rules import RULE_IDS

from .build import DAY, claim, hits, line, past, run

KID = dt.date(2020, 6, 1)
TEEN = dt.date(2012, 6, 1)

# rule id, line it lands on, the claim that triggers it, a close claim that does not
CASES = [
    (
        "code.unknown",
        1,
        claim(line("D2399", tooth="30")),
        claim(line("D2391", tooth="30", surfaces="O")),
    ),
    ("code.unknown", 2, claim(line("D0120"), line("X-RAY")), claim(line("D0120"), line("D0274"))),
    (
        "code.inactive",
        1,
        claim(line("D1352", tooth="3")),
        claim(line("D1352", tooth="3", date=dt.date(2025, 6, 1))),
    ),
    ("code.inactive", 1, claim(line("D1720", date=dt.date(2024, 1, 5))), claim(line("D1720"))),
    ("tooth.required", 1, claim(line("D7140")), claim(line("D7140", tooth="1"))),
    (
        "tooth.required",
        1,
        claim(line("D2392", surfaces="MO")),
        claim(line("D2392", tooth="30", surfaces="MO")),
    ),
    ("tooth.invalid", 1, claim(line("D7140", tooth="33")), claim(line("D7140", tooth="32"))),
    (
        "tooth.invalid",
        1,
        claim(line("D7140", tooth="30", tooth_system="JO")),
        claim(line("D7140", tooth="38", tooth_system="JO")),
    ),
    (
        "tooth.invalid",
        1,
        claim(line("D2391", tooth="2,3", surfaces="O")),
        claim(line("D4342", area="10", tooth="2,3")),
    ),
    ("tooth.not_allowed", 1, claim(line("D1110", tooth="3")), claim(line("D1110"))),
    ("tooth.not_allowed", 1, claim(line("D0120", tooth="14")), claim(line("D0140", tooth="14"))),
    ("tooth.not_allowed", 1, claim(line("D5120", tooth="24")), claim(line("D5212", tooth="24"))),
    ("tooth.wrong_type", 1, claim(line("D3330", tooth="8")), claim(line("D3330", tooth="30"))),
    ("tooth.wrong_type", 1, claim(line("D2930", tooth="30")), claim(line("D2930", tooth="K"))),
    (
        "tooth.wrong_type",
        1,
        claim(line("D1351", tooth="8"), born=KID),
        claim(line("D1351", tooth="36", tooth_system="JO"), born=KID),
    ),
    (
        "surface.required",
        1,
        claim(line("D2392", tooth="30")),
        claim(line("D2392", tooth="30", surfaces="MO")),
    ),
    (
        "surface.invalid",
        1,
        claim(line("D2392", tooth="30", surfaces="MX")),
        claim(line("D2392", tooth="30", surfaces="mo")),
    ),
    (
        "surface.invalid",
        1,
        claim(line("D2391", tooth="30", surfaces="MM")),
        claim(line("D2391", tooth="30", surfaces="M")),
    ),
    (  # buccal and facial are one side of a tooth: a surface named twice
        "surface.invalid",
        1,
        claim(line("D2161", tooth="30", surfaces="MODBLF")),
        claim(line("D2161", tooth="30", surfaces="MODBL")),
    ),
    (  # a word is read as meant
        "surface.invalid",
        1,
        claim(line("D2332", tooth="8", surfaces="MIFI")),
        claim(line("D2332", tooth="8", surfaces="mesial incisal facial")),
    ),
    (
        "surface.count",
        1,
        claim(line("D2393", tooth="30", surfaces="MO")),
        claim(line("D2393", tooth="30", surfaces="MOD")),
    ),
    (
        "surface.wrong_for_tooth",
        1,
        claim(line("D2331", tooth="8", surfaces="MO")),
        claim(line("D2331", tooth="8", surfaces="MI")),
    ),
    ("area.required", 1, claim(line("D4341")), claim(line("D4341", area="10"))),
    ("area.invalid", 1, claim(line("D4341", area="01")), claim(line("D4341", area="20"))),
    ("area.invalid", 1, claim(line("D4342", area="55")), claim(line("D4342", area="30"))),
    ("area.invalid", 1, claim(line("D5110", area="02")), claim(line("D5110", area="01"))),
    ("area.required", 1, claim(line("D7970")), claim(line("D5110"))),
    (
        "frequency.exceeded",
        1,
        claim(line("D0120"), history=[past("D0120", dt.date(2025, 12, 1))]),
        claim(line("D0120"), history=[past("D0120", dt.date(2025, 9, 1))]),
    ),
    (
        "frequency.exceeded",  # an implant at a site again; once removed (D6100), a new start
        1,
        claim(line("D6010", tooth="19"), history=[past("D6010", dt.date(2024, 1, 1), tooth="19")]),
        claim(
            line("D6010", tooth="19"),
            history=[
                past("D6010", dt.date(2024, 1, 1), tooth="19"),
                past("D6100", dt.date(2025, 6, 1), tooth="19"),
            ],
        ),
    ),
    (
        "frequency.exceeded",  # a prefabricated crown on a primary tooth again within 2 years
        1,
        claim(
            line("D2930", tooth="K"),
            history=[past("D2930", dt.date(2025, 9, 1), tooth="K")],
            born=KID,
        ),
        claim(
            line("D2930", tooth="K"),
            history=[past("D2930", dt.date(2025, 9, 1), tooth="L")],
            born=KID,
        ),
    ),
    (
        "frequency.exceeded",  # comprehensive orthodontics once in a lifetime
        1,
        claim(line("D8080"), history=[past("D8080", dt.date(2020, 1, 1))], born=KID),
        claim(line("D8080"), history=[past("D8020", dt.date(2020, 1, 1))], born=KID),
    ),
    (
        "frequency.exceeded",
        2,
        claim(
            line("D1351", tooth="3", date=dt.date(2025, 2, 1)), line("D1351", tooth="3"), born=KID
        ),
        claim(
            line("D1351", tooth="3", date=dt.date(2025, 2, 1)), line("D1351", tooth="14"), born=KID
        ),
    ),
    (
        "frequency.exceeded",
        1,
        claim(line("D4341", area="10"), history=[past("D4341", dt.date(2025, 1, 10), area="10")]),
        claim(line("D4341", area="20"), history=[past("D4341", dt.date(2025, 1, 10), area="10")]),
    ),
    (
        "age.limit",
        1,
        claim(line("D0145"), born=dt.date(2020, 1, 1)),
        claim(line("D0145"), born=dt.date(2024, 1, 1)),
    ),
    (
        "age.limit",
        1,
        claim(line("D1120"), born=dt.date(1990, 1, 1)),
        claim(line("D1120"), born=KID),
    ),
    (
        "age.limit",
        1,
        claim(line("D8080"), born=dt.date(1985, 1, 1)),
        claim(line("D8090"), born=dt.date(1985, 1, 1)),
    ),
    (
        "bundle.conflict",
        2,
        claim(line("D4341", area="10"), line("D4342", area="10")),
        claim(line("D4341", area="10"), line("D4342", area="20")),
    ),
    (  # a temporary filling on the day of the root canal of that tooth (a warning)
        "bundle.conflict",
        1,
        claim(line("D2940", tooth="30"), line("D3330", tooth="30")),
        claim(line("D2940", tooth="30"), line("D3330", tooth="19")),
    ),
    (  # a sealant on a tooth filled that day (a warning)
        "bundle.conflict",
        1,
        claim(line("D1351", tooth="30"), line("D2391", tooth="30", surfaces="O"), born=KID),
        claim(line("D1351", tooth="30"), line("D2391", tooth="31", surfaces="O"), born=KID),
    ),
    (  # a core build-up on the same tooth again within 5 years (a warning)
        "frequency.exceeded",
        1,
        claim(line("D2950", tooth="30"), history=[past("D2950", dt.date(2024, 1, 1), tooth="30")]),
        claim(line("D2950", tooth="30"), history=[past("D2950", dt.date(2020, 1, 1), tooth="30")]),
    ),
    (
        "coverage.note",
        1,
        claim(line("D9986")),
        claim(line("D9310")),
    ),
    (
        "frequency.exceeded",
        1,
        claim(line("D5110"), history=[past("D5110", dt.date(2024, 1, 1))]),
        claim(line("D5120"), history=[past("D5110", dt.date(2024, 1, 1))]),  # the other arch
    ),
    (
        "frequency.exceeded",
        1,
        claim(line("D3330", tooth="19"), history=[past("D3330", dt.date(2020, 1, 1), tooth="19")]),
        claim(line("D3348", tooth="19"), history=[past("D3330", dt.date(2020, 1, 1), tooth="19")]),
    ),
    (
        "bundle.conflict",
        2,
        claim(line("D6750", tooth="4"), line("D6240", tooth="4")),
        claim(line("D6750", tooth="3"), line("D6240", tooth="4")),
    ),
    (
        "bundle.conflict",
        2,
        claim(line("D2740", tooth="3"), line("D6058", tooth="3")),
        claim(line("D2740", tooth="3"), line("D6058", tooth="14")),
    ),
    (
        "bundle.conflict",
        2,
        claim(line("D2931", tooth="30"), line("D2740", tooth="30")),  # prefabricated and lab
        claim(line("D2931", tooth="30", date=dt.date(2026, 2, 2)), line("D2740", tooth="30")),
    ),
    (
        "bundle.conflict",
        2,
        claim(line("D5110"), line("D5130")),  # both upper: the arch comes from the codes
        claim(line("D5110"), line("D5140")),
    ),
    (
        "bundle.conflict",
        2,
        claim(line("D3330", tooth="19"), line("D7140", tooth="19")),
        claim(line("D3330", tooth="19"), line("D7140", tooth="18")),
    ),
    (
        "bundle.base_missing",
        1,
        claim(line("D6104", tooth="19")),
        claim(line("D6104", tooth="19"), line("D6010", tooth="19")),
    ),
    (
        "frequency.exceeded",
        1,
        claim(line("D7140", tooth="30"), history=[past("D7140", dt.date(2025, 1, 1), tooth="30")]),
        claim(line("D7250", tooth="30"), history=[past("D7140", dt.date(2025, 1, 1), tooth="30")]),
    ),
    (
        "tooth.extracted",
        1,
        claim(line("D2740", tooth="19"), history=[past("D7140", dt.date(2025, 1, 1), tooth="19")]),
        claim(line("D6058", tooth="19"), history=[past("D7140", dt.date(2025, 1, 1), tooth="19")]),
    ),
    (  # root planing listing a tooth that is gone
        "tooth.extracted",
        1,
        claim(
            line("D4341", tooth="2,3,4,5", area="10"),
            history=[past("D7140", dt.date(2025, 1, 1), tooth="3")],
        ),
        claim(
            line("D4342", tooth="2,4", area="10"),
            history=[past("D7140", dt.date(2025, 1, 1), tooth="3")],
        ),
    ),
    (
        "quantity.exceeded",
        1,
        claim(line("D9239", quantity=2)),
        claim(line("D9239"), line("D9243", quantity=2)),
    ),
    (
        "quantity.exceeded",
        2,
        claim(line("D0120"), line("D0274", quantity=2)),
        claim(line("D0120"), line("D0274")),
    ),
    (
        "quantity.exceeded",
        1,
        claim(line("D2391", tooth="30", surfaces="O", quantity=2)),
        claim(line("D2391", tooth="30", surfaces="O")),
    ),
    (
        "quantity.exceeded",
        1,
        claim(line("D9310", quantity=2)),  # a consultation is one visit
        claim(line("D9310")),
    ),
    (
        "tooth.count",
        1,
        claim(line("D4341", area="10", tooth="2,3")),
        claim(line("D4342", area="10", tooth="2,3")),
    ),
    (
        "tooth.count",
        1,
        claim(line("D4342", area="10", tooth="2-6")),
        claim(line("D4341", area="10", tooth="2-6")),
    ),
    (
        "bundle.base_missing",
        1,
        claim(line("D9223", quantity=2)),
        claim(line("D9223", quantity=2), line("D9222")),
    ),
    (
        "bundle.base_missing",
        2,
        claim(line("D3425", tooth="19"), line("D3426", tooth="18")),
        claim(line("D3425", tooth="19"), line("D3426", tooth="19")),
    ),
    (
        "bundle.base_missing",
        1,
        claim(line("D9243"), history=[past("D9239", dt.date(2026, 3, 1))]),
        claim(line("D9243"), history=[past("D9239", DAY)]),
    ),
    (
        "bundle.conflict",
        2,
        claim(line("D0150"), line("D0120")),
        claim(line("D0150"), line("D0120", date=dt.date(2026, 9, 14))),
    ),
    (
        "bundle.conflict",
        2,
        claim(line("D4355"), line("D1110")),
        claim(line("D4355"), line("D1110", date=dt.date(2026, 4, 6))),
    ),
    (
        "bundle.conflict",
        1,
        claim(line("D1110"), history=[past("D4346", DAY)]),
        claim(line("D1110"), history=[past("D4346", dt.date(2025, 8, 1))]),
    ),
    (
        "bundle.conflict",
        2,
        claim(line("D4910"), line("D4341", area="10")),
        claim(line("D4910"), line("D4341", area="10", date=dt.date(2026, 4, 6))),
    ),
    (
        "bundle.conflict",
        2,
        claim(line("D3310", tooth="8"), line("D3220", tooth="8")),
        claim(line("D3310", tooth="8"), line("D3220", tooth="9")),
    ),
    (
        "narrative.required",
        1,
        claim(line("D2999", tooth="3")),
        claim(line("D2999", tooth="3", narrative="Pin-retained cusp rebuild.")),
    ),
    (
        "narrative.required",
        1,
        claim(line("D9999")),
        claim(line("D9999"), narrative="After-hours call-out."),
    ),
    (  # a dash or a dot says nothing
        "narrative.required",
        1,
        claim(line("D6199", tooth="19", narrative=" - "), narrative="."),
        claim(line("D6199", tooth="19", narrative="Re-cemented implant bridge.")),
    ),
    (
        "line.duplicate",
        2,
        claim(line("D2392", tooth="30", surfaces="MO"), line("D2392", tooth="30", surfaces="OM")),
        claim(line("D2392", tooth="30", surfaces="MO"), line("D2392", tooth="31", surfaces="MO")),
    ),
    (
        "line.duplicate",
        1,
        claim(line("D7140", tooth="1"), history=[past("D7140", DAY, tooth="1")]),
        claim(line("D7140", tooth="1"), history=[past("D7140", DAY, tooth="16")]),
    ),
    ("date.invalid", 1, claim(line("D0120", date=None)), claim(line("D0120"))),
    (
        "date.invalid",
        1,
        claim(line("D0120", date=dt.date(2027, 1, 4))),
        claim(line("D0120", date=dt.date(2026, 11, 30))),
    ),
    (
        "date.invalid",
        1,
        claim(line("D0120"), born=dt.date(2026, 5, 1)),
        claim(line("D0120"), born=dt.date(2026, 3, 1)),
    ),
    ("input.invalid", 1, claim(line("D0120", quantity=0)), claim(line("D0120", quantity=1))),
    ("input.invalid", 1, claim(line("D0120", fee=-5)), claim(line("D0120", fee=0))),
    ("input.invalid", None, claim(), claim(line("D0120"))),
    ("coverage.note", 1, claim(line("D9992")), claim(line("D9230"))),
]


@pytest.mark.parametrize(
    ("rule", "where", "bad", "near"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_rule_fires_on_the_claim_and_not_on_the_close_one(rule, where, bad, near):
    found = [f for f in run(bad) if f.rule == rule]
    assert found, f"{rule} did not fire"
    on_line = [f for f in found if f.line == where]
    assert on_line, f"{rule} fired on lines {[f.line for f in found]}, not on {where}"
    if where is not None:
        assert on_line[0].message.startswith(f"Line {where}: ")
    assert on_line[0].claim == "c1"
    assert (where, rule) not in hits(near)


def test_every_rule_id_in_the_design_is_registered_and_tested():
    design = {
        "code.unknown", "code.inactive", "tooth.required", "tooth.invalid", "tooth.not_allowed",
        "tooth.wrong_type", "surface.required", "surface.invalid", "surface.count",
        "surface.wrong_for_tooth", "area.required", "area.invalid", "frequency.exceeded",
        "age.limit", "bundle.conflict", "narrative.required", "line.duplicate", "date.invalid",
        "input.invalid",
    }  # fmt: skip
    assert design <= set(RULE_IDS)
    assert set(RULE_IDS) <= {case[0] for case in CASES}


def test_a_teen_is_not_flagged_for_a_child_cleaning():
    assert not [f for f in run(claim(line("D1120"), born=TEEN)) if f.rule == "age.limit"]
