"""Rule packs: what payers limit, as data (`core/data/packs/*.toml`).

A pack holds frequency limits, age limits, same-day conflicts, codes that need a narrative,
coverage notes, the teeth a payer pays a code on (where narrower than the code), codes that
may go without a tooth number or carry one although they take none, and severity overrides
for rule ids. Every line has an `id` and a short `source` note. `default` holds common
commercial norms; a payer's pack says `extends = "default"` and replaces lines by
id (or drops them with `remove = [...]`). Facts about codes themselves (teeth, surfaces, areas,
by-report, years) are never restated here: they come from the Catalog.

Pure Python. The typed lines and the Pack live in `pack_lines.py`; this module reads them from
TOML and re-exports them. `load_pack(name)` reads a bundled pack, `load_pack_file(path)` a
user's file (`--pack FILE`), `pack_for(payer)` picks the pack a claim names (else the default).
Bad pack files raise PackError with a message that names the file and the line id.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .model import Severity
from .pack_lines import (
    AgeLimit,
    CodeNote,
    Conflict,
    Frequency,
    Pack,
    PackLines,
    QuantityLimit,
    ToothCount,
    ToothLimit,
    Window,
    add_months,
)

__all__ = [
    "AgeLimit", "CodeNote", "Conflict", "Frequency", "Pack", "PackError", "PackLines",
    "ToothLimit", "Window",
    "add_months", "expand_codes", "load_pack", "load_pack_file", "pack_for", "pack_names",
]  # fmt: skip

PACK_DIR = Path(__file__).resolve().parent.parent / "data" / "packs"
DEFAULT_PACK = "default"
SEVERITIES: tuple[Severity, ...] = ("error", "warning")
SCOPES = ("patient", "tooth", "quadrant", "arch")
SAME = ("day", "tooth", "quadrant", "arch")
POSITIONS = ("any", "anterior", "posterior", "premolar", "molar")
DENTITIONS = ("any", "primary", "permanent")


class PackError(ValueError):
    """A pack file that cannot be used; the message says which file, which line and why."""


# --- reading TOML -------------------------------------------------------------------------------

_CODE = re.compile(r"D\d{4}")
_RANGE = re.compile(r"(D\d{4})\s*-\s*D?(\d{4})")
_SECTIONS = (
    "frequency", "age", "conflict", "addon", "narrative", "coverage", "teeth", "tooth_count",
    "quantity",
)  # fmt: skip
# [name] tables of codes, each with a source note: a pack's own, or its parent's when it has none
_CODE_LISTS = (
    "tooth_optional", "tooth_accepted", "arch_only", "area_optional", "removes_tooth",
    "natural_tooth",
)  # fmt: skip
_TOP_KEYS = {
    "name", "title", "about", "extends", "remove", "severity", "payer_ids", *_CODE_LISTS,
    *_SECTIONS,
}  # fmt: skip
_LINE_KEYS = {
    "frequency": {
        "id",
        "label",
        "codes",
        "max",
        "per",
        "scope",
        "severity",
        "source",
        "ended_by",
    },
    "age": {"id", "codes", "min", "max", "severity", "why", "instead", "source"},
    "conflict": {"id", "codes", "with", "same", "severity", "why", "source"},
    "addon": {"id", "codes", "with", "same", "severity", "why", "source"},
    "narrative": {"id", "codes", "severity", "why", "source"},
    "coverage": {"id", "codes", "severity", "why", "source"},
    "teeth": {"id", "codes", "position", "dentition", "severity", "why", "source"},
    "tooth_count": {"id", "codes", "min", "max", "severity", "why", "instead", "source"},
    "quantity": {"id", "codes", "max", "rest", "same", "severity", "why", "fix", "source"},
}


def expand_codes(items: Iterable[str]) -> frozenset[str]:
    """["D0120", "D9991-D9997"] → every code number named, ranges included."""
    out: set[str] = set()
    for item in items:
        text = str(item).strip().upper()
        ranged = _RANGE.fullmatch(text)
        if ranged:
            first, last = int(ranged.group(1)[1:]), int(ranged.group(2))
            if last < first:
                raise ValueError(f"code range {item!r} runs backwards")
            out.update(f"D{n:04d}" for n in range(first, last + 1))
        elif _CODE.fullmatch(text):
            out.add(text)
        else:
            raise ValueError(f"{item!r} is not a code (D0120) or a range (D9991-D9997)")
    return frozenset(out)


class _Reader:
    """Turns one TOML table into typed pack lines, naming the file and line on any problem."""

    def __init__(self, where: str):
        self.where = where

    def fail(self, what: str, line_id: str | None = None) -> PackError:
        at = f" (line {line_id!r})" if line_id else ""
        return PackError(f"{self.where}{at}: {what}")

    def lines(self, doc: Mapping[str, Any], section: str) -> list[dict[str, Any]]:
        raw = doc.get(section, [])
        if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
            raise self.fail(f"[[{section}]] must be a list of tables")
        for item in raw:
            line_id = item.get("id")
            if not isinstance(line_id, str) or not line_id:
                raise self.fail(f"every [[{section}]] line needs an id")
            unknown = set(item) - _LINE_KEYS[section]
            if unknown:
                raise self.fail(f"unknown key(s) {', '.join(sorted(unknown))}", line_id)
            if not str(item.get("source", "")).strip():
                raise self.fail("says nothing in 'source' (where the norm comes from)", line_id)
        return list(raw)

    def codes(self, item: Mapping[str, Any], key: str = "codes") -> frozenset[str]:
        value = item.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(f"'{key}' must be a non-empty list of codes", item.get("id"))
        try:
            return expand_codes(value)
        except ValueError as exc:
            raise self.fail(str(exc), item.get("id")) from None

    def severity(self, item: Mapping[str, Any], default: Severity = "error") -> Severity:
        value = item.get("severity", default)
        for known in SEVERITIES:
            if value == known:
                return known
        raise self.fail(f"severity must be 'error' or 'warning', not {value!r}", item.get("id"))

    def age(self, item: Mapping[str, Any], key: str) -> int | None:
        """A whole number of years (or of teeth) from 0 to 130, or None when not given."""
        value = item.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 130:
            raise self.fail(f"'{key}' must be a whole number from 0 to 130", item.get("id"))
        return value

    def text(self, item: Mapping[str, Any], key: str) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"'{key}' must say something", item.get("id"))
        return value.strip()

    def frequency(self, item: Mapping[str, Any]) -> Frequency:
        line_id = item["id"]
        try:
            window = Window.parse(item.get("per", ""))
        except ValueError as exc:
            raise self.fail(str(exc), line_id) from None
        limit = item.get("max")
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise self.fail("'max' must be a whole number of at least 1", line_id)
        scope = item.get("scope", "patient")
        if scope not in SCOPES:
            raise self.fail(f"scope must be one of {', '.join(SCOPES)}", line_id)
        return Frequency(
            line_id, self.text(item, "label"), self.codes(item), limit, window, scope,
            self.severity(item), item["source"].strip(),
            self.codes(item, "ended_by") if "ended_by" in item else frozenset(),
        )  # fmt: skip

    def bounds(
        self, item: Mapping[str, Any], what: str
    ) -> tuple[int | None, int | None, tuple[str, ...]]:
        """A line's `min` and `max` (at least one) and the codes it offers `instead`."""
        low, high = self.age(item, "min"), self.age(item, "max")
        if low is None and high is None:
            raise self.fail(f"{what} line needs 'min', 'max' or both", item["id"])
        if low is not None and high is not None and low > high:
            raise self.fail(f"'min' ({low}) is more than 'max' ({high})", item["id"])
        instead = tuple(sorted(self.codes(item, "instead"))) if "instead" in item else ()
        return low, high, instead

    def age_limit(self, item: Mapping[str, Any]) -> AgeLimit:
        low, high, instead = self.bounds(item, "an age")
        return AgeLimit(
            item["id"], self.codes(item), low, high, self.severity(item, "warning"),
            self.text(item, "why"), instead, item["source"].strip(),
        )  # fmt: skip

    def conflict(self, item: Mapping[str, Any]) -> Conflict:
        same = item.get("same", "day")
        if same not in SAME:
            raise self.fail("same must be 'day', 'tooth', 'quadrant' or 'arch'", item["id"])
        return Conflict(
            item["id"], self.codes(item), self.codes(item, "with"), same, self.severity(item),
            self.text(item, "why"), item["source"].strip(),
        )  # fmt: skip

    def note(self, item: Mapping[str, Any]) -> CodeNote:
        return CodeNote(
            item["id"], self.codes(item), self.severity(item, "warning"), self.text(item, "why"),
            item["source"].strip(),
        )  # fmt: skip

    def tooth_limit(self, item: Mapping[str, Any]) -> ToothLimit:
        position, dentition = item.get("position", "any"), item.get("dentition", "any")
        if position not in POSITIONS or dentition not in DENTITIONS:
            raise self.fail(
                f"position must be one of {', '.join(POSITIONS)} and dentition one of "
                f"{', '.join(DENTITIONS)}",
                item["id"],
            )
        if position == dentition == "any":
            raise self.fail("a teeth line needs a 'position' or a 'dentition'", item["id"])
        return ToothLimit(
            item["id"], self.codes(item), position, dentition, self.severity(item, "warning"),
            self.text(item, "why"), item["source"].strip(),
        )  # fmt: skip

    def tooth_count(self, item: Mapping[str, Any]) -> ToothCount:
        low, high, instead = self.bounds(item, "a tooth_count")
        return ToothCount(
            item["id"], self.codes(item), low, high, self.severity(item), self.text(item, "why"),
            instead, item["source"].strip(),
        )  # fmt: skip

    def quantity(self, item: Mapping[str, Any]) -> QuantityLimit:
        most = self.age(item, "max")
        if most is None or most < 1:
            raise self.fail("a quantity line needs 'max', a whole number of at least 1", item["id"])
        rest = tuple(sorted(self.codes(item, "rest"))) if "rest" in item else ()
        same = item.get("same", "line")
        if same not in ("line", "day"):
            raise self.fail("same must be 'line' or 'day'", item["id"])
        return QuantityLimit(
            item["id"], self.codes(item), most, rest, same, self.severity(item),
            self.text(item, "why"), item["source"].strip(),
            self.text(item, "fix") if "fix" in item else None,
        )  # fmt: skip

    def code_list(self, doc: Mapping[str, Any], key: str) -> frozenset[str] | None:
        table = doc.get(key)
        if table is None:
            return None
        if not isinstance(table, dict) or not str(table.get("source", "")).strip():
            raise self.fail(f"[{key}] needs 'codes' and a 'source' note")
        return self.codes(table)


def _merge(
    base: list[dict[str, Any]], own: list[dict[str, Any]], drop: set[str]
) -> list[dict[str, Any]]:
    """The base pack's lines with this pack's lines replacing those of the same id."""
    mine = {item["id"]: item for item in own}
    merged = [mine.pop(item["id"], item) for item in base if item["id"] not in drop]
    return merged + [item for item in own if item["id"] in mine]


def _document(path: Path, where: str) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise PackError(f"{where}: no such pack file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{where}: cannot be read ({exc.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{where}: not valid TOML ({exc})") from None


def _resolved(doc: dict[str, Any], where: str, seen: tuple[str, ...]) -> dict[str, Any]:
    """The document with the pack it extends folded in (line by line, by id)."""
    reader = _Reader(where)
    unknown = set(doc) - _TOP_KEYS
    if unknown:
        raise reader.fail(f"unknown key(s) {', '.join(sorted(unknown))}")
    parent = doc.get("extends")
    if parent is None:
        return doc
    if not isinstance(parent, str) or not (PACK_DIR / f"{parent}.toml").is_file():
        raise reader.fail(f"extends {parent!r}, which is not a bundled pack")
    if parent in seen:
        raise reader.fail(f"extends {parent!r}, which extends it back")
    base = _resolved(_document(PACK_DIR / f"{parent}.toml", parent), parent, (*seen, parent))
    inherited = {
        item["id"]: section
        for section in _SECTIONS
        for item in _Reader(parent).lines(base, section)
    }
    drop = doc.get("remove", [])
    if not isinstance(drop, list) or not all(isinstance(i, str) for i in drop):
        raise reader.fail('remove must be a list of line ids, as ["fluoride-children"]')
    if absent := [i for i in drop if i not in inherited]:
        raise reader.fail(
            f"remove names {', '.join(map(repr, absent))}: {parent!r} has no such line"
        )
    for section in _SECTIONS:
        for item in reader.lines(doc, section):
            other = inherited.get(item["id"], section)
            if other != section:
                raise reader.fail(
                    f"{parent!r} has a [[{other}]] line of this id: give this [[{section}]] line "
                    f"another id, or replace that line in [[{other}]]",
                    item["id"],
                )
    out = {**base, **{k: v for k, v in doc.items() if k not in _SECTIONS}}
    out["payer_ids"] = doc.get("payer_ids", [])  # a pack's own payers, never its parent's
    for section in _SECTIONS:
        out[section] = _merge(
            _Reader(parent).lines(base, section), reader.lines(doc, section), set(drop)
        )
    for key in _CODE_LISTS:
        out[key] = doc.get(key, base.get(key))
    out["severity"] = {**base.get("severity", {}), **doc.get("severity", {})}
    return out


def parse_pack(doc: dict[str, Any], where: str, name: str) -> Pack:
    """A Pack from a parsed TOML document (with `extends` resolved against bundled packs)."""
    full = _resolved(doc, where, (name,))
    r = _Reader(where)
    severity = full.get("severity", {})
    if not isinstance(severity, dict):
        raise r.fail("[severity] must map rule ids to 'error' or 'warning'")
    for rule, value in severity.items():  # (its ids are checked by rules.known_severities)
        if value not in SEVERITIES:
            raise r.fail(f"severity of {rule!r} must be 'error' or 'warning', not {value!r}")
    payer_ids = full.get("payer_ids", [])
    if not isinstance(payer_ids, list) or not all(
        isinstance(i, str) and i.strip() for i in payer_ids
    ):
        raise r.fail("payer_ids must be a list of payer ids (strings), as 837D's NM1*PR09")
    seen: set[str] = set()
    for section in _SECTIONS:
        for item in r.lines(full, section):
            if item["id"] in seen:
                raise r.fail("the same id is used twice", item["id"])
            seen.add(item["id"])
    return Pack(
        name=str(full.get("name") or name),
        title=str(full.get("title") or name),
        about=str(full.get("about") or "").strip(),
        frequencies=tuple(r.frequency(i) for i in r.lines(full, "frequency")),
        ages=tuple(r.age_limit(i) for i in r.lines(full, "age")),
        conflicts=tuple(r.conflict(i) for i in r.lines(full, "conflict")),
        addons=tuple(r.conflict(i) for i in r.lines(full, "addon")),
        narratives=tuple(r.note(i) for i in r.lines(full, "narrative")),
        coverage=tuple(r.note(i) for i in r.lines(full, "coverage")),
        teeth=tuple(r.tooth_limit(i) for i in r.lines(full, "teeth")),
        tooth_counts=tuple(r.tooth_count(i) for i in r.lines(full, "tooth_count")),
        quantities=tuple(r.quantity(i) for i in r.lines(full, "quantity")),
        tooth_optional=r.code_list(full, "tooth_optional") or frozenset(),
        tooth_accepted=r.code_list(full, "tooth_accepted") or frozenset(),
        arch_only=r.code_list(full, "arch_only") or frozenset(),
        area_optional=r.code_list(full, "area_optional") or frozenset(),
        removes_tooth=r.code_list(full, "removes_tooth") or frozenset(),
        natural_tooth=r.code_list(full, "natural_tooth") or frozenset(),
        payer_ids=frozenset(i.strip().upper() for i in payer_ids),
        severity=dict(severity),
    )


@lru_cache(maxsize=1)
def _bundled() -> tuple[str, ...]:
    names = sorted(p.stem for p in PACK_DIR.glob("*.toml"))
    return tuple(sorted(names, key=lambda n: n != DEFAULT_PACK))


def pack_names() -> list[str]:
    """The bundled packs, `default` first."""
    return list(_bundled())


@lru_cache(maxsize=32)
def load_pack(name: str = DEFAULT_PACK) -> Pack:
    """A bundled pack by name. Raises PackError when there is none."""
    if name not in _bundled():
        raise PackError(f"no bundled pack {name!r} (there are: {', '.join(pack_names())})")
    path = PACK_DIR / f"{name}.toml"
    return parse_pack(_document(path, name), name, name)


def load_pack_file(path: str | Path) -> Pack:
    """A user's pack file (`--pack FILE`). Raises PackError with what is wrong."""
    p = Path(path)
    return parse_pack(_document(p, p.name), p.name, p.stem)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@lru_cache(maxsize=1024)
def pack_for(payer: str | None, payer_id: str = "") -> Pack:
    """The bundled pack for a claim: the one its `payer` names (the pack's name, or an 837D
    payer's name, NM1*PR03); else the one listing the payer's id (NM1*PR09) in `payer_ids`;
    else the default pack."""
    slug = _slug(payer or "")
    bundled = _bundled()
    if slug and slug != DEFAULT_PACK and slug in bundled:
        return load_pack(slug)
    wanted = payer_id.strip().upper()
    if wanted:
        for name in bundled:
            if wanted in load_pack(name).payer_ids:
                return load_pack(name)
    return load_pack(DEFAULT_PACK)
