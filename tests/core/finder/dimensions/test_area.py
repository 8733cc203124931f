"""Arch and sides: from words, a quadrant or the teeth."""

from cdthub.core.finder import read
from cdthub.core.finder.dimensions.area import Arch, Sides


def test_the_arch_from_words_a_quadrant_or_the_teeth():
    assert read("upper denture").arch == "upper" and read("LL quadrant").arch == "lower"
    assert read("#3 and #14 sealants").arch == "upper"
    assert read("full mouth debridement").arch == "both"


def test_a_quadrant_is_one_side():
    assert read("SRP UR").sides == "one" and read("bilateral space maintainer").sides == "both"
    assert Sides().judge("one", read("per quadrant")).fits


def test_the_arch_question_ignores_codes_for_both():
    assert Arch().questions({"upper", "lower"}, read("denture"), None)
    assert not Arch().questions({"upper", "both"}, read("denture"), None)
