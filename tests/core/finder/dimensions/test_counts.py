"""Counts of teeth or images, and first/additional."""

from cdthub.core.finder import read
from cdthub.core.finder.dimensions.counts import Count, Sequence


def test_counts_from_numbers_times_and_teeth():
    assert read("bitewings x4").counts == {"images": (4, 4)}
    assert read("SRP 4+ teeth").counts["teeth"] == (4, None)
    assert read("teeth 3, 4 and 5").counts["teeth"] == (3, 3)


def test_a_count_compares_only_in_its_own_unit():
    assert Count().compares((1, 3, "teeth"), read("2 teeth"))
    assert not Count().compares((1, 3, "teeth"), read("2 images"))
    assert not Count().judge((4, None, "teeth"), read("2 teeth")).fits


def test_an_additional_code_loses_when_the_text_says_nothing_of_order():
    assert read("each additional image").sequence == (2, None)
    assert Sequence().unsaid((2, None), read("PA image"), {}) < 1
    assert Sequence().unsaid((1, 1), read("PA image"), {}) == 1
