import re

import pytest

from cdthub.core.finder.lexicon import LEXICON_FILE, TERMS, expand, load, match_terms


def test_every_term_names_current_codes(catalog):
    current = sorted(c.code for c in catalog.current())
    for term in TERMS:
        codes = expand(term.targets, current)
        assert codes, f"{term.reads_as!r} names no current code"
        for code, weight in codes:
            assert code in current, f"{term.reads_as!r} names {code}, not a current code"
            assert 0 < weight <= 1


def test_terms_read_as_words_people_understand():
    for term in TERMS:
        assert term.reads_as and term.reads_as == term.reads_as.strip().lower()
        assert not term.pattern.match(""), f"{term.pattern.pattern!r} matches nothing at all"


def test_longest_match_wins_and_each_term_counts_once():
    said = [m.said for m in match_terms("deep cleaning and a cleaning")]
    assert said[0] == "deep cleaning"
    readings = [m.term.reads_as for m in match_terms("rebond fixed retainer lower")]
    assert readings == ["rebond fixed retainer"]


def test_a_broken_entry_is_reported_with_its_place(tmp_path):
    bad = tmp_path / "lexicon.toml"
    bad.write_text(
        '[[terms]]\nsay = \'ok\'\nmeans = "x"\ncodes = "D1110"\n\n'
        '[[terms]]\nsay = \'(unclosed\'\nmeans = "y"\ncodes = "D1120"\n'
    )
    with pytest.raises(ValueError, match="entry 2"):
        load(bad)
    bad.write_text('[[terms]]\nsay = \'ok\'\nmeans = "x"\ncodes = "crown"\n')
    with pytest.raises(ValueError, match="not a code"):
        load(bad)


def test_the_file_is_ours():
    text = LEXICON_FILE.read_text(encoding="utf-8")
    assert len(re.findall(r"^\[\[terms\]\]$", text, re.M)) == len(TERMS)
