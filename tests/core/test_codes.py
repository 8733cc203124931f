import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cdthub.core.codes import CATEGORIES, Catalog, Code, category_for, claim_needs, normalize_code


@pytest.mark.parametrize("text", ["D9992", "d9992", "9992", " D 9992 ", "D-9992", "d9992 "])
def test_normalize_accepts_common_spellings(text):
    assert normalize_code(text) == "D9992"


@pytest.mark.parametrize("text", ["", "D999", "D99921", "X9992", "99 92", "D99a2", "ninety"])
def test_normalize_rejects_non_codes(text):
    assert normalize_code(text) is None


@given(
    st.integers(min_value=0, max_value=9999),
    st.sampled_from(["D", "d", ""]),
    st.sampled_from(["", " "]),
)
def test_normalize_round_trip(n, prefix, pad):
    assert normalize_code(f"{pad}{prefix}{n:04d}{pad}") == f"D{n:04d}"


@given(st.text(max_size=30))
def test_normalize_never_raises_and_returns_a_code_or_none(text):
    out = normalize_code(text)
    assert out is None or (len(out) == 5 and out[0] == "D" and out[1:].isdigit())


def test_twelve_categories_cover_every_number_once():
    assert len(CATEGORIES) == 12
    for n in range(0, 10000, 7):
        assert sum(c.start <= n <= c.end for c in CATEGORIES) == 1
    assert category_for("D9992").slug == "adjunctive-general-services"
    assert category_for("D5940").slug == "maxillofacial-prosthetics"


def _code(code, **kw):
    return Code(code=code, title=code, summary="", category=category_for(code).slug, **kw)


def test_validity_follows_added_and_deleted_years():
    old = _code("D1550", deleted=2020)
    new = _code("D9992", added=2017)
    assert old.valid_in(2019) and not old.valid_in(2020)
    assert not new.valid_in(2016) and new.valid_in(2026)
    assert new.valid_on(dt.date(2026, 3, 2))


def test_changes_between_editions():
    cat = Catalog(
        [
            _code("D0001", added=2026),
            _code("D0002", revised=(2026,)),
            _code("D0003", deleted=2026),
            _code("D0004", added=2020),
        ]
    )
    ch = cat.changes(2025, 2026)
    assert [c.code for c in ch.added] == ["D0001"]
    assert [c.code for c in ch.revised] == ["D0002"]
    assert [c.code for c in ch.deleted] == ["D0003"]
    assert [c.code for c in cat.changes(2019, 2026).added] == ["D0001", "D0004"]
    with pytest.raises(ValueError):
        cat.changes(2026, 2025)


def test_neighbours_and_nearest(catalog):
    d9992 = catalog.get("D9992")
    prev, nxt = catalog.neighbours(d9992)
    assert prev.code == "D9991" and nxt.code == "D9993"
    assert catalog.nearest("D9998")[0].code.startswith("D999")


def test_claim_needs_says_what_a_line_needs(catalog):
    assert any("surfaces" in n.lower() for n in claim_needs(catalog.get("D2392")))
    assert any("no tooth" in n.lower() for n in claim_needs(catalog.get("D9992")))
    assert claim_needs(catalog.get("D5110"))[0] == (
        "The code itself names the upper arch: area 01 where a payer asks for one."
    )
    assert claim_needs(catalog.get("D7970"))[0] == "The arch (upper or lower)."


def test_normalize_only_takes_ascii_digits():
    assert normalize_code("D٠١٢٠") is None  # Arabic-Indic digits are not a CDT code
