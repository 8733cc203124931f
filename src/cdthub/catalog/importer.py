"""Import the ADA's licensed CDT data file into OfficialText: all rows or none.

The steps are plain functions so each can be tested alone:

- ada_file.read_file(path) → the file's sheets as tables of raw cells (UnreadableFile if not)
- ada_columns.find_columns(table, overrides) → the header row and where each field sits
- check_tables(tables, edition, catalog, …) → the rows to store, or every problem found
- write_official(rows, edition) → one transaction: replace that edition's rows, bump the
  catalog version, drop this process's snapshot so pages and the API show the new text

import_official() chains them. Decisions worth knowing:

- Codes that cdthub's catalog does not hold are an error (their text could not be shown
  anywhere); with allow_unknown they are skipped and listed in a note.
- Rows whose code cell is blank (section headings, notes) are skipped and listed in a note.
- A code twice in the file is an error, even with the same text.
- Codes the dataset marks as not valid in the edition are imported but listed in a note: many
  of them usually means the wrong --edition was given.

The Django models are imported inside the two functions that touch the database.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cdthub.core.codes import Catalog, UnknownEdition

from .ada_columns import (
    FIELDS,
    MAX_CHARS,
    Columns,
    Problem,
    cell_text,
    clean_text,
    find_columns,
    normalize_code_cell,
)
from .ada_file import Table, UnreadableFile, read_file

__all__ = [
    "ImportResult",
    "OfficialRow",
    "Problem",
    "UnreadableFile",
    "check_table",
    "check_tables",
    "import_official",
    "write_official",
]

SHOW = 10  # how many codes or rows a note lists before "…"


@dataclass(frozen=True)
class OfficialRow:
    row: int
    code: str
    nomenclature: str
    descriptor: str = ""


@dataclass
class Checked:
    """What checking a sheet found: the rows to store, the problems, notes for the user."""

    rows: list[OfficialRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    table: Table | None = None


def _show(value: object) -> str:
    text = cell_text(value).strip()
    return repr(text[:30] + "…" if len(text) > 30 else text)


def _list(items: Sequence[str]) -> str:
    return ", ".join(items[:SHOW]) + (", …" if len(items) > SHOW else "")


def check_edition(edition: int, catalog: Catalog) -> Problem | None:
    """An edition the catalog holds is fine, and so is the next one (a file newer than the
    bundled dataset)."""
    if edition == catalog.current_year + 1:
        return None
    try:
        catalog.check_year(edition)
    except UnknownEdition as exc:
        return Problem(
            f"--edition {edition}: {exc} A file for CDT {catalog.current_year + 1}, newer "
            "than the dataset, is accepted too."
        )
    return None


def check_table(
    table: Table,
    edition: int,
    catalog: Catalog,
    overrides: Mapping[str, str] | None = None,
    allow_unknown: bool = False,
) -> Checked:
    """Validate every row of one sheet; nothing is written here."""
    out = Checked(table=table)
    columns, out.problems = find_columns(table, overrides)
    if columns is None:
        return out
    if "descriptor" not in columns.index:
        out.notes.append("no descriptor column found: importing the nomenclature only")
    data = [(n, cells) for n, cells in table.rows if n > columns.row]
    if not data:
        out.problems.append(
            Problem(f"the file has a header row (row {columns.row}) but no data rows below it")
        )
        return out

    first_seen: dict[str, int] = {}
    no_code: list[int] = []
    unknown: list[str] = []
    for n, cells in data:
        raw = columns.cell(cells, "code")
        if not cell_text(raw).strip():
            if any(cell_text(columns.cell(cells, f)).strip() for f in FIELDS):
                no_code.append(n)
            continue
        checked = _check_row(n, cells, columns, first_seen)
        if isinstance(checked, list):
            out.problems.extend(checked)
            continue
        code = checked.code
        if code not in catalog:
            if not allow_unknown:
                out.problems.append(
                    Problem(
                        f"{code} is not in cdthub's catalog; "
                        "use --allow-unknown to skip such codes",
                        row=n,
                        column=columns.header("code"),
                    )
                )
            unknown.append(code)
            continue
        out.rows.append(checked)
    if no_code:
        out.notes.append(
            f"skipped {len(no_code)} row(s) with no code (rows {_list(list(map(str, no_code)))})"
        )
    if unknown and allow_unknown:
        out.notes.append(f"skipped {len(unknown)} code(s) cdthub does not know: {_list(unknown)}")
    if not out.rows and not out.problems:
        out.problems.append(Problem("no row holds a code to import"))
    stale = [r.code for r in out.rows if not catalog.get(r.code).valid_in(edition)]
    if stale and not out.problems:
        out.notes.append(
            f"{len(stale)} code(s) are not valid in CDT {edition} according to "
            f"cdthub's dataset ({_list(stale)}); check --edition"
        )
    return out


def _check_row(
    n: int, cells: Sequence[object], columns: Columns, first_seen: dict[str, int]
) -> OfficialRow | list[Problem]:
    """The row to store, or every problem on it."""
    problems: list[Problem] = []
    raw = columns.cell(cells, "code")
    code = normalize_code_cell(raw)
    if code is None:
        problems.append(
            Problem(
                f"{_show(raw)} is not a CDT code (expected D and four digits, like D0120)",
                row=n,
                column=columns.header("code"),
            )
        )
    elif code in first_seen:
        problems.append(
            Problem(
                f"{code} appears twice (first on row {first_seen[code]})",
                row=n,
                column=columns.header("code"),
            )
        )
    else:
        first_seen[code] = n
    texts = {}
    for name in ("nomenclature", "descriptor"):
        if name not in columns.index:
            texts[name] = ""
            continue
        text = clean_text(columns.cell(cells, name), multiline=name == "descriptor")
        if len(text) > MAX_CHARS[name]:
            problems.append(
                Problem(
                    f"the text is {len(text):,} characters long; the limit is "
                    f"{MAX_CHARS[name]:,} (is this the right column?)",
                    row=n,
                    column=columns.header(name),
                )
            )
        texts[name] = text
    if not texts["nomenclature"]:
        problems.append(
            Problem("the nomenclature is empty", row=n, column=columns.header("nomenclature"))
        )
    if problems:
        return problems
    return OfficialRow(n, code, texts["nomenclature"], texts["descriptor"])


def check_tables(
    tables: Sequence[Table],
    edition: int,
    catalog: Catalog,
    overrides: Mapping[str, str] | None = None,
    allow_unknown: bool = False,
) -> Checked:
    """Check the first sheet that has a recognisable header row (workbooks may open with a
    cover or licence sheet); when none has one, report on the first non-empty sheet."""
    bad_edition = check_edition(edition, catalog)
    if bad_edition:
        return Checked(problems=[bad_edition])
    candidates = [t for t in tables if t.rows]
    if not candidates:
        return Checked(problems=[Problem("the file holds no rows")])
    for table in candidates:
        if find_columns(table, overrides)[0] is not None:
            return check_table(table, edition, catalog, overrides, allow_unknown)
    return check_table(candidates[0], edition, catalog, overrides, allow_unknown)


def write_official(rows: Collection[OfficialRow], edition: int) -> int:
    """Replace the stored text of one CDT edition with `rows`, in one transaction."""
    from django.db import transaction

    from .models import OfficialText
    from .versions import catalog_changed

    with transaction.atomic():
        OfficialText.objects.filter(edition=edition).delete()
        OfficialText.objects.bulk_create(
            [
                OfficialText(
                    code=r.code,
                    edition=edition,
                    nomenclature=r.nomenclature,
                    descriptor=r.descriptor,
                )
                for r in rows
            ],
            batch_size=500,
        )
        catalog_changed()
    return len(rows)


@dataclass(frozen=True)
class ImportResult:
    source: str
    edition: int
    imported: int = 0
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def import_official(
    path: str | Path,
    edition: int,
    columns: Mapping[str, str] | None = None,
    allow_unknown: bool = False,
) -> ImportResult:
    """Read, check and (only when every row is valid) store a licensed CDT file.

    Raises UnreadableFile when the file cannot be read as a table at all."""
    from . import snapshot
    from .models import CodeEntry

    tables = read_file(path)
    checked = check_tables(tables, edition, snapshot.get().catalog, columns, allow_unknown)
    source = checked.table.label if checked.table else Path(path).name
    notes = tuple(checked.notes)
    if not checked.problems and not CodeEntry.objects.exists():
        checked.problems.append(
            Problem(
                "the database holds no codes yet; run `cdthub serve` "
                "(or `make run`) once to load the bundled dataset"
            )
        )
    if checked.problems:
        return ImportResult(source, edition, problems=tuple(checked.problems), notes=notes)
    imported = write_official(checked.rows, edition)
    return ImportResult(source, edition, imported=imported, notes=notes)
