"""Surfaces, tooth type and dentition: what a title and a description say, and how they compare."""

from cdthub.core.codes import Surfaces
from cdthub.core.finder import read
from cdthub.core.finder.dimensions.teeth import Dentition, Position, SurfaceCount
from cdthub.core.finder.profile import profile


def test_tooth_type_from_a_tooth_a_word_or_a_named_tooth():
    assert read("#30").position == "molar" and read("#8").position == "anterior"
    assert read("premolar crown").position == "premolar"
    assert read("class II composite").position == "posterior"


def test_a_premolar_code_fits_a_back_tooth_only_roughly(catalog):
    verdict = Position().judge("premolar", read("back tooth"))
    assert verdict.fits and verdict.close
    assert not Position().judge("anterior", read("#30")).fits


def test_dentition_from_letters_words_and_titles(catalog):
    assert read("tooth K").dentition == "primary" and read("#30").dentition == "permanent"
    assert read("baby tooth").said["dentition"] == "baby tooth"
    assert profile(catalog.get("D7140")).values["dentition"] is None
    assert Dentition().questions({"primary", "permanent"}, read("crown"), None)


def test_surface_count_question_only_when_the_count_is_open():
    values = {Surfaces(1, 1), Surfaces(2, 2)}
    assert SurfaceCount().questions(values, read("composite"), None) == [
        "number of surfaces not given"
    ]
    assert SurfaceCount().questions(values, read("MO composite"), None) == []
