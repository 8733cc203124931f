"""Ordinary, correct claims get no error finding, in Universal (JP) and ISO (JO) numbering."""

from __future__ import annotations

import datetime as dt

import pytest

from .build import claim, errors, line, past

CHILD = dt.date(2017, 8, 9)

CLEAN = {
    "recall visit": claim(line("D0120"), line("D0274"), line("D1110")),
    "filling JP": claim(line("D2392", tooth="30", surfaces="MO")),
    "filling JO": claim(line("D2392", tooth="46", tooth_system="JO", surfaces="MO")),
    "front filling JO": claim(line("D2331", tooth="11", tooth_system="JO", surfaces="MI")),
    "root planing": claim(line("D4341", area="10"), line("D4342", area="30", tooth="19")),
    "extraction": claim(line("D7140", tooth="1")),
    "primary tooth JO": claim(line("D2930", tooth="85", tooth_system="JO"), born=CHILD),
    "child recall": claim(
        line("D0120"),
        line("D1120"),
        line("D1206"),
        line("D1351", tooth="3"),
        line("D1351", tooth="14"),
        born=CHILD,
    ),
    "new patient": claim(line("D0150"), line("D0210"), line("D1110")),
    "crown and build-up": claim(line("D2950", tooth="19"), line("D2740", tooth="19")),
    "root canal": claim(
        line("D3330", tooth="19"), line("D3320", tooth="5"), line("D3310", tooth="8")
    ),
    "recall after six months": claim(
        line("D0120"),
        line("D1110"),
        line("D0274"),
        history=[
            past("D0120", dt.date(2025, 9, 2)),
            past("D1110", dt.date(2025, 9, 2)),
            past("D0274", dt.date(2025, 3, 1)),
        ],
    ),
    "denture": claim(line("D5110"), line("D5120")),
    "bridge": claim(line("D6240", tooth="4"), line("D6750", tooth="3"), line("D6750", tooth="5")),
    "sedation": claim(line("D9230"), line("D7210", tooth="17", narrative="Bone removal needed.")),
    "supernumerary": claim(line("D7140", tooth="51")),
    "hash tooth": claim(line("D7140", tooth="#1")),
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_no_error_on_an_ordinary_claim(name):
    assert [f.message for f in errors(CLEAN[name])] == []
