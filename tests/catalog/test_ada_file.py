"""Reading the licensed file: encodings, delimiters, formats, limits."""

from __future__ import annotations

import codecs

import pytest

from cdthub.catalog import ada_file
from cdthub.catalog.ada_file import UnreadableFile, read_file

from .import_files import HEADER, csv_bytes, write_xlsx

ROWS = [HEADER, ["D0120", "Test naïve nomenclature – D0120", "Test descriptor"]]


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("cp1252", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
    ],
)
def test_encodings(tmp_path, encoding, bom):
    path = tmp_path / "cdt.csv"
    path.write_bytes(bom + csv_bytes(ROWS).encode(encoding))
    (table,) = read_file(path)
    assert table.rows[0] == (1, tuple(HEADER))  # no BOM left on the first header
    assert table.rows[1][1][1] == "Test naïve nomenclature – D0120"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(tmp_path, delimiter):
    path = tmp_path / "cdt.csv"
    path.write_text(csv_bytes(ROWS, delimiter), encoding="utf-8")
    assert read_file(path)[0].rows[1][1][0] == "D0120"


def test_rows_keep_spreadsheet_numbers_across_blank_lines_and_multiline_cells(tmp_path):
    path = tmp_path / "cdt.csv"
    path.write_text('Code,Name\n\nD0120,"two\nlines"\n,\nD0140,x\n', encoding="utf-8")
    assert [n for n, _ in read_file(path)[0].rows] == [1, 3, 5]


def test_xlsx_reads_every_sheet_with_its_title(tmp_path):
    tables = read_file(write_xlsx(tmp_path / "cdt.xlsx", ROWS, cover_sheet=True))
    assert [t.sheet for t in tables] == ["Read me", "Codes"]
    assert tables[1].label == "cdt.xlsx (sheet 'Codes')"


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("empty.csv", b"", "empty.csv is empty"),
        ("blank.csv", b" , ,\r\n\r\n", "blank.csv is empty (no cell holds any text)"),
        ("codes.json", b"{}", "unknown format .json"),
        ("codes", b"Code", "unknown format (no extension)"),
        ("zip.csv", b"PK\x03\x04rest", "looks like an Excel workbook"),
        ("bin.csv", b"Code\x00Name", "does not look like a text file"),
        ("text.xlsx", b"Code,Name", "not an XLSX workbook"),
        ("broken.xlsx", b"PK\x05\x06" + b"\x00" * 18, "cannot be opened as an XLSX workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "old-style Excel .xls"),
    ],
)
def test_unreadable_files_say_why(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=expected.replace("(", r"\(").replace(")", r"\)")):
        read_file(path)


def test_a_folder_and_a_missing_file(tmp_path):
    with pytest.raises(UnreadableFile, match="is a folder"):
        read_file(tmp_path)
    with pytest.raises(UnreadableFile, match="no such file"):
        read_file(tmp_path / "nope.csv")


def test_size_and_row_limits(tmp_path, monkeypatch):
    path = tmp_path / "cdt.csv"
    path.write_text("Code,Name\n" + "D0120,x\n" * 30, encoding="utf-8")
    monkeypatch.setattr(ada_file, "MAX_ROWS", 10)
    with pytest.raises(UnreadableFile, match="more than 10 rows"):
        read_file(path)
    monkeypatch.setattr(ada_file, "MAX_FILE_BYTES", 100)
    with pytest.raises(UnreadableFile, match="cdthub reads files up to"):
        read_file(path)


def test_neither_utf8_nor_cp1252(tmp_path):
    path = tmp_path / "cdt.csv"
    path.write_bytes(b"Code,Name\nD0120,\x81\x8d\n")  # bytes cp1252 leaves undefined
    with pytest.raises(UnreadableFile, match="neither UTF-8 nor Windows-1252"):
        read_file(path)
