import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cdthub.core.finder import Finder


@pytest.fixture(scope="module")
def finder(catalog, index):
    return Finder(catalog, index)


def codes(finder, text, limit=5):
    return [s.code.code for s in finder.suggest(text, limit).suggestions]


@pytest.mark.parametrize(
    "text, best",
    [
        ("MOD composite #30", "D2393"),
        ("composite DO on #29", "D2392"),
        ("composite #8 MIF", "D2332"),
        ("white filling front tooth one surface", "D2330"),
        ("amalgam MO #19", "D2150"),
        ("4 surface amalgam", "D2161"),
        ("deep cleaning LL quadrant, 2 teeth", "D4342"),
        ("SRP UR 4 teeth", "D4341"),
        ("scaling and root planing full quadrant", "D4341"),
        ("pulled a baby tooth", "D7140"),
        ("6-month checkup", "D0120"),
        ("night guard upper", "D9944"),
        ("soft mouth guard for grinding", "D9945"),
        ("cleaning for a child", "D1120"),
        ("teeth cleaning, 45 year old", "D1110"),
        ("checkup for a 2 year old with parent counseling", "D0145"),
        ("extraction with bone removal", "D7210"),
        ("simple extraction #14", "D7140"),
        ("wisdom tooth fully impacted in bone", "D7240"),
        ("bitewings x4", "D0274"),
        ("BWX 2 films", "D0272"),
        ("PA first image", "D0220"),
        ("root canal #13", "D3320"),
        ("RCT #30", "D3330"),
        ("root canal on upper left first premolar", "D3320"),
        ("redo root canal front tooth", "D3346"),
        ("SSC on tooth T", "D2930"),
        ("SSC on #30", "D2931"),
        ("crown porcelain fused to high noble metal", "D2750"),
        ("PFM base metal crown", "D2751"),
        ("full gold crown", "D2790"),
        ("zirconia crown #3", "D2740"),
        ("mandibular partial cast metal framework", "D5214"),
        ("denture adjustment lower complete", "D5411"),
        ("braces for a teenager", "D8080"),
        ("laughing gas", "D9230"),
        ("crown came off, recement", "D2920"),
    ],
)
def test_best_suggestion(finder, text, best):
    assert codes(finder, text)[0] == best


def test_reasons_say_why_the_best_fits_and_why_others_do_not(finder):
    result = finder.suggest("MOD composite #30")
    best, *others = result.suggestions
    text = " ".join(best.reasons)
    assert "3 surfaces (MOD)" in text and "tooth 30 is a back tooth" in text and "composite" in text
    assert any(r.startswith("but it covers") for o in others for r in o.reasons)
    assert best.score == max(s.score for s in result.suggestions) and 0 < best.score <= 1


def test_structure_is_read_and_reported(finder):
    data = finder.suggest("amalgam MO on ISO 46").to_dict()
    assert data["suggestions"][0]["code"] == "D2150"
    assert data["read"]["teeth"] == ["30"] and data["read"]["surfaces"] == "MO"
    assert any("ISO 46" in note for note in data["read"]["notes"])


def test_named_codes(finder):
    assert codes(finder, "D2392 on #3")[0] == "D2392"
    result = finder.suggest("D1352 on #3")
    assert any("D1352 was deleted in CDT 2026" in q for q in result.open_questions)
    assert "D1352" not in [s.code.code for s in result.suggestions]
    assert any("replaces D1352" in r for s in result.suggestions for r in s.reasons)
    assert any("D0000 is not a CDT code" in q for q in finder.suggest("D0000 exam").open_questions)


@pytest.mark.parametrize(
    "text",
    [
        "interim therapeutic restoration on a baby tooth",
        "preventive resin restoration",
        "occlusal guard by report",
        "frenulectomy",
        "space maintainer both sides",
    ],
)
def test_deleted_codes_are_never_suggested(finder, catalog, text):
    for s in finder.suggest(text, 20).suggestions:
        assert catalog.get(s.code.code).deleted is None


def test_nothing_to_go_on(finder):
    assert finder.suggest("").suggestions == []
    assert finder.suggest("   ").open_questions
    nonsense = finder.suggest("qwxz")
    assert nonsense.suggestions == [] and "no code fits" in nonsense.open_questions[0]


def test_limit(finder):
    assert len(finder.suggest("crown", 3).suggestions) == 3
    assert len(finder.suggest("crown", 500).suggestions) <= 50
    assert len(finder.suggest("crown", 0).suggestions) == 1


@settings(max_examples=150)
@given(st.text(max_size=120))
def test_any_text_gives_an_answer_not_an_error(finder, catalog, text):
    result = finder.suggest(text, 5)
    data = result.to_dict()
    assert set(data) >= {"text", "suggestions", "open_questions"}
    assert len(data["suggestions"]) <= 5
    for s in data["suggestions"]:
        assert 0 <= s["score"] <= 1 and catalog.get(s["code"]).deleted is None


@settings(max_examples=100)
@given(
    st.lists(
        st.sampled_from(
            [
                "#30",
                "tooth K",
                "MOD",
                "DO",
                "UR",
                "LL",
                "3 teeth",
                "x4",
                "upper",
                "composite",
                "PFM",
                "gold",
                "8 year old",
                "baby tooth",
                "ISO 46",
                "crown",
                "filling",
                "extraction",
                "root canal",
                "SRP",
                "bitewings",
            ]
        ),
        max_size=6,
    )
)
def test_combinations_of_structure_never_crash(finder, words):
    result = finder.suggest(" ".join(words))
    assert isinstance(result.open_questions, list)
