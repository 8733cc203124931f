"""The text formats of the parts a reader may propose to change."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdthub.community import parts
from cdthub.core.codes import GUIDANCE_SECTIONS


def test_summary_is_joined_into_one_paragraph():
    assert (
        parts.parse("summary", "  Care coordination\n for a patient  with  special needs.", "D9992")
        == "Care coordination for a patient with special needs."
    )


@pytest.mark.parametrize("text", ["", "Too short", "x " * 700])
def test_summary_length_is_checked(text):
    with pytest.raises(parts.PartError):
        parts.parse("summary", text, "D9992")


def test_guidance_by_label_or_key_with_continuation_lines():
    text = (
        "When to use it:\n- First point\n  carried on.\n- Second point.\n\n"
        "avoid:\n* Not for a first visit.\n"
    )
    assert parts.parse("guidance", text, "D0120") == {
        "use": ["First point carried on.", "Second point."],
        "avoid": ["Not for a first visit."],
    }


@pytest.mark.parametrize(
    "text, message",
    [
        ("- a point without a heading", "heading"),
        ("Bananas:\n- one", "not a section"),
        ("use:\n- a\nuse:\n- b", "twice"),
        ("use:\n", "at least one point"),
    ],
)
def test_guidance_errors_say_what_to_fix(text, message):
    with pytest.raises(parts.PartError, match=message):
        parts.parse("guidance", text, "D0120")


def test_related_codes_with_notes(catalog):
    text = "D0150 - first visit\nd0140: one problem\n9991"
    assert parts.parse("related", text, "D0120", catalog) == [
        {"code": "D0150", "note": "first visit"},
        {"code": "D0140", "note": "one problem"},
        {"code": "D9991", "note": ""},
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("banana - no code", "start the line with a code"),
        ("D0120 - itself", "itself"),
        ("D9998 - unknown", "not a CDT code"),
        ("D0150\nD0150 - again", "twice"),
    ],
)
def test_related_errors(catalog, text, message):
    with pytest.raises(parts.PartError, match=message):
        parts.parse("related", text, "D0120", catalog)


def test_current_values_round_trip_through_text(catalog):
    """What the suggest form is prefilled with parses back to the same value."""
    from cdthub.core.dataset import records_and_families

    records, _ = records_and_families()
    with_guidance = [r for r in records if r.get("guidance")]
    assert with_guidance
    for rec in with_guidance[:20]:
        value = {k: list(v) for k, v in rec["guidance"].items() if v}
        assert parts.parse("guidance", parts.to_text("guidance", value), rec["code"]) == value
    for rec in [r for r in records if r.get("related")][:50]:
        value = [{"code": r["code"], "note": r.get("note", "")} for r in rec["related"]]
        text = parts.to_text("related", value)
        assert parts.parse("related", text, rec["code"], catalog) == value


words = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(lambda s: s and s[0] not in "-*•" and not s.endswith(":"))
)


@given(
    st.dictionaries(
        st.sampled_from([k for k, _ in GUIDANCE_SECTIONS]),
        st.lists(words, min_size=1, max_size=3),
        min_size=1,
    )
)
def test_any_guidance_round_trips(value):
    value = {k: [" ".join(i.split()) for i in items] for k, items in value.items()}
    value = {k: [i for i in items if i] for k, items in value.items()}
    value = {k: items for k, items in value.items() if items}
    if not value:
        return
    ordered = {k: value[k] for k, _ in GUIDANCE_SECTIONS if k in value}
    assert parts.parse("guidance", parts.to_text("guidance", value), "D0120") == ordered
