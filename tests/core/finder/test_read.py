"""Reading a description: teeth in every numbering, surfaces, quadrant, counts, age, material
and the words left for the search index."""

from cdthub.core.finder import read


def test_reading_counts_ages_and_areas():
    r = read("SRP #2-5")
    assert [t.label for t in r.teeth] == ["2", "3", "4", "5"] and r.quadrant == "UR"
    assert r.counts["teeth"] == (4, 4)
    assert read("4+ teeth per quadrant").counts["teeth"] == (4, None)
    assert read("cleaning for 8 year old").ages == (8, 8)
    assert read("first visit, 18 month old").ages == (1, 1)
    assert read("6-month checkup").ages is None
    assert read("lower left quadrant").quadrant == "LL" and read("upper denture").arch == "upper"
    assert read("what do I code for a composite?").surfaces is None  # "I" is the pronoun
    assert read("comp eval new pt").lower == "comprehensive evaluation new patient"


def test_teeth_in_every_numbering_and_what_was_noted():
    assert [t.label for t in read("tooth K").teeth] == ["K"]
    iso = read("crown ISO 46")
    assert [t.label for t in iso.teeth] == ["30"] and "ISO 46" in iso.notes[0]
    assert [t.label for t in read("upper right first molar").teeth] == ["3"]


def test_materials_alloys_and_the_words_left_for_search():
    r = read("PFM crown high noble #19")
    assert r.materials == {"ceramic", "metal_frame"} and r.alloys == {"high_noble"}
    assert r.said["material"] == "pfm" and "#19" not in r.query and "crown" in r.query


def test_what_cannot_be_right_is_kept_as_a_problem():
    assert read("MOD on #8").problems  # no occlusal surface on a front tooth
    assert read("7 surfaces").problems == ["a tooth has at most five surfaces"]
