"""The public 837 samples in shared/data/x12-samples (written by others, read from there, never
copied here; skipped when absent): each known fault is found, and nothing raises."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cdthub.core.claims.formats import read_file

from .helpers import SAMPLES, messages

pytestmark = pytest.mark.skipif(SAMPLES is None, reason="shared/data/x12-samples is not here")


def read(name: str):
    claim_file = read_file(SAMPLES / name)
    claims = list(claim_file.claims)
    return claims, claim_file.findings


def test_every_sample_reads_without_an_exception():
    for path in sorted(SAMPLES.glob("837*")):
        claim_file = read_file(path)
        list(claim_file.claims)
        assert all(f.rule == "input.invalid" for f in claim_file.findings), path.name


def test_edifabric_dental_claim_reads_both_lines():
    claims, findings = read("837D_5010_edifabric-X12NET_DentalClaim.txt")
    (claim,) = claims
    assert claim.id == "26403774" and claim.problems == []
    first, second = claim.lines
    assert (first.code, first.tooth, first.surfaces, first.fee) == ("D2150", "12", "MO", 100)
    assert (second.code, second.date) == ("D1110", dt.date(2006, 10, 29))
    # its NPIs fail the check digit and its billing ZIP has five digits: warnings, not errors
    assert {f.severity for f in findings} == {"warning"}
    assert "NPI '1234567890'" in messages(findings) and "ZIP code '33111'" in messages(findings)


def test_mjkubba_demo_total_and_missing_loops():
    claims, findings = read("837D_5010_mjkubba-edi_demo-edi837D-demo-005010X224.edi")
    (claim,) = claims
    assert [line.code for line in claim.lines] == ["D3320", "D0120"]
    assert claim.total == Decimal(200)
    said = messages(claim.problems)
    assert "The claim total 200" in said and "300" in said
    assert "CLM07 (assignment accepted) is missing (A or C)" in said  # CLM*…*11:B:1*Y**Y*I
    said = messages(findings)
    assert "005010X224A3 is not the HIPAA dental version" in said
    assert "names no submitter (1000A NM1*41) and no receiver (1000B NM1*40)" in said


def test_mjkubba_one_line_file_total_and_missing_payer():
    claims, _ = read("837D_5010_mjkubba-edi_controller-rs_SAMPLE_837D.x12")
    said = messages(claims[0].problems)
    assert "The claim total 115" in said and "No payer (2010BB NM1*PR)" in said


def test_machete_wrong_envelope_and_newline_terminators():
    claims, findings = read(
        "837D_5010_machete-net6v2_Parsing837DentalL2010AAConditionalTests_Test1.x12"
    )
    assert claims[0].lines[0].tooth == "5"
    said = messages(findings)
    for fault in (
        "segments end with a line break",
        "GS01 is 'HP'",
        "ST03 says 005010X224A3 but its group's GS08 says 005010X221A1",
        "SE01 says the transaction set holds 29 segments but it holds 30",
        "has no GE",
    ):
        assert fault in said


def test_the_4010_samples_get_one_finding_each():
    for path in sorted(SAMPLES.glob("837D_4010_*")):
        claim_file = read_file(path)
        assert list(claim_file.claims) == []
        (finding,) = claim_file.findings
        assert "004010X096A1 is the pre-2012 (4010) format" in finding.message


def test_professional_claims_are_refused_by_name():
    _, findings = read("837P_5010_linuxforhealth-x12_demo.example1.837")
    assert "837P (professional) claim, not dental" in messages(findings)
