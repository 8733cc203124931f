"""The consistency step: a code that fits what was read gains, one that does not loses and says
why ("but …")."""

from cdthub.core.finder import read
from cdthub.core.finder.fit import distinguishable, fit
from cdthub.core.finder.profile import profile


def _fit(catalog, code, text, sets_apart=frozenset()):
    return fit(profile(catalog.get(code)), read(text), set(), sets_apart)


def test_a_match_raises_a_mismatch_lowers_and_says_why(catalog):
    good, reasons = _fit(catalog, "D2393", "MOD composite #30", frozenset({"surfaces"}))
    bad, but = _fit(catalog, "D2391", "MOD composite #30", frozenset({"surfaces"}))
    assert good > 1 > bad
    assert any("3 surfaces (MOD)" in r for r in reasons)
    assert any(r.startswith("but it covers 1 surface") for r in but)


def test_a_dimension_that_sets_look_alikes_apart_counts_more(catalog):
    apart, _ = _fit(catalog, "D2393", "MOD composite #30", frozenset({"surfaces"}))
    shared, _ = _fit(catalog, "D2393", "MOD composite #30")
    assert apart > shared


def test_qualifiers_said_negated_count_against_codes_that_have_them(catalog):
    plain, _ = _fit(catalog, "D7210", "extraction with bone removal")
    negated, reasons = _fit(catalog, "D7210", "extraction without bone removal or flap")
    assert plain > negated and any(r.startswith("but it is") for r in reasons)


def test_distinguishable_when_the_text_speaks_to_a_dimension(catalog):
    code = profile(catalog.get("D2393"))
    assert distinguishable(code, read("three surfaces"))
    assert not distinguishable(code, read("filling"))
