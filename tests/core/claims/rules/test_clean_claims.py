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
    # a quadrant's or an arch's teeth as billers list them (box 27 of the ADA form: commas,
    # hyphens), in both numberings
    "root planing with its teeth": claim(
        line("D4341", area="10", tooth="2,3,4,5"),
        line("D4342", area="40", tooth="30 31"),
        line("D4342", area="20", tooth="12-14"),
    ),
    "root planing with ISO teeth": claim(
        line("D4342", area="10", tooth="16,17", tooth_system="JO")
    ),
    "partial denture with its abutments": claim(line("D5213", area="01", tooth="4,5,12,13")),
    "space maintainer on primary teeth": claim(line("D1516", area="01", tooth="A,J"), born=CHILD),
    "unspecified surgery on a tooth, by report": claim(
        line("D7999", tooth="17", narrative="Removal of a root tip left after an extraction.")
    ),
    "unspecified periodontal procedure in a quadrant": claim(
        line("D4999", area="30", narrative="Local delivery of an antimicrobial gel.")
    ),
    "facial on a molar (a naming slip: a warning)": claim(line("D2391", tooth="3", surfaces="F")),
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_no_error_on_an_ordinary_claim(name):
    assert [f.message for f in errors(CLEAN[name])] == []
