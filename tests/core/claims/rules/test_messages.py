"""What the messages say: the line, what is wrong, what to do, the code that fits instead."""

from __future__ import annotations

import datetime as dt

from .build import DAY, claim, line, past, run


def message(c, rule):
    return next(f.message for f in run(c) if f.rule == rule)


def surface_findings(c):
    return [f for f in run(c) if f.rule.startswith("surface")]


def test_surface_count_names_the_code_that_fits():
    c = claim(line("D0120"), line("D2393", tooth="30", surfaces="MO"))
    assert message(c, "surface.count") == (
        "Line 2: D2393 is for three surfaces but MO is two: use D2392, or add the third surface."
    )


def test_wrong_tooth_type_names_the_code_for_that_tooth():
    assert "use D3310" in message(claim(line("D3330", tooth="8")), "tooth.wrong_type")
    assert "upper right central incisor" in message(
        claim(line("D3330", tooth="8")), "tooth.wrong_type"
    )
    # a back-tooth composite on a front tooth: the front-tooth code with the same surfaces
    assert "use D2332" in message(
        claim(line("D2393", tooth="8", surfaces="MID")), "tooth.wrong_type"
    )


def test_deleted_code_names_its_replacement():
    text = message(claim(line("D1352", tooth="3")), "code.inactive")
    assert "deleted" in text and "2026" in text and "use D2391" in text


def test_a_deleted_code_gets_no_findings_about_what_it_needed():
    """D9940 needed a narrative and D5281 an area; their replacements need neither."""
    found = run(claim(line("D9940"), line("D5281"), line("D7999")))
    assert [(f.line, f.rule) for f in found] == [
        (1, "code.inactive"), (2, "code.inactive"), (3, "narrative.required"),
    ]  # fmt: skip


def test_iso_number_on_a_universal_line_says_to_switch_numbering():
    assert "JO" in message(claim(line("D7140", tooth="46")), "tooth.invalid")


def test_frequency_names_the_earlier_service_and_the_next_eligible_day():
    text = message(
        claim(line("D0120"), history=[past("D0150", dt.date(2025, 12, 1))]), "frequency.exceeded"
    )
    assert "D0150 on 2025-12-01" in text and "2026-06-01" in text and "6 months" in text


def test_frequency_lists_every_earlier_service_it_counts():
    visits = [past("D4910", dt.date(2026, m, 1)) for m in (1, 2)]
    visits += [past("D4910", dt.date(2025, m, 1)) for m in (6, 9)]
    text = message(claim(line("D4910"), history=visits), "frequency.exceeded")
    for day in ("2025-06-01", "2025-09-01", "2026-01-01", "2026-02-01"):
        assert f"D4910 on {day}" in text


def test_an_extraction_ends_the_crown_count_of_that_tooth():
    """An implant crown on a site whose natural tooth (crowned 3 years ago) was extracted."""
    before = [past("D2740", dt.date(2023, 1, 1), tooth="19")]
    crown = line("D6058", tooth="19")
    assert "frequency.exceeded" in [f.rule for f in run(claim(crown, history=before))]
    pulled = [*before, past("D7210", dt.date(2025, 6, 1), tooth="19")]
    assert not run(claim(crown, history=pulled))
    elsewhere = [*before, past("D7210", dt.date(2025, 6, 1), tooth="18")]
    assert "frequency.exceeded" in [f.rule for f in run(claim(crown, history=elsewhere))]


def test_conflict_names_the_other_line_on_both_lines():
    found = [f for f in run(claim(line("D0150"), line("D0120"))) if f.rule == "bundle.conflict"]
    assert [f.message[:45] for f in found] == [
        "Line 1: D0150 on the same day as D0120 (line ",
        "Line 2: D0120 on the same day as D0150 (line ",
    ]
    assert "(line 2)" in found[0].message and "(line 1)" in found[1].message
    history = [past("D0150", DAY)]
    (alone,) = [
        f for f in run(claim(line("D0120"), history=history)) if f.rule == "bundle.conflict"
    ]
    assert alone.line == 1 and "in the patient's history" in alone.message


def test_quadrant_code_with_teeth_in_one_quadrant_suggests_the_area():
    found = [f for f in run(claim(line("D4342", tooth="30"))) if f.rule == "area.required"]
    assert found[0].severity == "warning" and "area 40" in found[0].message


def test_a_code_that_names_its_arch_needs_no_area_and_says_which_code_fits_the_other():
    assert [f for f in run(claim(line("D5211"))) if f.rule.startswith("area.")] == []
    text = message(claim(line("D5211", area="02")), "area.invalid")
    assert "D5211 is for the upper arch but area 02 is the lower arch: use D5212" in text
    # the teeth a partial replaces sit in the arch its code names
    assert [f for f in run(claim(line("D5211", tooth="3"))) if f.rule == "area.invalid"] == []
    found = [f for f in run(claim(line("D5212", tooth="3"))) if f.rule == "area.invalid"]
    assert found[0].severity == "warning" and "not in D5212 (lower arch)" in found[0].message


def test_teeth_outside_the_area_are_a_warning():
    found = [f for f in run(claim(line("D4342", tooth="3", area="20"))) if f.rule == "area.invalid"]
    assert found[0].severity == "warning" and "tooth 3" in found[0].message


def test_facial_on_a_back_tooth_is_a_naming_slip_and_only_a_warning():
    found = surface_findings(claim(line("D2391", tooth="3", surfaces="F")))
    assert [(f.rule, f.severity) for f in found] == [("surface.wrong_for_tooth", "warning")]
    assert "use B (buccal)" in found[0].message
    both = run(claim(line("D2392", tooth="8", surfaces="OB")))
    assert [f.severity for f in both if f.rule == "surface.wrong_for_tooth"] == ["error", "warning"]


def test_messages_number_a_tooth_as_the_line_does():
    iso = run(claim(line("D3330", tooth="21", tooth_system="JO")))
    (wrong,) = [f for f in iso if f.rule == "tooth.wrong_type"]
    assert "tooth 21 is an upper left central incisor" in wrong.message
    side = message(
        claim(line("D2391", tooth="36", tooth_system="JO", surfaces="F")), "surface.wrong_for_tooth"
    )
    assert "tooth 36, a back tooth" in side


def test_a_quadrant_code_may_list_its_teeth_but_a_filling_is_for_one_tooth():
    assert not [
        f for f in run(claim(line("D4341", area="10", tooth="2-5"))) if f.severity == "error"
    ]
    assert "bill each tooth on a line of its own" in message(
        claim(line("D2391", tooth="2, 3", surfaces="O")), "tooth.invalid"
    )
    graft = [f for f in run(claim(line("D4266", tooth="19,20"))) if f.rule == "tooth.invalid"]
    assert graft[0].severity == "warning"


def test_a_complete_denture_line_names_no_tooth_but_a_partial_may():
    found = [(f.rule, f.severity) for f in run(claim(line("D5110", tooth="24")))]
    assert found == [("tooth.not_allowed", "warning")]  # not also "tooth 24 is not upper"
    assert "remove tooth 24 (the code names the arch)" in message(
        claim(line("D5110", tooth="24")), "tooth.not_allowed"
    )
    assert "give the arch as area 01 or 02" in message(
        claim(line("D5876", area="01", tooth="2-15")), "tooth.not_allowed"
    )
    assert not run(claim(line("D5110")))
    assert not run(claim(line("D5211", tooth="3,4")))  # a partial lists the teeth it replaces


def test_a_line_listing_too_few_teeth_for_its_code_names_the_partner_code():
    assert message(claim(line("D4341", area="10", tooth="2,3")), "tooth.count") == (
        "Line 1: D4341 is for four or more teeth in a quadrant, but the line lists 2 teeth "
        "(2, 3): use D4342, or list every tooth treated."
    )
    found = run(claim(line("D4240", area="30", tooth="19")))
    assert [(f.rule, f.severity) for f in found] == [("tooth.count", "warning")]
    assert "use D4241" in found[0].message  # its own partner, not D4342 or D4261


def test_a_conventional_denture_on_the_day_the_arch_is_extracted_points_to_the_immediate_one():
    found = run(claim(line("D7140", tooth="8"), line("D5110")))
    assert [(f.line, f.rule, f.severity) for f in found] == [
        (1, "bundle.conflict", "warning"), (2, "bundle.conflict", "warning"),
    ]  # fmt: skip
    assert "D5130 upper" in found[1].message
    assert not run(claim(line("D7140", tooth="24"), line("D5110")))  # a lower tooth
    assert not run(claim(line("D7140", tooth="8"), line("D5130")))


def test_an_interim_bridge_does_not_count_against_the_final_one():
    interim = [past("D6793", dt.date(2026, 1, 5), tooth=t) for t in ("3", "5")]
    interim.append(past("D6253", dt.date(2026, 1, 5), tooth="4"))
    bridge = [line("D6750", tooth="3"), line("D6240", tooth="4"), line("D6750", tooth="5")]
    assert not run(claim(*bridge, history=interim))
    assert not run(claim(line("D6065", tooth="30"), history=[past("D6085", DAY, tooth="30")]))


def test_a_line_of_several_teeth_counts_one_a_tooth():
    assert "frequency.exceeded" not in [
        f.rule for f in run(claim(line("D6240", tooth="19,20", quantity=2)))
    ]
    text = message(claim(line("D2740", tooth="3", quantity=2), born=dt.date(2015, 1, 1)),
                   "quantity.exceeded")  # fmt: skip
    assert "quantity 2 for tooth 3: bill D2740 × 1 for tooth 3" in text
    assert "frequency.exceeded" not in {
        f.rule for f in run(claim(line("D2740", tooth="3", quantity=2)))
    }
    text = message(claim(line("D1110", quantity=2, tooth_system="JP")), "quantity.exceeded")
    assert "one unit of D1110 is one visit" in text


def test_a_first_image_or_block_of_time_is_one_a_day():
    text = message(claim(line("D0220", tooth="3"), line("D0220", tooth="14")), "quantity.exceeded")
    assert text.startswith("Line 2: ") and "line 1 already bills it" in text
    assert "bill this line as D0230" in text
    same = [f for f in run(claim(line("D9222"), line("D9223", quantity=2), line("D9222")))]
    assert [(f.line, f.rule) for f in same] == [(3, "line.duplicate")]
    assert "what goes past the first is billed as D9223" in same[0].message
    assert not run(
        claim(line("D0220", tooth="3"), line("D0220", tooth="3", date=DAY.replace(day=9)))
    )


def test_a_first_block_of_time_says_what_bills_the_rest():
    text = message(claim(line("D9222", quantity=3)), "quantity.exceeded")
    assert "bill D9222 × 1 and the rest as D9223 × 2" in text
    text = message(claim(line("D0220", tooth="8", quantity=4)), "quantity.exceeded")
    assert "bill D0220 × 1 and the rest as D0230 × 3" in text
    assert not run(claim(line("D0220", tooth="8"), line("D0230", tooth="9", quantity=3)))
    # a quadrant code bills one a quadrant; several teeth of a tooth code, one a tooth
    assert "quantity.exceeded" in {f.rule for f in run(claim(line("D4341", area="10", quantity=4)))}
    assert "quantity.exceeded" not in {
        f.rule for f in run(claim(line("D1351", tooth="2,3", quantity=2), born=dt.date(2015, 1, 1)))
    }


def test_an_add_on_names_its_base_on_another_tooth_and_is_alone_before_the_base_existed():
    text = message(
        claim(line("D3425", tooth="19"), line("D3426", tooth="18")), "bundle.base_missing"
    )
    assert "D3425 on tooth 19 is on the claim, but not on the same tooth the same day" in text
    assert not run(claim(line("D9223", date=dt.date(2017, 6, 1))))  # D9222 came in 2018


def test_a_lesion_may_lie_in_no_quadrant():
    """A biopsy of the tongue has no quadrant: a warning, not an error; 00 or an arch is fine."""
    found = [(f.rule, f.severity) for f in run(claim(line("D7286")))]
    assert found == [("area.required", "warning")]
    assert "say where in the narrative" in message(claim(line("D7286")), "area.required")
    for area in ("00", "01", "20"):
        assert not run(claim(line("D7410", area=area)))
    assert ("area.invalid", "error") in [
        (f.rule, f.severity) for f in run(claim(line("D7410", area="03")))
    ]
    assert ("area.required", "error") in [  # a jaw lesion lies in a quadrant
        (f.rule, f.severity) for f in run(claim(line("D7450")))
    ]


def test_a_part_of_the_mouth_on_a_visit_code_is_a_warning():
    found = [f for f in run(claim(line("D0120", area="10"))) if f.rule == "area.invalid"]
    assert found[0].severity == "warning" and "leave area 10 out" in found[0].message
    assert not [f for f in run(claim(line("D0210", area="00"))) if f.rule == "area.invalid"]


def test_surfaces_on_a_code_not_billed_by_surface_are_a_warning():
    found = surface_findings(claim(line("D2740", tooth="30", surfaces="MO")))
    assert [(f.rule, f.severity) for f in found] == [("surface.invalid", "warning")]
    assert "leave the surfaces (MO) out" in found[0].message


def test_without_a_birth_date_the_unchecked_age_limits_are_said():
    (found,) = [
        f for f in run(claim(line("D0120"), line("D1120"), born=None)) if f.rule == "age.limit"
    ]
    assert found.severity == "warning" and found.line is None
    assert "D1120 (line 2)" in found.message and "birth date" in found.message
    assert not [f for f in run(claim(line("D0120"), born=None)) if f.rule == "age.limit"]


def test_repeated_images_are_only_a_warning():
    c = claim(line("D0230"), line("D0230"))
    assert {f.severity for f in run(c) if f.rule == "line.duplicate"} == {"warning"}


def test_tooth_optional_codes_warn_without_a_tooth():
    found = [f for f in run(claim(line("D0220"))) if f.rule == "tooth.required"]
    assert found[0].severity == "warning"


def test_reader_problems_come_first_and_are_not_repeated():
    from cdthub.core.claims.model import Finding

    c = claim(line("D0120", date=None, raw_date="2026-13-45"))
    c.problems.append(Finding("c1", 1, "date.invalid", "error", "Line 1: '2026-13-45' is no date"))
    found = run(c)
    assert found[0].message == "Line 1: '2026-13-45' is no date"
    assert [f.rule for f in found].count("date.invalid") == 1


def test_messages_never_repeat_the_birth_date():
    born = dt.date(2026, 5, 1)
    found = run(claim(line("D0120"), line("D1120"), born=born))
    assert found and not [f for f in found if born.isoformat() in f.message]


def test_a_repeated_service_with_a_narrative_is_only_a_warning():
    plain = [f for f in run(claim(line("D0120"), line("D0120"))) if f.rule == "line.duplicate"]
    assert plain[0].severity == "error"
    said = claim(line("D0120"), line("D0120", narrative="second visit, emergency"))
    found = [f for f in run(said) if f.rule == "line.duplicate"]
    assert found[0].severity == "warning" and "the narrative says why" in found[0].message


def test_a_primary_tooth_letter_on_an_implant_or_apexification_is_the_wrong_tooth():
    for code in ("D6010", "D3351"):
        found = [f for f in run(claim(line(code, tooth="K"))) if f.rule == "tooth.wrong_type"]
        assert "is for permanent teeth, but tooth K" in found[0].message


def test_surfaces_on_a_further_tooth_of_the_line_are_judged_too():
    c = claim(line("D5820", tooth="8", area="01", extra_teeth=(("9", None), ("13", "F"))))
    found = surface_findings(c)
    assert [(f.rule, f.severity) for f in found] == [("surface.invalid", "warning")]
    assert "(F)" in found[0].message


def test_an_add_on_whose_base_is_on_another_day_says_to_check_the_dates():
    text = message(
        claim(line("D9222", date=dt.date(2026, 3, 1)), line("D9223")), "bundle.base_missing"
    )
    assert text.endswith("D9222 is on the claim, but not on the same day: check the dates.")


def test_an_extraction_earlier_on_the_claim_counts_as_well():
    c = claim(line("D7140", tooth="19", date=dt.date(2026, 2, 2)), line("D2391", tooth="19",
              surfaces="O"))  # fmt: skip
    assert "but it was extracted on 2026-02-02 (line 1)" in message(c, "tooth.extracted")
    same_day = claim(line("D7140", tooth="30"), line("D2740", tooth="30"))
    assert "D2740 on tooth 30, but line 1 extracts it the same day" in message(
        same_day, "tooth.extracted"
    )
    assert not [
        f
        for f in run(claim(line("D7140", tooth="19"), line("D0120")))
        if f.rule == "tooth.extracted"
    ]


def test_months_of_orthodontic_visits_on_one_line_are_a_warning():
    found = [f for f in run(claim(line("D8670", quantity=3))) if f.rule == "quantity.exceeded"]
    assert [f.severity for f in found] == ["warning"]
    assert "each visit on a line of its own" in found[0].message


def test_quantity_messages_name_the_site_the_line_bills():
    text = message(
        claim(line("D4342", tooth="29,30,31", area="40", quantity=3)), "quantity.exceeded"
    )
    assert "names quadrant 40 but has quantity 3: bill D4342 × 1" in text
    text = message(claim(line("D5110", quantity=2)), "quantity.exceeded")
    assert "one denture for the arch it names" in text
    assert "frequency.exceeded" not in {f.rule for f in run(claim(line("D5110", quantity=2)))}
    text = message(claim(line("D2954", tooth="8", quantity=2)), "quantity.exceeded")
    assert "bill D2954 × 1 and the rest as D2957 × 1" in text
    assert not run(claim(line("D0460", tooth="19,20,21")))  # pulp tests: one visit, many teeth
    # images may show several teeth: no "one line a tooth" warning
    assert not run(claim(line("D0220", tooth="2"), line("D0230", tooth="3,4,5", quantity=3)))


def test_images_and_fillings_that_payers_combine_are_said():
    text = message(claim(line("D0270", quantity=2)), "quantity.exceeded")
    assert "bill the set instead, D0272 for two" in text
    found = run(claim(line("D0272"), line("D0270")))
    assert {(f.line, f.rule, f.severity) for f in found} == {
        (1, "bundle.conflict", "error"),
        (2, "bundle.conflict", "error"),
    }
    found = run(claim(line("D0210"), line("D0220", tooth="8")))
    assert {f.severity for f in found} == {"warning"}
    two = claim(line("D2391", tooth="30", surfaces="O"), line("D2391", tooth="30", surfaces="B"))
    assert [(f.line, f.severity) for f in run(two)] == [(1, "warning"), (2, "warning")]
    assert "one filling of all their surfaces" in run(two)[0].message
    apart = claim(line("D2391", tooth="30", surfaces="O"), line("D2391", tooth="31", surfaces="B"))
    assert not run(apart)


def test_a_repeated_once_a_year_image_is_an_error_not_a_quantity_hint():
    found = run(claim(line("D0330"), line("D0330")))
    assert [(f.line, f.rule, f.severity) for f in found] == [(2, "line.duplicate", "error")]
    assert "remove one" in found[0].message


def test_a_tooth_extracted_twice_an_add_on_alone_and_an_unknown_history_code_are_said():
    found = run(claim(line("D7210", tooth="1"), line("D7240", tooth="1")))
    assert [(f.line, f.severity) for f in found if f.rule == "bundle.conflict"] == [
        (1, "error"),
        (2, "error"),
    ]
    apart = run(claim(line("D7210", tooth="1"), line("D7240", tooth="16")))
    assert "bundle.conflict" not in {f.rule for f in apart}
    text = message(claim(line("D9129", quantity=2)), "bundle.base_missing")
    assert "D9129 is billed only with D9128" in text
    history = [past("D9999X", dt.date(2025, 1, 1))]
    found = run(claim(line("D0120"), history=history))
    assert [(f.line, f.rule, f.severity) for f in found] == [(None, "code.unknown", "warning")]
    assert "History item 1: 'D9999X' is not a CDT code" in found[0].message


def test_further_periapicals_without_a_first_one_are_a_warning():
    found = run(claim(line("D0230", tooth="8", quantity=3)))
    assert [(f.rule, f.severity) for f in found] == [("bundle.base_missing", "warning")]
    assert "bill the first image as D0220" in found[0].message
    assert not run(claim(line("D0220", tooth="8"), line("D0230", tooth="9", quantity=3)))


def test_a_first_image_in_the_history_that_day_counts():
    history = [past("D0220", DAY, tooth="3")]
    text = message(claim(line("D0220", tooth="14"), history=history), "quantity.exceeded")
    assert "the patient's history already bills it on 2026-03-02: bill this line as D0230" in text
    same = run(claim(line("D0220", tooth="3"), history=history))
    assert [f.rule for f in same] == ["line.duplicate"]


def test_a_tooth_on_two_lines_of_one_code_the_same_day_is_said_once():
    kid = dt.date(2015, 1, 1)
    found = run(claim(line("D1351", tooth="3"), line("D1351", tooth="3,14", quantity=2), born=kid))
    again = [f for f in found if f.rule == "line.duplicate"]
    assert [(f.line, f.severity) for f in again] == [(2, "error")]
    assert "D1351 on tooth 3 (line 1) is already billed that day" in again[0].message
    apart = run(
        claim(
            line("D1351", tooth="2,3", quantity=2),
            line("D1351", tooth="14,15", quantity=2),
            born=kid,
        )
    )
    assert "line.duplicate" not in {f.rule for f in apart}


def test_a_quadrant_code_with_no_area_and_several_units_asks_for_a_line_each():
    found = run(claim(line("D4341", quantity=4)))
    assert {f.rule for f in found} == {"area.required", "quantity.exceeded"}
    text = next(f.message for f in found if f.rule == "quantity.exceeded")
    assert "names no quadrant but has quantity 4: bill D4341 × 1" in text
    assert "with its area" in text


def test_a_line_of_several_teeth_names_the_tooth_over_its_limit():
    sealed = past("D1351", dt.date(2024, 3, 2), tooth="31")
    c = claim(line("D1351", tooth="30,31"), history=[sealed], born=dt.date(2015, 1, 1))
    assert message(c, "frequency.exceeded").startswith("Line 1: D1351 on tooth 31 on 2026-03-02")
