"""Header matching and cell normalisation, with property tests: any spelling of a known header
is found, and no cell content makes checking raise."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cdthub.catalog.ada_columns import (
    FIELDS,
    HEADER_ALIASES,
    clean_text,
    find_columns,
    normalize_code_cell,
    normalize_header,
    parse_column_option,
)
from cdthub.catalog.ada_file import Table
from cdthub.catalog.importer import check_tables

CODE = re.compile(r"^D[0-9]{4}$")
SEPARATORS = st.sampled_from(["", " ", "  ", "_", "-", ".", "/", "#", ":", "\t", "\u00a0"])


@st.composite
def spelled(draw, text: str) -> str:
    """`text` with random letter case, random punctuation or spaces between and around words."""
    words = []
    for word in text.split():
        words.append("".join(ch.upper() if draw(st.booleans()) else ch.lower() for ch in word))
    between = [draw(SEPARATORS) for _ in words]
    return draw(SEPARATORS) + "".join(w + s for w, s in zip(words, between, strict=True))


@st.composite
def header_rows(draw):
    """A header row holding a random spelling of one alias per field, in random order, among
    unrelated columns."""
    names = {f: draw(st.sampled_from(HEADER_ALIASES[f])) for f in FIELDS}
    cells = {f: draw(spelled(n)) for f, n in names.items()}
    extra = draw(st.lists(st.sampled_from(["Fee", "Notes", "Category", ""]), max_size=3))
    order = draw(st.permutations([*FIELDS, *range(len(extra))]))
    row = [cells[k] if isinstance(k, str) else extra[k] for k in order]
    return row, {f: row.index(cells[f]) for f in FIELDS}


@settings(max_examples=300)
@given(header_rows())
def test_any_spelling_of_known_headers_is_found(case):
    row, where = case
    columns, problems = find_columns(Table("t.csv", ((1, tuple(row)),)))
    assert problems == []
    assert dict(columns.index) == where


@given(st.sampled_from([a for names in HEADER_ALIASES.values() for a in names]).flatmap(spelled))
def test_header_normalisation_ignores_case_and_punctuation(header):
    assert normalize_header(header) in {
        normalize_header(a) for names in HEADER_ALIASES.values() for a in names
    }


@settings(max_examples=300)
@given(
    st.integers(0, 9999),
    st.sampled_from(["", "D", "d", "D ", "d-", " D - "]),
    st.sampled_from(["", " ", "\t", "\u00a0"]),
)
def test_code_spellings_normalise(number, prefix, pad):
    assert normalize_code_cell(f"{pad}{prefix}{number:04d}{pad}") == f"D{number:04d}"
    assert normalize_code_cell(number) == f"D{number:04d}"
    assert normalize_code_cell(float(number)) == f"D{number:04d}"


@pytest.mark.parametrize(
    "cell",
    [
        "X123",
        "D12345",
        "D01 20",
        "DD0120",
        "0120a",
        "",
        None,
        True,
        12.5,
        -3,
        10000,
        float("nan"),
        "D\u0660\u0661\u0662\u0663",
    ],
)
def test_not_codes(cell):
    assert normalize_code_cell(cell) is None


CELLS = st.one_of(
    st.text(max_size=60),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.datetimes(),
    st.dates(),
    st.decimals(allow_nan=True),
    st.text(alphabet="Dd0123456789 -.\u00a0", max_size=8),
)


@settings(max_examples=300)
@given(CELLS)
def test_any_cell_is_a_code_or_none(cell):
    code = normalize_code_cell(cell)
    assert code is None or CODE.match(code)
    assert "\x00" not in clean_text(cell) and "\n" not in clean_text(cell)


@settings(max_examples=200)
@given(
    header=st.lists(st.one_of(st.sampled_from(["Code", "Name", "Descriptor"]), CELLS), max_size=5),
    rows=st.lists(st.lists(CELLS, max_size=5), max_size=8),
    edition=st.integers(1990, 2100),
    allow_unknown=st.booleans(),
)
def test_junk_tables_never_raise(catalog, header, rows, edition, allow_unknown):
    table = Table("junk.csv", tuple((n, tuple(r)) for n, r in enumerate([header, *rows], 1)))
    checked = check_tables([table], edition, catalog, allow_unknown=allow_unknown)
    for problem in checked.problems:
        assert str(problem)
    for row in checked.rows:
        assert CODE.match(row.code) and row.code in catalog and row.nomenclature


@given(st.text(max_size=40))
def test_column_option_parses_or_explains(text):
    try:
        name, header = parse_column_option(text)
    except ValueError as exc:
        assert "FIELD=HEADER" in str(exc) or "unknown field" in str(exc)
    else:
        assert name in FIELDS and header


def test_column_option_examples():
    assert parse_column_option('code="Proc #"') == ("code", "Proc #")
    assert parse_column_option(" Descriptor = Full text ") == ("descriptor", "Full text")
