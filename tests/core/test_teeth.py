import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdthub.core.teeth import (
    AREA_CODES,
    QUADRANTS,
    Tooth,
    ToothError,
    iso_to_universal,
    parse_arch,
    parse_quadrant,
    parse_tooth,
    parse_tooth_range,
    teeth_in,
    universal_to_iso,
)

PERMANENT = [str(n) for n in range(1, 33)]
PRIMARY = list("ABCDEFGHIJKLMNOPQRST")
SUPERNUMERARY = [str(n) for n in range(51, 83)] + [f"{x}S" for x in PRIMARY]
ALL_LABELS = PERMANENT + PRIMARY + SUPERNUMERARY


# --- numbering ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "label, name, kind, position, quadrant",
    [
        ("1", "upper right third molar", "molar", "posterior", "UR"),
        ("3", "upper right first molar", "molar", "posterior", "UR"),
        ("5", "upper right first premolar", "premolar", "posterior", "UR"),
        ("6", "upper right canine", "canine", "anterior", "UR"),
        ("8", "upper right central incisor", "incisor", "anterior", "UR"),
        ("9", "upper left central incisor", "incisor", "anterior", "UL"),
        ("12", "upper left first premolar", "premolar", "posterior", "UL"),
        ("17", "lower left third molar", "molar", "posterior", "LL"),
        ("24", "lower left central incisor", "incisor", "anterior", "LL"),
        ("27", "lower right canine", "canine", "anterior", "LR"),
        ("30", "lower right first molar", "molar", "posterior", "LR"),
        ("A", "upper right primary second molar", "molar", "posterior", "UR"),
        ("E", "upper right primary central incisor", "incisor", "anterior", "UR"),
        ("K", "lower left primary second molar", "molar", "posterior", "LL"),
        ("T", "lower right primary second molar", "molar", "posterior", "LR"),
    ],
)
def test_universal_teeth_know_where_they_are(label, name, kind, position, quadrant):
    tooth = parse_tooth(label)
    assert (tooth.name, tooth.kind, tooth.position, tooth.quadrant) == (
        name,
        kind,
        position,
        quadrant,
    )
    assert tooth.arch == ("upper" if quadrant[0] == "U" else "lower")


def test_primary_permanent_and_supernumerary():
    assert parse_tooth("K").primary and parse_tooth("K").dentition == "primary"
    assert parse_tooth("19").permanent and not parse_tooth("19").supernumerary
    extra = parse_tooth("55")
    assert extra.supernumerary and extra.base == parse_tooth("5") and extra.is_premolar
    assert parse_tooth("AS").supernumerary and parse_tooth("AS").base == parse_tooth("A")
    assert "supernumerary" in extra.name


@pytest.mark.parametrize(
    "written", ["30", "#30", "# 30", "tooth 30", "Tooth #30", "t30", "030", " 30 "]
)
def test_the_ways_people_write_a_tooth(written):
    assert parse_tooth(written).label == "30"


def test_letters_are_primary_teeth_in_either_case():
    assert parse_tooth("t").label == "T" and parse_tooth("#k").label == "K"
    assert parse_tooth("TS").label == "TS"  # not tooth S with a "t" prefix


@pytest.mark.parametrize(
    "iso, universal",
    [
        ("46", "30"),
        ("11", "8"),
        ("18", "1"),
        ("21", "9"),
        ("28", "16"),
        ("38", "17"),
        ("41", "25"),
        ("48", "32"),
        ("55", "A"),
        ("51", "E"),
        ("61", "F"),
        ("75", "K"),
        ("85", "T"),
    ],
)
def test_iso_3950(iso, universal):
    assert iso_to_universal(iso) == universal
    assert parse_tooth(iso, "iso").label == universal
    assert parse_tooth(iso, "JO").label == universal
    assert universal_to_iso(universal) == iso


def test_auto_numbering_prefers_universal_and_reads_iso_only_numbers():
    assert parse_tooth("14", "auto").label == "14"  # Universal 14, not ISO 14
    assert parse_tooth("46", "auto").label == "30"  # can only be ISO
    assert parse_tooth("55", "auto").label == "55"  # Universal supernumerary first


@pytest.mark.parametrize("bad", ["0", "33", "99", "U", "Z", "", "tooth", "#", "AB", "3.5"])
def test_bad_teeth_are_explained(bad):
    with pytest.raises(ToothError) as err:
        parse_tooth(bad)
    assert "tooth" in str(err.value)


def test_bad_iso_numbers_say_how_iso_works():
    with pytest.raises(ToothError, match="quadrant"):
        iso_to_universal("49")
    with pytest.raises(ToothError, match="quadrant"):
        parse_tooth("96", "iso")
    with pytest.raises(ToothError, match="JP"):
        parse_tooth("3", "palmer")


def test_fits_a_code_requirement():
    molar, incisor, baby = parse_tooth("30"), parse_tooth("8"), parse_tooth("K")
    assert molar.fits("posterior") and molar.fits("molar") and not molar.fits("premolar")
    assert incisor.fits("anterior", "permanent") and not incisor.fits("posterior")
    assert baby.fits("any", "primary") and not baby.fits("any", "permanent")


def test_ranges_and_quadrants():
    assert [t.label for t in parse_tooth_range("3-5")] == ["3", "4", "5"]
    assert [t.label for t in parse_tooth_range("5 to 3")] == ["3", "4", "5"]
    assert [t.label for t in parse_tooth_range("3, 4 and 5")] == ["3", "4", "5"]
    assert [t.label for t in parse_tooth_range("A-C")] == ["A", "B", "C"]
    with pytest.raises(ToothError, match="one arch"):
        parse_tooth_range("14-19")
    assert [t.label for t in teeth_in("LL")] == [str(n) for n in range(17, 25)]
    assert [t.label for t in teeth_in("upper", "primary")] == list("ABCDEFGHIJ")


@pytest.mark.parametrize(
    "written, quadrant",
    [
        ("UR", "UR"),
        ("urq", "UR"),
        ("upper right", "UR"),
        ("right upper", "UR"),
        ("maxillary left", "UL"),
        ("LL quadrant", "LL"),
        ("lower right", "LR"),
        ("RL", "LR"),
        ("Q3", "LL"),
        ("10", "UR"),
        ("40", "LR"),
    ],
)
def test_quadrants(written, quadrant):
    assert parse_quadrant(written) == quadrant


def test_arches_and_area_codes():
    assert parse_arch("Maxillary") == parse_arch("UA") == parse_arch("01") == "upper"
    assert parse_arch("lower arch") == parse_arch("mandible") == "lower"
    with pytest.raises(ValueError, match="upper or lower"):
        parse_arch("sideways")
    with pytest.raises(ValueError, match="UR, UL, LL or LR"):
        parse_quadrant("middle")
    assert AREA_CODES["10"] == "upper right quadrant" and AREA_CODES["02"] == "lower arch"


# --- properties ------------------------------------------------------------------------------


@given(st.sampled_from(ALL_LABELS), st.sampled_from(["", "#", "tooth ", "# "]), st.booleans())
def test_every_label_reads_back_to_itself(label, prefix, lower):
    written = prefix + (label.lower() if lower and prefix == "#" else label)
    assert parse_tooth(written) == Tooth(label)


@given(st.sampled_from(PERMANENT + PRIMARY))
def test_iso_round_trip(label):
    tooth = Tooth(label)
    assert parse_tooth(tooth.iso, "iso") == tooth
    assert tooth.iso[0] in ("1234" if tooth.permanent else "5678")


@given(st.text(max_size=12))
def test_parse_tooth_answers_or_explains(text):
    for system in ("universal", "iso", "auto"):
        try:
            tooth = parse_tooth(text, system)
        except ToothError as e:
            assert str(e)
        else:
            assert tooth.label in ALL_LABELS


@given(st.text(max_size=20))
def test_quadrant_and_arch_parsers_never_crash(text):
    for parse, answers in ((parse_quadrant, set(QUADRANTS)), (parse_arch, {"upper", "lower"})):
        try:
            assert parse(text) in answers
        except ValueError as e:
            assert str(e)
