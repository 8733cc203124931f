"""Writing 837D: envelopes, counts and control numbers right; options; what cannot be written is
said."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest

from cdthub.core.claims.formats import UnreadableFile, X12Options, load_options, write_claims
from cdthub.core.claims.model import Claim, HistoryItem, Line
from cdthub.core.claims.x12.writer import note_chunks, pick_component

from .helpers import CLEAN, problems, read_text

WHEN = dt.datetime(2026, 3, 2, 9, 30)


def claim(i: int, **extra) -> Claim:
    return Claim(
        id=f"C{i}",
        birth_date=dt.date(1980, 1, 1),
        lines=[
            Line(1, "D0120", date=dt.date(2026, 3, 2), fee=Decimal("55")),
            Line(2, "D2392", dt.date(2026, 3, 2), tooth="30", surfaces="MO", fee=Decimal("180.5")),
        ],
        **extra,
    )


def write(claims, **options) -> tuple[str, list[str]]:
    out = io.StringIO()
    notes = write_claims(claims, "x12", out, X12Options(created=WHEN, **options))
    return out.getvalue(), notes


def test_what_is_written_reads_back_with_no_finding():
    text, _ = write([claim(i) for i in range(7)], claims_per_set=3, control_number=42)
    claims, findings = read_text(text)
    assert [c.id for c in claims] == [f"C{i}" for i in range(7)]
    assert problems(claims) == []
    # only the placeholder NPI is flagged; envelopes, counts and control numbers are right
    assert [f.severity for f in findings] == ["warning"] and "NPI" in findings[0].message
    assert text.count("ST*837*") == 3 and "GE*3*42~" in text and "IEA*1*000000042~" in text
    assert text.startswith("ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*RECEIVERID   ")
    assert len(text.split("~", 1)[0]) + 1 == 106


def test_segment_lines_as_expected():
    text, _ = write([claim(1, narrative="see x-ray*2")])
    assert "CLM*C1*235.5***11:B:1*Y*A*Y*I~" in text
    assert "NTE*ADD*see x-ray 2~" in text
    assert "SV3*AD:D2392*180.5****1~\nTOO*JP*30*M:O~\nDTP*472*D8*20260302~" in text
    assert "DMG*D8*19800101*U~" in text


def test_a_listed_quadrant_is_one_too_segment_a_tooth():
    srp = Claim(
        id="P1",
        birth_date=dt.date(1980, 1, 1),
        lines=[
            Line(1, "D4341", dt.date(2026, 3, 2), tooth="2-4", area="10", fee=Decimal(200)),
            Line(2, "D4342", dt.date(2026, 3, 2), tooth_system="JO", tooth="46, 47", area="40"),
            Line(3, "D2391", dt.date(2026, 3, 2), tooth="TOOTH 30", surfaces="O", fee=Decimal(9)),
        ],
    )
    text, _ = write([srp])
    assert "SV3*AD:D4341*200**10**1~\nTOO*JP*2~\nTOO*JP*3~\nTOO*JP*4~\nDTP" in text
    assert "TOO*JO*46~\nTOO*JO*47~" in text and "TOO*JP*30*O~" in text
    (back,), _ = read_text(text)
    first = back.lines[0]
    assert (first.tooth, first.extra_teeth) == ("2", (("3", None), ("4", None)))


def test_a_file_read_from_837d_keeps_its_people_and_structure():
    claims, _ = read_text(CLEAN)
    text, notes = write(claims)
    again, findings = read_text(text)
    assert findings == []  # the fixture's real-looking NPI and ZIP+4 are kept
    assert [c.to_dict() for c in again] == [c.to_dict() for c in claims]
    assert again[1].patient.relationship == "19" and again[1].subscriber.id == "MEMBER002"
    assert "HL*4*3*23*0~\nPAT*19~\nNM1*QC*1*ROE*KIM~" in text
    female = CLEAN.replace("DMG*D8*20160402*U~", "DMG*D8*20160402*F~")
    text, _ = write(read_text(female)[0])
    assert "DMG*D8*20160402*F~" in text  # the patient's gender (DMG03) is kept


def test_a_dentist_billing_in_own_name_a_social_security_number_and_a_country_are_kept():
    solo = (
        CLEAN.replace("NM1*85*2*FIXTURE DENTAL GROUP*****XX*", "NM1*85*1*SMITH*JOHN*A**DDS*XX*", 1)
        .replace("REF*EI*123456789~", "REF*SY*123456789~", 1)
        .replace("N4*SPRINGFIELD*IL*627010001~", "N4*SPRINGFIELD*IL*627010001*CA~", 1)
    )
    text, _ = write(read_text(solo)[0][:1])
    assert "NM1*85*1*SMITH*JOHN*A**DDS*XX*1234567893~" in text
    assert "REF*SY*123456789~" in text and "N4*SPRINGFIELD*IL*627010001*CA~" in text
    assert "NM1*85*2*FIXTURE DENTAL GROUP*****XX*" in write(read_text(CLEAN)[0][:1])[0]


def test_notes_say_what_837d_cannot_carry():
    odd = claim(1, history=[HistoryItem("D0120", dt.date(2025, 1, 1))])
    odd.lines[0].fee = None
    odd.lines.append(Line(3, "D2140", raw_date="2026-02-30", surfaces="O"))
    _, notes = write([odd, claim(2)])
    said = "\n".join(notes)
    assert "history (earlier services) has no place in an 837D" in said
    # what concerns a line is counted in lines: the new line has no fee either
    assert "a line without fee was written with fee 0 (SV302 is required) (2 lines)" in said
    assert "a date of service that could not be read was left out" in said
    assert "surfaces without a tooth cannot be written" in said
    assert "subscriber name and member id are placeholders" in said and "(2 claims)" in said
    assert "placeholders still in the file: sender_id" in said


def test_no_claims_still_makes_a_valid_interchange():
    text, notes = write([])
    _, findings = read_text(text)
    assert [f for f in findings if f.severity == "error"] == []
    assert "there were no claims to write" in notes


def test_long_notes_are_cut_at_spaces_into_80_characters():
    text = "tooth fractured below the gum line " * 6
    chunks = note_chunks(text)
    assert all(len(c) <= 80 for c in chunks) and " ".join(chunks) == text.strip()


def test_a_note_837d_cannot_carry_as_written_is_said():
    _, notes = write([claim(1, narrative="Patient’s tooth: pain ~2 weeks")])
    assert any("characters 837D cannot carry" in n for n in notes)
    _, plain = write([claim(2, narrative="Dx: pain for two weeks")])
    assert not any("cannot carry" in n for n in plain)


def test_separators_in_a_note_become_one_space():
    assert note_chunks("Decay under the old filling ~*: see X-ray\n\nnext visit") == [
        "Decay under the old filling see X-ray next visit"
    ]


def test_a_colon_in_a_note_picks_another_component_separator():
    noted = claim(1, narrative="Dx: fractured cusp; pain at 10:30")
    text, _ = write([noted])
    assert text.split("~", 1)[0].endswith("*>") and "CLM*C1*235.5***11>B>1" in text
    assert "SV3*AD>D2392" in text and "TOO*JP*30*M>O~" in text
    (back,), findings = read_text(text)
    assert back.narrative == "Dx: fractured cusp; pain at 10:30"
    assert back.lines[1].surfaces == "MO" and [f.severity for f in findings] == ["warning"]
    assert pick_component(["a: b", "c > d", None]) == "|"
    assert pick_component(["a:>|\\"]) == ":"  # every choice used: the usual one, notes lose it
    plain, _ = write([claim(2)])
    assert plain.split("~", 1)[0].endswith("*:")


def test_options_from_toml(tmp_path):
    path = tmp_path / "x12.toml"
    path.write_text('[x12]\nsender_id = "ETIN123"\nbilling_npi = "1234567893"\nusage = "P"\n')
    options = load_options(path)
    assert (options.sender_id, options.billing_npi, options.usage) == ("ETIN123", "1234567893", "P")
    assert options.payer_id == "PAYERID"


def test_place_of_service_and_release_come_from_the_options():
    text, _ = write([claim(1)], place_of_service="15", release_of_information="Y")
    assert "CLM*C1*235.5***15:B:1*Y*A*Y*Y~" in text
    claims, findings = read_text(text)
    assert problems(claims) == [] and [f.severity for f in findings] == ["warning"]  # the NPI


@pytest.mark.parametrize(
    "body, why",
    [
        ('sender = "X"', "'sender' is not an option"),
        ('usage = "Q"', "usage must be T"),
        ('place_of_service = "office"', "place_of_service must be two digits"),
        ('release_of_information = "N"', "release_of_information must be I"),
        ("control_number = 0", "control_number must be between"),
        ('sender_id = "A*B"', "must not hold the characters"),
        ('component = "AB"', "component must be one punctuation character"),
        ('component = "~"', "component must be one punctuation character"),
        ('component = ">"\nsender_name = "A>B"', "must not hold the characters"),
        ('sender_id = "ABCDEFGHIJKLMNOP"', "1 to 15 characters"),
        ("sender_id = [", "not valid TOML"),
    ],
)
def test_bad_options_say_which_key(tmp_path, body, why):
    path = tmp_path / "x12.toml"
    path.write_text(body)
    with pytest.raises(UnreadableFile, match=why):
        load_options(path)


def test_the_claims_payer_is_written_as_the_payers_name_and_read_back():
    c = Claim("p1", [Line(1, "D0120", date=dt.date(2026, 3, 2))], payer="example-payer")
    out = io.StringIO()
    write_claims([c], "x12", out, X12Options(created=WHEN))
    assert "NM1*PR*2*example-payer*****PI*PAYERID~" in out.getvalue()
    claims, _ = read_text(out.getvalue())
    assert claims[0].payer == "example-payer"
    plain = Claim("p2", [Line(1, "D0120", date=dt.date(2026, 3, 2))])
    out = io.StringIO()
    write_claims([plain, c], "x12", out, X12Options(created=WHEN, payer_name="ACME DENTAL"))
    assert out.getvalue().count("NM1*PR*2*ACME DENTAL*") == 2  # the options name the payer
    claims, _ = read_text(out.getvalue())
    assert [c.payer for c in claims] == ["ACME DENTAL", "ACME DENTAL"]
    out = io.StringIO()
    write_claims([plain], "x12", out, X12Options(created=WHEN))
    assert read_text(out.getvalue())[0][0].payer == "default"  # the placeholder names none


def test_a_code_written_without_its_d_is_written_in_full():
    out = io.StringIO()
    write_claims([Claim("c", [Line(1, "0120", date=dt.date(2026, 3, 2))])], "x12", out,
                 X12Options(created=WHEN))  # fmt: skip
    assert "SV3*AD:D0120*" in out.getvalue()


def test_surfaces_written_as_words_go_out_as_their_letters():
    words = claim(1)
    words.lines[1].surfaces = "mesial, occlusal"
    text, _ = write([words])
    assert "TOO*JP*30*M:O~" in text
    claims, _ = read_text(text)
    assert claims[0].lines[1].surfaces == "MO"


def test_surface_characters_are_kept_so_the_837d_is_judged_as_the_claim():
    line = Line(1, "D2140", dt.date(2026, 3, 2), tooth="3", surfaces="M5")
    other = Line(2, "D2150", dt.date(2026, 3, 2), tooth="4", surfaces="m, o")
    text, _ = write([Claim("s", [line, other])])
    assert "TOO*JP*3*M:5~" in text and "TOO*JP*4*M:O~" in text


def test_a_quadrants_teeth_read_back_as_one_tooth_list():
    line = Line(1, "D4341", dt.date(2026, 3, 2), tooth="2,3,4,5", area="10")
    text, _ = write([Claim("q", [line])])
    (again,), _ = read_text(text)
    assert again.lines[0].to_dict()["tooth"] == "2,3,4,5"


def test_a_word_longer_than_an_nte_is_said_to_read_back_with_a_space():
    link = "https://example.org/" + "x" * 90
    text, notes = write([claim(1, narrative=f"see {link}")])
    assert any("longer than 80 characters" in n and "a space inside it" in n for n in notes)
    claims, _ = read_text(text)
    assert claims[0].narrative is not None and claims[0].narrative.replace(" ", "") == f"see{link}"
    _, plain = write([claim(2, narrative="tooth fractured below the gum line " * 6)])
    assert not any("longer than 80" in n for n in plain)


def test_a_claim_id_receivers_may_cut_is_said():
    _, notes = write([claim(1)])
    assert not any("longer than 20 characters" in n for n in notes)
    long = claim(2)
    long.id = "implant-crown-after-extraction"
    _, notes = write([long])
    assert any("longer than 20 characters" in n for n in notes)


def test_line_notes_go_to_the_claims_loop_and_read_back_to_their_lines():
    """005010X224A2 has no NTE in a service line's loop 2400: a line's note is written in loop
    2300 as 'LINE n - …' and read back as that line's note."""
    c = claim(1, narrative="see x-ray")
    c.lines[1].narrative = "Dx: recurrent decay under old filling " * 3
    text, notes = write([c])
    assert "CLM*C1*235.5***11>B>1*Y*A*Y*I~\nNTE*ADD*see x-ray~\nNTE*ADD*LINE 2 - Dx: " in text
    assert "DTP*472*D8*20260302~\nNTE" not in text  # none inside a line's loop
    (back,), findings = read_text(text)
    assert back.narrative == "see x-ray" and back.lines[0].narrative is None
    assert back.lines[1].narrative == c.lines[1].narrative.strip()
    assert problems([back]) == [] and notes and not any("NTE segments" in n for n in notes)


def test_notes_longer_than_loop_2300_takes_are_said():
    c = claim(1, narrative="word " * 100)
    text, notes = write([c])
    assert text.count("NTE*ADD*") == 7
    assert any("took more than 5 NTE segments (400 characters)" in n for n in notes)
    (back,), _ = read_text(text)  # read in full, and said again by the reader
    assert back.narrative == " ".join(["word"] * 100)
    assert [(f.severity, f.line) for f in back.problems] == [("warning", None)]
    assert "more than 5 NTE segments, the most its loop 2300 takes" in back.problems[0].message


def test_more_than_fifty_lines_are_said_by_writer_and_reader():
    many = Claim(
        id="M1",
        birth_date=dt.date(1980, 1, 1),
        lines=[Line(i, "D0220", dt.date(2026, 3, 2), fee=Decimal(20)) for i in range(1, 52)],
    )
    text, notes = write([many])
    assert any("more than 50 service lines" in n for n in notes)
    (back,), _ = read_text(text)
    said = [(f.line, f.severity) for f in back.problems]
    assert said == [(51, "error")] and "split it into two claims" in back.problems[0].message
