"""`cdthub import FILE --edition YEAR`: the licensed ADA file, all rows or none."""

from __future__ import annotations

import pytest

from cdthub.catalog.ada_file import read_file
from cdthub.catalog.importer import check_tables
from cdthub.catalog.models import CatalogState, OfficialText
from cdthub.cli import main

from .import_files import GOOD_ROWS, HEADER, write_csv, write_xlsx


def check(path, catalog, edition=2026, **kwargs):
    return check_tables(read_file(path), edition, catalog, **kwargs)


def messages(checked) -> list[str]:
    return [str(p) for p in checked.problems]


# --- reading and checking (no database) -------------------------------------------------------


def test_good_csv_gives_normalised_rows(tmp_path, catalog):
    checked = check(write_csv(tmp_path / "cdt.csv", [HEADER, *GOOD_ROWS]), catalog)
    assert checked.problems == []
    assert [(r.row, r.code) for r in checked.rows] == [(2, "D0120"), (3, "D0140"), (4, "D0150")]
    assert checked.rows[0].nomenclature == "Test nomenclature for D0120"
    assert checked.rows[2].descriptor == "Test descriptor for D0150,\nsecond line."


def test_good_xlsx_with_title_rows_cover_sheet_and_numeric_codes(tmp_path, catalog):
    rows = [HEADER, [120, "Test nomenclature for D0120", "Made up."], ["D0140", "Other", None]]
    path = write_xlsx(tmp_path / "cdt.xlsx", rows, title_rows=2, cover_sheet=True)
    checked = check(path, catalog)
    assert checked.problems == []
    assert checked.table.sheet == "Codes"
    assert [(r.row, r.code) for r in checked.rows] == [(4, "D0120"), (5, "D0140")]


@pytest.mark.parametrize(
    "header",
    [
        ["Code", "Name", "Descriptor"],
        ["Procedure Code", "Description", "Long Description"],
        ["cdt_code", "NOMENCLATURE", "full-descriptor"],
        ["  CDT Code # ", "Procedure Name", "Descriptor Text"],
    ],
)
def test_header_aliases(tmp_path, catalog, header):
    checked = check(write_csv(tmp_path / "cdt.csv", [header, *GOOD_ROWS]), catalog)
    assert checked.problems == [] and len(checked.rows) == 3
    assert checked.rows[0].descriptor == "Test descriptor for D0120."


def test_column_option_maps_other_headers(tmp_path, catalog):
    path = write_csv(
        tmp_path / "cdt.csv",
        [
            ["Proc #", "Label", "Full text", "Fee"],
            ["D0120", "Test nomenclature", "Test text", "55"],
        ],
    )
    overrides = {"code": "Proc #", "nomenclature": "label", "descriptor": "FULL TEXT"}
    checked = check(path, catalog, overrides=overrides)
    assert checked.problems == []
    assert (checked.rows[0].code, checked.rows[0].descriptor) == ("D0120", "Test text")


def test_semicolon_csv_in_windows_1252(tmp_path, catalog):
    rows = [HEADER, ["D0120", "Test café nomenclature – D0120", ""]]
    checked = check(write_csv(tmp_path / "cdt.csv", rows, "cp1252", ";"), catalog)
    assert checked.rows[0].nomenclature == "Test café nomenclature – D0120"


def test_bad_rows_are_named_by_row_and_column(tmp_path, catalog):
    rows = [
        HEADER,
        *GOOD_ROWS,
        ["X123", "Test", ""],
        ["D0120", "Again", ""],
        ["D0160", "  ", ""],
        ["D0001", "Test unknown", ""],
    ]
    found = messages(check(write_csv(tmp_path / "cdt.csv", rows), catalog))
    assert found == [
        "row 5, column 'CDT Code': 'X123' is not a CDT code (expected D and four digits, "
        "like D0120)",
        "row 6, column 'CDT Code': D0120 appears twice (first on row 2)",
        "row 7, column 'Nomenclature': the nomenclature is empty",
        "row 8, column 'CDT Code': D0001 is not in cdthub's catalog; use --allow-unknown to "
        "skip such codes",
    ]


def test_allow_unknown_skips_and_says_so(tmp_path, catalog):
    rows = [HEADER, *GOOD_ROWS, ["D0001", "Test unknown", ""]]
    checked = check(write_csv(tmp_path / "cdt.csv", rows), catalog, allow_unknown=True)
    assert checked.problems == [] and len(checked.rows) == 3
    assert any("skipped 1 code(s) cdthub does not know: D0001" in n for n in checked.notes)


def test_missing_column_lists_what_the_header_holds(tmp_path, catalog):
    path = write_csv(tmp_path / "cdt.csv", [["Proc", "Name"], ["D0120", "Test"]])
    found = messages(check(path, catalog))
    assert len(found) == 1
    assert found[0].startswith("row 1: no code column")
    assert "'Proc', 'Name'" in found[0] and "--column code=HEADER" in found[0]


def test_ambiguous_headers_ask_for_a_choice(tmp_path, catalog):
    path = write_csv(tmp_path / "cdt.csv", [["Code", "CDT Code", "Name"], ["D0120", "D0120", "x"]])
    assert "could each be the code" in messages(check(path, catalog))[0]


def test_header_only_and_huge_cells(tmp_path, catalog):
    only = messages(check(write_csv(tmp_path / "a.csv", [HEADER]), catalog))
    assert only == ["the file has a header row (row 1) but no data rows below it"]
    huge = [HEADER, ["D0120", "Test", "word " * 5000]]
    found = messages(check(write_csv(tmp_path / "b.csv", huge), catalog))
    assert found[0].startswith("row 2, column 'Long Descriptor': the text is 24,999 characters")


def test_edition_outside_the_dataset_is_refused(tmp_path, catalog):
    found = messages(check(write_csv(tmp_path / "cdt.csv", [HEADER, *GOOD_ROWS]), catalog, 1999))
    assert found and found[0].startswith("--edition 1999: No CDT edition 1999")


def test_codes_not_valid_in_the_edition_are_noted(tmp_path, catalog):
    rows = [HEADER, ["D1352", "Test nomenclature for a deleted code", ""]]
    checked = check(write_csv(tmp_path / "cdt.csv", rows), catalog)
    assert checked.problems == []
    assert any("not valid in CDT 2026" in n and "D1352" in n for n in checked.notes)


# --- the command, the database, the pages ------------------------------------------------------


def run(capsys, *args) -> tuple[int, str]:
    code = main(["import", *map(str, args)])
    return code, capsys.readouterr().err


@pytest.fixture
def imported(loaded_db, tmp_path, capsys):
    code, err = run(
        capsys, write_csv(tmp_path / "cdt.csv", [HEADER, *GOOD_ROWS]), "--edition", "2026"
    )
    assert code == 0, err
    return err


def official(edition=2026) -> dict[str, tuple[str, str]]:
    return {
        o.code: (o.nomenclature, o.descriptor) for o in OfficialText.objects.filter(edition=edition)
    }


def test_import_stores_the_text_and_pages_show_it(imported, client):
    assert "imported 3 codes for CDT 2026" in imported
    assert official()["D0120"] == ("Test nomenclature for D0120", "Test descriptor for D0120.")
    page = client.get("/codes/D0120/").content.decode()
    assert "Test nomenclature for D0120" in page and "CDT 2026 data file" in page
    data = client.get("/api/v1/codes/D0120").json()
    assert data["official"]["nomenclature"] == "Test nomenclature for D0120"
    assert data["official"]["edition"] == 2026
    assert client.get("/api/v1/codes/D0170").json()["official"] is None
    assert "Official ADA text" not in client.get("/codes/D0170/").content.decode()


def test_xlsx_through_the_command(loaded_db, tmp_path, capsys):
    path = write_xlsx(tmp_path / "cdt.xlsx", [["Proc #", "Label"], [140, "Test label"]])
    code, err = run(
        capsys,
        path,
        "--edition",
        "2026",
        "--column",
        "code=Proc #",
        "--column",
        "nomenclature=Label",
    )
    assert code == 0, err
    assert official() == {"D0140": ("Test label", "")}


def test_broken_file_changes_nothing(imported, tmp_path, capsys):
    version = CatalogState.objects.get(pk=1).version
    before = official()
    rows = [HEADER, ["D0120", "Changed text", ""], ["D01X0", "Test", ""]]
    code, err = run(capsys, write_csv(tmp_path / "bad.csv", rows), "--edition", "2026")
    assert code == 1
    assert "bad.csv was not imported, nothing changed (1 problem)" in err
    assert "row 3, column 'CDT Code': 'D01X0' is not a CDT code" in err
    assert official() == before and CatalogState.objects.get(pk=1).version == version


def test_reimport_replaces_that_edition_only(imported, tmp_path, capsys, client):
    code, err = run(
        capsys, write_csv(tmp_path / "old.csv", [HEADER, GOOD_ROWS[1]]), "--edition", "2025"
    )
    assert code == 0, err
    rows = [HEADER, ["D0120", "Replacement nomenclature for D0120", ""]]
    code, err = run(capsys, write_csv(tmp_path / "new.csv", rows), "--edition", "2026")
    assert code == 0 and "imported 1 codes for CDT 2026" in err
    assert official() == {"D0120": ("Replacement nomenclature for D0120", "")}
    assert set(official(2025)) == {"D0140"}
    assert "Replacement nomenclature for D0120" in client.get("/codes/D0120/").content.decode()


def test_official_text_is_escaped_on_the_page(loaded_db, tmp_path, capsys, client):
    rows = [HEADER, ["D0120", "Test <script>alert(1)</script>", ""]]
    assert run(capsys, write_csv(tmp_path / "x.csv", rows), "--edition", "2026")[0] == 0
    page = client.get("/codes/D0120/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_many_problems_are_capped_at_twenty(loaded_db, tmp_path, capsys):
    rows = [HEADER] + [[f"X{i}", "Test", ""] for i in range(25)]
    code, err = run(capsys, write_csv(tmp_path / "bad.csv", rows), "--edition", "2026")
    assert code == 1 and "(25 problems)" in err and "and 5 more" in err
    assert err.count("is not a CDT code") == 20
    assert OfficialText.objects.count() == 0


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("missing.csv", None, "no such file"),
        ("empty.csv", b"", "is empty"),
        ("codes.pdf", b"%PDF-1.4", "unknown format .pdf"),
        ("codes.xls", b"\xd0\xcf\x11\xe0", "old-style Excel .xls"),
        ("codes.xlsx", b"Code,Name\n", "not an XLSX workbook"),
    ],
)
def test_unreadable_files_exit_2(loaded_db, tmp_path, capsys, name, content, expected):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, err = run(capsys, path, "--edition", "2026")
    assert code == 2 and expected in err and "Traceback" not in err


def test_admin_lists_imported_text_read_only(imported, admin_client):
    page = admin_client.get("/admin/catalog/officialtext/").content.decode()
    assert "D0120" in page and "Test nomenclature for D0120" in page and "2026" in page
    assert admin_client.get("/admin/catalog/officialtext/add/").status_code == 403
    row = OfficialText.objects.get(code="D0120", edition=2026)
    change = admin_client.get(f"/admin/catalog/officialtext/{row.pk}/change/")
    assert change.status_code == 200 and 'type="submit" name="_save"' not in change.content.decode()
