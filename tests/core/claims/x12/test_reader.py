"""Reading 837D: what a biller sees of each claim, and each fault in the file as a finding."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cdthub.core.claims.formats import UnreadableFile

from .helpers import CLEAN, messages, problems, read_text


@pytest.fixture(scope="module")
def clean():
    return read_text(CLEAN)


def test_a_clean_file_reads_every_claim_without_a_finding(clean):
    claims, findings = clean
    assert [c.id for c in claims] == ["ADULT-1", "CHILD-1", "SENIOR-1", "ADULT-2"]
    assert findings == [] and problems(claims) == []


def test_claim_level_date_and_note_reach_every_line(clean):
    adult = clean[0][0]
    assert [line.code for line in adult.lines] == ["D0120", "D0274", "D1110"]
    assert {line.date for line in adult.lines} == {dt.date(2026, 3, 2)}
    assert adult.narrative == "RECALL VISIT"
    assert adult.total == Decimal("215") and adult.birth_date == dt.date(1980, 1, 15)


def test_a_note_in_a_service_line_is_read_and_said_and_one_for_no_line_is_kept():
    """837D 5010 has no NTE in loop 2400 (4010 had one): read as the line's note, with a
    warning; a 'LINE n - ' note for a line the claim lacks stays in the claim's note."""
    text = CLEAN.replace("NTE*ADD*LINE 3 - PRIMARY", "NTE*ADD*LINE 9 - PRIMARY").replace(
        "TOO*JP*A~\nDTP*472*D8*20260303~", "TOO*JP*A~\nDTP*472*D8*20260303~\nNTE*ADD*MOBILE~"
    )
    claims, _ = read_text(text)
    child = claims[1]
    assert child.lines[2].narrative == "MOBILE"
    assert child.narrative == "LINE 9 - PRIMARY TOOTH, MOBILE"
    said = [(f.line, f.severity, f.message) for f in child.problems]
    assert [s[:2] for s in said] == [(3, "warning"), (None, "warning")]
    assert "Line 3: an NTE inside a service line (loop 2400)" in said[0][2]
    assert "for line 9, which the claim does not have" in said[1][2]


def test_patient_loop_gives_the_patients_birth_date_and_line_details(clean):
    child = clean[0][1]
    assert child.birth_date == dt.date(2016, 4, 2)
    filling, srp, extraction, partial = child.lines
    assert (filling.tooth_system, filling.tooth, filling.surfaces) == ("JO", "46", "MO")
    assert (srp.area, srp.tooth, srp.fee) == ("10", None, Decimal("250"))
    assert (extraction.tooth, extraction.date) == ("A", dt.date(2026, 3, 3))
    assert extraction.narrative == "PRIMARY TOOTH, MOBILE"
    assert partial.tooth == "8" and partial.extra_teeth == (("9", None), ("13", "F"))
    assert [line.number for line in child.lines] == [1, 2, 3, 4]


def test_parties_are_kept_for_writing_back(clean):
    child = clean[0][1]
    assert child.billing_provider.id == "1234567893"
    assert child.billing_provider.postal_code == "627010001"
    assert child.subscriber.id == "MEMBER002" and child.patient.relationship == "19"
    assert child.payer_party.id == "PAYER01"


def test_a_date_range_of_one_day_is_that_day(clean):
    assert clean[0][2].lines[0].date == dt.date(2026, 3, 4)


def test_a_claim_date_range_is_said_only_where_a_line_takes_it():
    ranged = "DTP*472*RD8*20260302-20260305~\n"
    # ADULT-1's lines take the claim's date; CHILD-1's lines each have their own
    text = CLEAN.replace("DTP*472*D8*20260302~\nNTE*ADD*RECALL", ranged + "NTE*ADD*RECALL").replace(
        "CLM*CHILD-1*1005***11:B:1*Y*A*Y*I~\n", "CLM*CHILD-1*1005***11:B:1*Y*A*Y*I~\n" + ranged
    )
    claims, _ = read_text(text)
    said = {c.id: [p.message for p in c.problems] for c in claims}
    assert len(said["ADULT-1"]) == 1 and "is a range (20260302-20260305)" in said["ADULT-1"][0]
    assert said["CHILD-1"] == []


def test_wrong_segment_count_and_control_numbers_are_named():
    text = CLEAN.replace("SE*53*0001~", "SE*52*0009~").replace("IEA*1*000000101~", "IEA*2*7~")
    claims, findings = read_text(text)
    assert len(claims) == 4
    said = messages(findings)
    assert "Segment 55: SE01 says the transaction set holds 52 segments but it holds 53" in said
    assert "SE02 control number '0009' does not match ST02 '0001'" in said
    assert "IEA01 says 2 functional groups but there are 1" in said
    assert "IEA02 control number '7' does not match ISA13 '000000101'" in said


def test_a_code_sent_without_its_qualifier_is_read_and_said_once():
    claims, _ = read_text(CLEAN.replace("SV3*AD:D2150*120", "SV3*D2150*120"))
    line = claims[-1].lines[0]
    assert line.code == "D2150"
    assert [p.message for p in claims[-1].problems] == [
        "Line 1: SV301 is 'D2150' without its qualifier: write AD:D2150 (AD: an ADA CDT code); "
        "the code was read (segment 97)."
    ]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("HL*4*3*23*0~", "HL*4*9*23*0~", "Segment 32: HL02 '9' names no earlier HL"),
        ("HL*4*3*23*0~", "HL*4**23*0~", "Segment 32: HL02 is empty: a patient level belongs"),
        ("HL*4*3*23*0~", "HL*2*3*23*0~", "Segment 32: HL01 '2' is used twice"),
        ("HL*4*3*23*0~", "HL*4*1*23*0~", "is under HL 1, a billing provider level (20)"),
        ("HL*3*1*22*1~", "HL*3*1*22*0~", "HL 3 says no levels follow under it (HL04 0)"),
        ("HL*2*1*22*0~\nSBR", "HL*2*1*22*1~\nSBR", "HL 2 (segment 14) says levels follow"),
        ("HL*4*3*23*0~", "HL*4*3*23*1~", "Segment 55: HL 4 (segment 32) says levels follow"),
    ],
)
def test_an_hl_tree_that_does_not_hold_together_is_said_once(old, new, said):
    claims, findings = read_text(CLEAN.replace(old, new, 1))
    assert len(claims) == 4
    errors = [f.message for f in findings if f.severity == "error"]
    assert len(errors) == 1 and said in errors[0]


def test_a_billing_provider_without_its_tax_id_is_said_once():
    set_two = CLEAN.index("ST*837*0002")
    text = CLEAN[:set_two] + CLEAN[set_two:].replace("REF*EI*123456789~\n", "", 1)
    text = text.replace("SE*20*0002~", "SE*19*0002~")
    claims, findings = read_text(text)
    assert len(claims) == 4 and problems(claims) == []
    assert [f.message for f in findings] == [
        "Segment 70: the billing provider 'FIXTURE DENTAL GROUP' gives no tax id (2010AA REF*EI, "
        "or REF*SY for a social security number), which 5010 requires."
    ]


def test_a_clm_without_its_required_codes_is_said_once():
    claims, _ = read_text(CLEAN.replace("CLM*ADULT-2*120***11:B:1*Y*A*Y*I~", "CLM*ADULT-2*120~"))
    (said,) = [p.message for p in claims[-1].problems]
    assert said.startswith("CLM05 is missing, not place of service:B:frequency")
    assert "CLM07 (assignment accepted) is missing (A or C)" in said
    assert said.endswith("receivers reject such a claim (segment 95).")
    assert claims[0].problems == []  # the same codes on every other claim: nothing to say


def test_surface_components_are_read_one_surface_each():
    """D:I:S:T:A:L is six components, most no surface: not the word 'distal' read as D."""
    assert "TOO*JP*30*M:O~" in CLEAN
    for sent, read in [
        ("M:O", "MO"),
        ("m:o", "MO"),
        ("MO", "MO"),
        ("D:I:S:T:A:L", "D I S T A L"),
        ("DISTAL", "D I S T A L"),
    ]:
        claims, _ = read_text(CLEAN.replace("TOO*JP*30*M:O~", f"TOO*JP*30*{sent}~", 1))
        assert [line.surfaces for c in claims for line in c.lines if line.tooth == "30"][0] == read


def test_each_interchange_is_read_with_its_own_separators():
    first, second = CLEAN.split("ISA*00*", 2)[1:]
    other = "ISA|00|" + second.replace("*", "|").replace(":", ">")
    claims, findings = read_text("ISA*00*" + first + other)
    expected, _ = read_text(CLEAN)
    assert [c.to_dict() for c in claims] == [c.to_dict() for c in expected]
    assert findings == [] and problems(claims) == []


def test_a_right_count_with_leading_zeros_is_read_and_said():
    _, findings = read_text(CLEAN.replace("SE*53*0001~", "SE*0053*0001~"))
    assert [(f.severity, f.message) for f in findings] == [
        ("warning", "Segment 55: SE01 '0053' is the right count (53) written with leading zeros, "
         "which X12 numbers leave out; read anyway.")
    ]  # fmt: skip


def test_group_counts_and_a_missing_closer():
    text = CLEAN.replace("GE*2*101~", "GE*3*101~").replace("GE*1*102~\n", "")
    _, findings = read_text(text)
    said = messages(findings)
    assert "GE01 says 3 transaction sets but there are 2" in said
    assert "the functional group begun at segment" in said and "has no GE" in said


def test_a_file_cut_short_keeps_the_claims_before_the_cut():
    cut = CLEAN[: CLEAN.index("CLM*SENIOR-1")]
    claims, findings = read_text(cut)
    assert [c.id for c in claims] == ["ADULT-1", "CHILD-1"]
    assert "the file ends without the SE" in messages(findings)
    assert all(f.severity == "error" for f in findings if "ends without" in f.message)


def test_claim_total_that_is_not_the_sum_of_its_lines():
    claims, _ = read_text(CLEAN.replace("CLM*ADULT-1*215*", "CLM*ADULT-1*250*"))
    found = claims[0].problems
    assert [(f.rule, f.severity, f.line) for f in found] == [("input.invalid", "error", None)]
    assert "The claim total 250" in found[0].message and "215" in found[0].message


def test_bad_values_are_findings_on_their_line_with_the_segment_number():
    text = (
        CLEAN.replace("SV3*AD:D0274*70****1", "SV3*AD:D0274*7O****1")
        .replace("TOO*JO*46*M:O", "TOO*XX*46*M:O")
        .replace("TOO*JP*A~\nDTP*472*D8*20260303~", "TOO*JP*A~\nDTP*472*D8*20260230~")
    )
    claims, _ = read_text(text)
    adult, child = claims[0], claims[1]
    fee = adult.problems[0]
    assert (fee.line, fee.rule) == (2, "input.invalid")
    assert fee.message.startswith("Line 2: SV302 (the line fee) '7O' is not an amount")
    assert "(segment 25)" in fee.message
    rules = {(p.line, p.rule) for p in child.problems}
    assert (1, "input.invalid") in rules and (3, "date.invalid") in rules
    assert child.lines[2].date is None and child.lines[2].raw_date == "20260230"


def test_a_bad_birth_date_is_a_date_finding_on_the_claim():
    claims, _ = read_text(CLEAN.replace("DMG*D8*20160402*U", "DMG*D8*2016-04-02*U"))
    child = claims[1]
    assert child.birth_date is None
    assert [(p.rule, p.line) for p in child.problems] == [("date.invalid", None)]


def test_unknown_segments_are_named_and_skipped():
    text = CLEAN.replace("LX*2~\nSV3*AD:D0274", "ZZZ*1~\nLX*2~\nSV3*AD:D0274")
    claims, findings = read_text(text.replace("SE*53*0001", "SE*54*0001"))
    assert len(claims[0].lines) == 3
    assert [f.message for f in findings] == [
        "Segment 24: 'ZZZ' is not a segment of an 837 claim; skipped."
    ]


def test_the_4010_format_gets_one_clear_finding():
    old = "\ufeff" + CLEAN.replace("005010X224A2", "004010X097A1").replace("  ", "  ")
    claims, findings = read_text(old)
    assert claims == []
    assert len({f.message for f in findings}) == 1
    assert "004010X097A1 is the pre-2012 (4010) format" in findings[0].message


def test_other_claim_types_and_versions():
    claims, findings = read_text(CLEAN.replace("005010X224A2", "005010X222A1"))
    assert claims == [] and "837P (professional)" in messages(findings)
    claims, findings = read_text(CLEAN.replace("005010X224A2", "005010X224A3"))
    assert len(claims) == 4
    assert {f.severity for f in findings} == {"warning"}


@pytest.mark.parametrize(
    ("terminator", "said"),
    [("'\n", []), ("\n", ["Segment 78: segments end with a line break instead of"])],
)
def test_an_interchange_with_another_terminator_is_read_with_its_own(terminator, said):
    first, second = CLEAN.split("ISA*00*", 2)[1:]
    other = "ISA*00*" + second.replace("~\n", terminator)
    claims, findings = read_text("ISA*00*" + first + other)
    expected, _ = read_text(CLEAN)
    assert [c.to_dict() for c in claims] == [c.to_dict() for c in expected]
    assert [f.message[: len(s)] for f, s in zip(findings, said, strict=True)] == said
    assert problems(claims) == []


@pytest.mark.parametrize("into", [1, 50, 104])
def test_an_isa_cut_by_the_end_of_a_chunk_is_read_whole(monkeypatch, into):
    from cdthub.core.claims.x12 import reader

    first, second = CLEAN.split("ISA*00*", 2)[1:]
    text = "ISA*00*" + first + "ISA|00|" + second.replace("*", "|").replace("~\n", "'")
    monkeypatch.setattr(reader, "HEAD", text.index("ISA|") + into)  # the first chunk
    claims, findings = read_text(text)
    expected, _ = read_text(CLEAN)
    assert [c.to_dict() for c in claims] == [c.to_dict() for c in expected]
    assert findings == []


def test_messy_layout_is_read_and_each_tolerance_said_once():
    messy = "\ufeff" + CLEAN.replace("~\n", "~\r\n    ")
    claims, findings = read_text(messy)
    assert len(claims) == 4 and problems(claims) == []
    said = [f.message for f in findings]
    assert len(said) == 2 and all(f.severity == "warning" for f in findings)
    assert "byte-order mark" in said[0] and "indented with spaces" in said[1]


def test_spaces_after_the_last_segment_are_not_called_indentation():
    claims, findings = read_text(CLEAN.rstrip("\n") + "   \n  \n")
    assert len(claims) == 4 and findings == []


def test_line_breaks_as_segment_terminators():
    claims, findings = read_text(CLEAN.replace("~\n", "\r\n"))
    assert len(claims) == 4 and problems(claims) == []
    assert [f.message for f in findings] == [
        "Segment 1: segments end with a line break instead of a terminator character such as "
        "'~'; read anyway, but many clearinghouses reject such files."
    ]


def test_other_separators_come_from_the_isa():
    text = CLEAN.replace("*", "|").replace(":", ">").replace("~\n", "'")
    claims, findings = read_text(text)
    assert findings == [] and len(claims) == 4
    assert claims[1].lines[0].surfaces == "MO"


@pytest.mark.parametrize(
    "text, why",
    [
        ("ISA*00*", "cut short"),
        ("ISA*00*          *00*          *ZZ*A*ZZ*B*260302*0930*^*00501*1*0*T*:", "terminator"),
        ("ISA0000", "no element separator"),
    ],
)
def test_an_unusable_isa_makes_the_file_unreadable(text, why):
    with pytest.raises(UnreadableFile, match=why):
        read_text(text)


def test_an_isa_of_the_wrong_width_is_tolerated():
    short = CLEAN.replace("*ZZ*CDTHUBTEST     *", "*ZZ*CDTHUBTEST*", 1)
    claims, findings = read_text(short)
    assert len(claims) == 4
    assert "101 characters long instead of 106" in findings[0].message


def test_other_payers_loops_are_not_read_as_this_claim():
    cob = CLEAN.replace(
        "NTE*ADD*RECALL VISIT~",
        "NTE*ADD*RECALL VISIT~\nSBR*S*01*******CI~\nDMG*D8*19400101*F~\n"
        "NM1*IL*1*OTHER*PAT****MI*X~\nNM1*PR*2*OTHER PAYER*****PI*OTHER~\nDTP*472*D8*19990101~",
    )
    claims, _ = read_text(cob)
    adult = claims[0]
    assert adult.birth_date == dt.date(1980, 1, 15) and adult.subscriber.id == "MEMBER001"
    assert adult.payer_party.id == "PAYER01"
    assert {line.date for line in adult.lines} == {dt.date(2026, 3, 2)}


def test_findings_beyond_twenty_of_a_kind_are_counted_not_listed():
    junk = "".join(f"Q{i % 9}Q*{i}~\n" for i in range(30))
    text = CLEAN.replace("LX*1~\nSV3*AD:D0120", junk + "LX*1~\nSV3*AD:D0120")
    _, findings = read_text(text.replace("SE*53*0001", "SE*83*0001"))
    assert len(findings) == 21 and findings[-1].message == "… and 10 more unknown segments."


def test_a_service_line_without_its_sv3_is_named():
    text = CLEAN.replace("SV3*AD:D0274*70****1~\n", "").replace("SE*53*0001", "SE*52*0001")
    claims, _ = read_text(text.replace("CLM*ADULT-1*215", "CLM*ADULT-1*145"))
    (fault,) = claims[0].problems
    assert (fault.line, fault.rule, fault.severity) == (2, "input.invalid", "error")
    assert fault.message == "Line 2: the service line has no SV3 (procedure, fee) (segment 24)."


def test_a_lower_case_numbering_code_is_read_with_a_warning():
    claims, _ = read_text(CLEAN.replace("TOO*JO*46", "TOO*jo*46"))
    line = claims[1].lines[0]
    assert (line.tooth_system, line.tooth) == ("JO", "46")
    said = [p for p in claims[1].problems if "TOO01" in p.message]
    assert [(p.severity, p.rule) for p in said] == [("warning", "input.invalid")]
