"""Columns and cells of the ADA's CDT file: which header names which field, and how a raw
cell becomes a code or a text. Pure functions, no Django: the command line uses them to parse
`--column` before Django is set up, and property tests throw junk at them.

- Headers are matched ignoring case, accents, spaces and punctuation ("CDT Code", "cdt_code"
  and "CDT-CODE" are the same); `--column FIELD=HEADER` names any other header.
- A code cell may read "D0120", "d0120", "0120" or, when a spreadsheet dropped the leading
  zeros, 120 or "120"; anything else is not a code.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cdthub.core.codes import normalize_code

from .ada_file import Table

FIELDS = ("code", "nomenclature", "descriptor")
REQUIRED = ("code", "nomenclature")
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "code": (
        "code",
        "procedure code",
        "cdt code",
        "cdt",
        "proc code",
        "ada code",
        "code number",
        "cdt code number",
        "procedure code number",
    ),
    "nomenclature": (
        "nomenclature",
        "name",
        "description",
        "short description",
        "procedure name",
        "code name",
        "code nomenclature",
    ),
    "descriptor": (
        "descriptor",
        "long descriptor",
        "long description",
        "full descriptor",
        "full description",
        "code descriptor",
        "descriptor text",
    ),
}
MAX_CHARS = {"code": 40, "nomenclature": 1_000, "descriptor": 10_000}
HEADER_SEARCH_ROWS = 10  # a title or licence line may sit above the header row


def normalize_header(text: object) -> str:
    """'CDT-Code ', 'cdt_code', 'Cdt Códe' → 'cdtcode': letters and digits only, case folded."""
    decomposed = unicodedata.normalize("NFKD", cell_text(text))
    return "".join(ch for ch in decomposed.casefold() if ch.isascii() and ch.isalnum())


def cell_text(value: object) -> str:
    """Any cell value as text: None → '', 7.0 → '7', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


ALIASES = {f: frozenset(normalize_header(a) for a in names) for f, names in HEADER_ALIASES.items()}

_BARE_NUMBER = re.compile(r"^[0-9]{1,3}$")
_CODE_OK = re.compile(r"^D[0-9]{4}$")


def normalize_code_cell(value: object) -> str | None:
    """A code cell → 'D0120', or None when it is not a CDT code number.

    Accepts 'D0120', 'd0120', ' D 0120', '0120', full-width digits, and numbers whose leading
    zeros a spreadsheet dropped (120 or '120' → 'D0120')."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not 0 <= value <= 9999 or (isinstance(value, float) and not value.is_integer()):
            return None  # NaN fails the range test too
        return f"D{int(value):04d}"
    text = unicodedata.normalize("NFKC", cell_text(value))[: MAX_CHARS["code"]].strip()
    if _BARE_NUMBER.match(text):
        return f"D{int(text):04d}"
    code = normalize_code(text)
    return code if code and _CODE_OK.match(code) else None


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(value: object, *, multiline: bool = False) -> str:
    """Trim a text cell: control characters go, runs of spaces become one; a descriptor keeps
    its line breaks (blank lines dropped), a nomenclature becomes one line."""
    text = cell_text(value).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(_CONTROL.sub(" ", line).split()) for line in text.split("\n")]
    return ("\n" if multiline else " ").join(line for line in lines if line)


def parse_column_option(text: str) -> tuple[str, str]:
    """'code=Proc #' → ('code', 'Proc #'); ValueError with a readable message otherwise."""
    name, sep, header = text.partition("=")
    name = name.strip().lower()
    header = header.strip().strip("\"'").strip()
    if not sep or not header:
        raise ValueError(f'expected FIELD=HEADER (e.g. code="Proc #"), got {text[:60]!r}')
    if name not in FIELDS:
        raise ValueError(f"unknown field {name[:30]!r}; use one of {', '.join(FIELDS)}")
    return name, header


@dataclass(frozen=True)
class Problem:
    """One reason the file was refused, placed at a row and column where there is one."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column[:40]!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Columns:
    """Where each field sits: field → column index, and the header row that named them."""

    row: int
    headers: tuple[str, ...]
    index: Mapping[str, int]

    def header(self, name: str) -> str:
        return self.headers[self.index[name]] or f"column {self.index[name] + 1}"

    def cell(self, cells: Sequence[object], name: str) -> object:
        i = self.index.get(name)
        return cells[i] if i is not None and i < len(cells) else None


def _show_headers(headers: Sequence[str]) -> str:
    named = [repr(h[:30]) for h in headers if h]
    return ", ".join(named[:12]) + (", …" if len(named) > 12 else "") if named else "nothing"


def _match_row(
    headers: Sequence[str], overrides: Mapping[str, str]
) -> tuple[dict[str, int], list[str]]:
    keys = [normalize_header(h) for h in headers]
    found: dict[str, int] = {}
    problems: list[str] = []
    for name in FIELDS:
        if name in overrides:
            wanted = normalize_header(overrides[name])
            hits = [i for i, k in enumerate(keys) if wanted and k == wanted]
            if not hits:
                problems.append(
                    f"--column {name}={overrides[name][:40]!r}: no such column "
                    f"(the header row holds {_show_headers(headers)})"
                )
                continue
        else:
            hits = [i for i, k in enumerate(keys) if k in ALIASES[name]]
        if len(hits) > 1:
            names = " and ".join(repr(headers[i][:40]) for i in hits[:3])
            problems.append(
                f"columns {names} could each be the {name}; choose one with --column {name}=HEADER"
            )
        elif hits:
            found[name] = hits[0]
    taken: dict[int, str] = {}
    for name, i in found.items():
        if i in taken:
            problems.append(
                f"column {headers[i][:40]!r} cannot be both the {taken[i]} and the {name}"
            )
        taken[i] = name
    return found, problems


def find_columns(
    table: Table, overrides: Mapping[str, str] | None = None
) -> tuple[Columns | None, list[Problem]]:
    """The header row (one of the first few non-blank rows) and where each field is in it."""
    overrides = overrides or {}
    best: tuple[int, int, tuple[str, ...], dict[str, int], list[str]] | None = None
    for row, cells in table.rows[:HEADER_SEARCH_ROWS]:
        headers = tuple(" ".join(cell_text(c).split()) for c in cells)
        found, problems = _match_row(headers, overrides)
        if not problems and all(name in found for name in REQUIRED):
            return Columns(row, headers, found), []
        if best is None or len(found) > best[0]:
            best = (len(found), row, headers, found, problems)
    if best is None:
        return None, [Problem("the file holds no rows")]
    _, row, headers, found, messages = best
    problems = [Problem(m, row=row) for m in messages]
    for name in REQUIRED:
        if name not in found and name not in overrides:
            aliases = ", ".join(HEADER_ALIASES[name][:3])
            problems.append(
                Problem(
                    f"no {name} column (looked for headers such as {aliases}; found "
                    f"{_show_headers(headers)}); name it with --column {name}=HEADER",
                    row=row,
                )
            )
    return None, problems
