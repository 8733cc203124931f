"""Small made-up CDT files for the import tests (never the ADA's text)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

HEADER = ["CDT Code", "Nomenclature", "Long Descriptor"]
GOOD_ROWS = [
    ["D0120", "Test nomenclature for D0120", "Test descriptor for D0120."],
    ["d0140", "Test nomenclature for D0140", ""],
    ["0150", "Test nomenclature for D0150", "Test descriptor for D0150,\nsecond line."],
]


def csv_bytes(rows: list[list[object]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def write_csv(
    path: Path, rows: list[list[object]], encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    path.write_bytes(csv_bytes(rows, delimiter).encode(encoding))
    return path


def write_xlsx(
    path: Path, rows: list[list[object]], *, title_rows: int = 0, cover_sheet: bool = False
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    if cover_sheet:
        sheet.title = "Read me"
        sheet["A1"] = "Licensed file for testing"
        sheet = book.create_sheet("Codes")
    else:
        sheet.title = "Codes"
    for i in range(title_rows):
        sheet.cell(row=i + 1, column=1, value=f"Title line {i + 1}")
    for r, row in enumerate(rows, start=title_rows + 1):
        for c, value in enumerate(row, start=1):
            sheet.cell(row=r, column=c, value=value)
    book.save(path)
    return path
