"""Open questions: what a description leaves undecided between look-alike codes, what the claim
line will need, and what cannot be right."""

import pytest

from cdthub.core.finder.questions import MAX_QUESTIONS


@pytest.mark.parametrize(
    "text, question",
    [
        ("composite filling", "number of surfaces not given"),
        ("composite filling", "tooth not given: anterior or posterior?"),
        ("root canal", "tooth not given: front tooth, premolar or molar?"),
        ("complete denture", "arch not given: upper or lower?"),
        ("SRP upper right", "number of teeth in the quadrant not given (1-3 or 4+)"),
        ("bitewings", "number of images not given"),
        ("stainless steel crown", "primary (baby) or permanent tooth not given"),
    ],
)
def test_open_questions_name_what_is_missing(finder, text, question):
    assert question in finder.suggest(text).open_questions


def test_open_questions_about_material_age_and_claim_needs(finder):
    assert any(
        q.startswith("material not given") for q in finder.suggest("crown #19").open_questions
    )
    assert any(
        q.startswith("patient's age not given") for q in finder.suggest("prophy").open_questions
    )
    assert (
        "quadrant not given (the claim line needs UR, UL, LL or LR)"
        in finder.suggest("SRP 2 teeth").open_questions
    )
    assert finder.suggest("MOD composite #30").open_questions == []


def test_impossible_surfaces_are_flagged(finder):
    result = finder.suggest("MOD composite on #8")
    assert result.suggestions[0].code.code == "D2332"
    assert any("O (occlusal) is not a surface of tooth 8" in q for q in result.open_questions)


def test_questions_are_few_and_never_repeat(finder):
    questions = finder.suggest("crown").open_questions
    assert 0 < len(questions) <= MAX_QUESTIONS and len(set(questions)) == len(questions)
