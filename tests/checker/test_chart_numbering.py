"""The tooth chart on /check/ marks every tooth with a finding, whatever numbering its line
uses: a claim may mix Universal (JP) and ISO 3950 (JO) lines, and the chart, drawn in
Universal numbering, puts each ISO tooth at its Universal place."""

import json
import re

import pytest

pytestmark = pytest.mark.usefixtures("loaded_db")


def line(system: str, tooth: str, code: str, surfaces: str | None = None) -> dict:
    return {"date": "2026-03-02", "code": code, "tooth_system": system, "tooth": tooth,
            "surfaces": surfaces}  # fmt: skip


def chart_of(client, lines: list[dict]) -> str:
    claim = {"id": "MIX", "patient": {"birth_date": "2016-04-02"}, "lines": lines}
    page = client.post("/check/", {"mode": "paste", "text": json.dumps(claim)}).content.decode()
    return page.split('<figure class="chart">')[1].split("</figure>")[0]


def marked(chart: str) -> dict[str, str]:
    """Universal tooth → its state on the chart ('error', 'warning' or 'treated')."""
    return dict(
        (tooth, state)
        for state, tooth in re.findall(r'<g class="tooth (\w+)" data-tooth="(\w+)">', chart)
    )


def test_a_claim_mixing_universal_and_iso_lines_marks_every_tooth_with_a_finding(client):
    chart = chart_of(
        client,
        [
            line("JP", "30", "D2392", "MO"),  # clean
            line("JO", "46", "D2393", "MO"),  # surface.count on ISO 46, Universal 30
            line("JO", "11", "D2392", "MOD"),  # ISO 11 is Universal 8
            line("JO", "85", "D2392", "MOD"),  # primary: ISO 85 is Universal T
            line("JP", "3", "D2391", "O"),  # clean
        ],
    )
    assert marked(chart) == {"30": "error", "8": "error", "T": "error", "3": "treated"}
    assert "Tooth chart (Universal numbering): tooth 30 error found, tooth 8 error found, " in chart
    assert "tooth T error found" in chart
    assert "Not drawn" not in chart  # no ISO number is taken for a supernumerary tooth
    assert "Universal numbering (the claim mixes in ISO numbers" in chart
    assert "<title>tooth 30 (ISO 46): error found</title>" in chart


def test_the_clean_universal_line_does_not_hide_the_iso_lines_error_on_the_same_tooth(client):
    for lines in (
        [line("JP", "30", "D2392", "MO"), line("JO", "46", "D2393", "MO")],
        [line("JO", "46", "D2393", "MO"), line("JP", "30", "D2392", "MO")],
    ):
        assert marked(chart_of(client, lines)) == {"30": "error"}


@pytest.mark.parametrize(
    ("iso", "universal"),
    [("11", "8"), ("18", "1"), ("28", "16"), ("38", "17"), ("46", "30"), ("48", "32"),
     ("51", "E"), ("55", "A"), ("61", "F"), ("65", "J"), ("71", "O"), ("75", "K"),
     ("81", "P"), ("85", "T")],
)  # fmt: skip
def test_an_iso_tooth_with_a_finding_is_marked_at_its_universal_place(client, iso, universal):
    chart = chart_of(client, [line("JP", "3", "D2391", "O"), line("JO", iso, "D2392", "MOD")])
    assert marked(chart) == {"3": "treated", universal: "error"}
