"""Care coordination, teledentistry and behaviour support: the assistant on bench/data/
finder-care.tsv (descriptions written without looking at the lexicon) stays above a floor."""

import csv
from pathlib import Path

import pytest

from cdthub.core.search import content_words

CASES = Path(__file__).resolve().parents[3] / "bench" / "data" / "finder-care.tsv"
# measured 88.7% / 98.4% when the set was added; the floor leaves room for two or three
# cases to move with unrelated tuning, not for the set to stop working
TOP1_FLOOR = 0.82
TOP3_FLOOR = 0.95


def read_cases() -> list[tuple[str, set[str]]]:
    with CASES.open(newline="", encoding="utf-8") as f:
        return [
            (r["query"], set(r["acceptable"].split())) for r in csv.DictReader(f, delimiter="\t")
        ]


def test_the_care_set_is_about_sixty_cases_of_its_own_codes():
    cases = read_cases()
    assert 55 <= len(cases) <= 80
    codes = set().union(*(acceptable for _, acceptable in cases))
    assert {"D9991", "D9992", "D9993", "D9994", "D9995", "D9996", "D9997", "D9920"} <= codes


def test_care_descriptions_stay_above_the_floor(finder):
    cases = read_cases()
    top1 = top3 = 0
    for text, acceptable in cases:
        got = [s.code.code for s in finder.suggest(text, 3).suggestions]
        top1 += bool(got) and got[0] in acceptable
        top3 += bool(set(got) & acceptable)
    assert top1 / len(cases) >= TOP1_FLOOR
    assert top3 / len(cases) >= TOP3_FLOOR


@pytest.mark.parametrize(
    "text",
    [
        "referral to oral surgeon and follow up",
        "tracked the referral and confirmed the visit",
    ],
)
def test_the_referring_office_codes_care_coordination_not_the_consultation(finder, text):
    codes = [s.code.code for s in finder.suggest(text, 3).suggestions]
    assert codes[0] == "D9992", codes


def test_the_consultant_still_codes_the_consultation(finder):
    text = "consult with oral surgeon requested by the general dentist"
    assert finder.suggest(text, 1).suggestions[0].code.code == "D9310"


def test_filler_words_never_match_on_their_own(index):
    """Every hit for "referral to oral surgeon and follow up" has a word other than "oral",
    "up" or "and" in its title, lay terms, family or summary."""
    meant = {content_words(w)[0] for w in ("referral", "surgeon", "follow")}
    hits = index.search("referral to oral surgeon and follow up", 40, trim=False)
    assert hits
    for hit in hits:
        text = index.texts[index.codes.index(hit.code)]
        stems = text.title | text.family | text.summary
        stems = stems.union(*(s for _, s in text.terms))
        assert stems & meant, (hit.code.code, hit.why)
        assert not any(w in ('title has "oral"', 'title has "up"') for w in hit.why)


def test_a_query_of_filler_alone_still_finds_something(index):
    assert index.search("oral", 5)
