"""Surfaces as claims write them (cdthub.core.surfaces): one spelling, and the rules of which
surfaces a front or back tooth has."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdthub.core.surfaces import (
    SURFACE_NAMES,
    SurfaceError,
    doubled_surfaces,
    normalize_surfaces,
    surface_problems,
    words_as_letters,
)
from cdthub.core.teeth import Tooth, parse_tooth

PERMANENT = [str(n) for n in range(1, 33)]
PRIMARY = list("ABCDEFGHIJKLMNOPQRST")


@pytest.mark.parametrize(
    "written, normal",
    [
        ("MOD", "MOD"),
        ("mod", "MOD"),
        ("DO", "DO"),
        ("OD", "DO"),
        ("OM", "MO"),
        ("M-O-D", "MOD"),
        ("B,O,M", "MOB"),
        ("lmdob", "MODBL"),
        ("MODBL", "MODBL"),
        ("DOL", "DOL"),
        ("MID", "MID"),
        ("IF", "IF"),
        ("mesial occlusal", "MO"),
        ("distal, lingual", "DL"),
        ("MMOD", "MOD"),
    ],
)
def test_surfaces_are_written_one_way(written, normal):
    assert normalize_surfaces(written) == normal


@pytest.mark.parametrize("bad", ["", "X", "MOX", "surfaces", "12"])
def test_bad_surfaces_are_explained(bad):
    with pytest.raises(SurfaceError):
        normalize_surfaces(bad)


def test_surfaces_must_suit_the_tooth():
    assert surface_problems("MOD", parse_tooth("30")) == []
    assert surface_problems("MIF", parse_tooth("8")) == []
    front = surface_problems("MOD", parse_tooth("8"))
    assert len(front) == 1 and "O (occlusal)" in front[0] and "use I" in front[0]
    back = surface_problems("MIF", parse_tooth("19"))
    assert {p[:1] for p in back} == {"I", "F"}
    assert surface_problems("OB", parse_tooth("C")) and not surface_problems("OB", parse_tooth("K"))


# --- properties ------------------------------------------------------------------------------


@given(
    st.lists(st.sampled_from("MODBFLI"), min_size=1, max_size=7),
    st.sampled_from(["", ",", "-", " ", "/"]),
    st.booleans(),
)
def test_surface_normalising_is_stable(letters, sep, lower):
    written = sep.join(letters)
    written = written.lower() if lower else written
    normal = normalize_surfaces(written)
    assert set(normal) == set(letters) and len(normal) == len(set(letters))
    assert normalize_surfaces(normal) == normal
    for order in itertools.islice(itertools.permutations(set(letters)), 6):
        assert normalize_surfaces("".join(order)) == normal


@given(st.text(max_size=15))
def test_surfaces_answer_or_explain(text):
    try:
        normal = normalize_surfaces(text)
    except SurfaceError as e:
        assert str(e)
    else:
        assert normal and set(normal) <= set(SURFACE_NAMES)


@given(
    st.sampled_from(PERMANENT + PRIMARY),
    st.lists(st.sampled_from("MODBFLI"), min_size=1, max_size=5),
)
def test_surface_rules_follow_the_tooth_type(label, letters):
    tooth = Tooth(label)
    problems = surface_problems("".join(letters), tooth)
    wrong = {"O", "B"} if tooth.is_anterior else {"I", "F"}
    assert len(problems) == len(wrong & set(letters))


def test_letters_that_name_one_surface_twice():
    assert doubled_surfaces("MODBLF") == [("B", "F", "cheek or lip side")]
    assert doubled_surfaces("IO") == [("O", "I", "biting surface")]
    assert doubled_surfaces("mesial occlusal buccal") == []


def test_words_are_written_as_their_letters():
    assert words_as_letters("mesial, occlusal") == "MO"
    assert words_as_letters("m-o-d") == "MOD"
    assert words_as_letters("MOO") == "MOO" and words_as_letters("M5") == "M5"
