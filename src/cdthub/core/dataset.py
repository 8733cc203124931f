"""Reading the bundled dataset (TOML files in core/data/codes/) into a Catalog.

The loader is lenient (a record with missing text still loads, so pages work while the data
grows); `cdthub.core.validate` is strict and runs in the test suite.
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from .codes import Catalog, Code, Family, Related, Surfaces, Teeth, category_for

DATA_DIR = Path(__file__).parent / "data" / "codes"
Record = dict[str, Any]  # one code's record as the TOML files (and CodeEntry rows) hold it

# The fields of one dataset record (and of a catalog.models.CodeEntry row), in file order.
RECORD_FIELDS = (
    "code", "family", "title", "summary", "area", "arch", "teeth", "surfaces", "unit", "by_report",
    "added", "revised", "deleted", "replaced_by", "terms", "related", "guidance",
    "revision_notes", "unconfirmed",
)  # fmt: skip


def dataset_files(directory: Path = DATA_DIR) -> list[Path]:
    return sorted(directory.glob("*.toml"))


def read_files(directory: Path = DATA_DIR) -> list[tuple[Path, Record]]:
    """Each dataset file with its parsed TOML document."""
    out = []
    for path in dataset_files(directory):
        with path.open("rb") as f:
            out.append((path, tomllib.load(f)))
    return out


def code_from_record(rec: Record) -> Code:
    """One TOML record → Code. Also used by the database layer, whose rows hold the same keys."""
    code = rec["code"]
    teeth = rec.get("teeth")
    surfaces = rec.get("surfaces")
    return Code(
        code=code,
        title=rec.get("title") or "",
        summary=rec.get("summary") or "",
        category=category_for(code).slug,
        family=rec.get("family") or "",
        area=rec.get("area") or "none",
        arch=rec.get("arch") or None,
        teeth=Teeth(teeth.get("position", "any"), teeth.get("dentition", "any")) if teeth else None,
        surfaces=Surfaces(int(surfaces["min"]), surfaces.get("max")) if surfaces else None,
        unit=rec.get("unit") or "",
        by_report=bool(rec.get("by_report", False)),
        added=rec.get("added"),
        revised=tuple(sorted(rec.get("revised") or ())),
        deleted=rec.get("deleted"),
        replaced_by=tuple(rec.get("replaced_by") or ()),
        terms=tuple(rec.get("terms") or ()),
        related=tuple(Related(r["code"], r.get("note", "")) for r in rec.get("related") or ()),
        guidance={k: tuple(v) for k, v in (rec.get("guidance") or {}).items() if v},
        revision_notes={int(y): str(t) for y, t in (rec.get("revision_notes") or {}).items()},
        unconfirmed=rec.get("unconfirmed") or "",
    )


def records_and_families(directory: Path = DATA_DIR) -> tuple[list[Record], list[Family]]:
    records: list[Record] = []
    families: list[Family] = []
    for path, doc in read_files(directory):
        slug = path.stem.split("-", 1)[1]
        for i, fam in enumerate(doc.get("families", [])):
            families.append(Family(fam["slug"], fam["name"], slug, i))
        records.extend(doc.get("codes", []))
    return records, families


def fingerprint(directory: Path = DATA_DIR) -> str:
    """The bundled data's version: its files, and the fields a record has (a new field means
    the database's rows must be written again, even when no file changed)."""
    h = hashlib.sha256(",".join(RECORD_FIELDS).encode())
    for path in dataset_files(directory):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=4)
def load_catalog(directory: Path = DATA_DIR) -> Catalog:
    """The bundled dataset as a Catalog (cached: it is immutable)."""
    records, families = records_and_families(directory)
    return Catalog((code_from_record(r) for r in records), families, version=fingerprint(directory))
