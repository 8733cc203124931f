"""The patient's age from years, months or words; adult codes start where the family says."""

from cdthub.core.finder import read
from cdthub.core.finder.dimensions.patient import Ages


def test_ages_from_years_months_and_words():
    assert read("8 yo").ages == (8, 8) and read("18 month old").ages == (1, 1)
    assert read("cleaning for a teenager").ages == (12, 17)
    assert read("6-month checkup").ages is None


def test_the_age_question_lists_the_choices_youngest_first():
    [question] = Ages().questions({(14, None), (0, 13)}, read("cleaning"), None)
    assert question == "patient's age not given: child (up to 13) or adult (14+)?"
