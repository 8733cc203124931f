"""Read the ADA's licensed CDT data file (CSV or XLSX) into plain tables of cells.

This module only turns bytes into rows; it knows nothing about codes or the database (see
importer.py for that). Anything that stops a file from being read at all raises
UnreadableFile with a message meant for the person running `cdthub import`.

- CSV: UTF-8 with or without a byte-order mark, UTF-16 with a byte-order mark (Excel's
  "Unicode text"), else Windows-1252. The delimiter (comma, semicolon, tab or bar) is the one
  the first non-blank line uses most.
- XLSX: every worksheet is read with formulas replaced by their last computed values.
"""

from __future__ import annotations

import codecs
import csv
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
MAX_FILE_BYTES = 25 * 1024 * 1024  # the ADA's file is well under 5 MB
MAX_ROWS = 20_000  # per sheet, blank rows included; CDT has about a thousand codes
MAX_COLUMNS = 200
DELIMITERS = (",", ";", "\t", "|")
ZIP_MAGIC = b"PK\x03\x04"


class UnreadableFile(Exception):
    """The file cannot be read as a table at all (missing, empty, wrong format, too large)."""


@dataclass(frozen=True)
class Table:
    """One sheet: its non-blank rows, each numbered as a spreadsheet would show it."""

    source: str  # the file name, for messages
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    sheet: str | None = None  # the worksheet title (XLSX only)

    @property
    def label(self) -> str:
        return f"{self.source} (sheet {self.sheet!r})" if self.sheet else self.source


def read_file(path: str | Path) -> list[Table]:
    """Every sheet of a CSV or XLSX file, in file order (a CSV file is one sheet)."""
    path = Path(path)
    name = path.name or str(path)
    try:
        if path.is_dir():
            raise UnreadableFile(f"{name} is a folder, not a file")
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFile(f"{name}: no such file") from None
    except OSError as exc:
        raise UnreadableFile(f"{name} cannot be read ({exc.strerror or exc})") from None
    if size == 0:
        raise UnreadableFile(f"{name} is empty")
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"{name} is {size / 1024 / 1024:.0f} MB; cdthub reads files up to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB (the ADA's CDT file is far smaller)"
        )
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UnreadableFile(
            f"{name} is an old-style Excel .xls file; open it in a spreadsheet program and "
            "save it as .xlsx or CSV"
        )
    if suffix in XLSX_SUFFIXES:
        tables = _read_xlsx(path, name)
    elif suffix in CSV_SUFFIXES:
        tables = [_read_csv(_read_bytes(path, name), name)]
    else:
        raise UnreadableFile(
            f"{name}: unknown format {suffix or '(no extension)'}; give a .csv or .xlsx file"
        )
    if not any(t.rows for t in tables):
        raise UnreadableFile(f"{name} is empty (no cell holds any text)")
    return tables


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"{name} cannot be read ({exc.strerror or exc})") from None


def decode_text(data: bytes, name: str = "the file") -> str:
    """Bytes of a text file → str: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                f"{name} says it is UTF-8 but byte {exc.start + 3} is not; save it again as UTF-8"
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile(f"{name} says it is UTF-16 but cannot be decoded") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableFile(
            f"{name} is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8"
        ) from None


def _read_csv(data: bytes, name: str) -> Table:
    if data.startswith(ZIP_MAGIC):
        raise UnreadableFile(
            f"{name} looks like an Excel workbook but is named as a CSV file; rename it to .xlsx"
        )
    text = decode_text(data, name)
    if "\x00" in text:
        raise UnreadableFile(f"{name} does not look like a text file (it holds NUL bytes)")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(DELIMITERS, key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, tuple[object, ...]]] = []
    number = 0
    try:
        for number, cells in enumerate(reader, 1):
            if number > MAX_ROWS:
                raise UnreadableFile(_too_many_rows(name))
            if any(c.strip() for c in cells):
                rows.append((number, tuple(cells[:MAX_COLUMNS])))
    except csv.Error as exc:
        raise UnreadableFile(f"{name}, row {number + 1}: not valid CSV ({exc})") from None
    return Table(name, tuple(rows))


def _read_xlsx(path: Path, name: str) -> list[Table]:
    if not zipfile.is_zipfile(path):
        raise UnreadableFile(
            f"{name} is not an XLSX workbook (the content is not one); if it is text, "
            "rename it to .csv"
        )
    import openpyxl  # imported here: only XLSX imports need it

    with warnings.catch_warnings():
        # openpyxl warns about styles, data validation, etc. it does not support; none of
        # that matters for reading cell values.
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on damaged files
            raise UnreadableFile(
                f"{name} cannot be opened as an XLSX workbook ({type(exc).__name__}); "
                "save it again from a spreadsheet program"
            ) from None
        try:
            return [_read_sheet(sheet, name) for sheet in book.worksheets]
        except UnreadableFile:
            raise
        except Exception as exc:
            raise UnreadableFile(
                f"{name}: a sheet cannot be read ({type(exc).__name__}); "
                "save it again from a spreadsheet program"
            ) from None
        finally:
            book.close()


def _read_sheet(sheet, name: str) -> Table:
    rows: list[tuple[int, tuple[object, ...]]] = []
    for number, values in enumerate(
        sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True), 1
    ):
        if number > MAX_ROWS:
            raise UnreadableFile(_too_many_rows(f"{name}, sheet {sheet.title!r},"))
        if any(v is not None and str(v).strip() for v in values):
            rows.append((number, tuple(values)))
    return Table(name, tuple(rows), sheet=sheet.title)


def _too_many_rows(where: str) -> str:
    return f"{where} has more than {MAX_ROWS:,} rows; a CDT file has about a thousand codes"
