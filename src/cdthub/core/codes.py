"""The CDT domain: codes, categories, families, editions and the Catalog that holds them all.

Pure Python; nothing here imports Django. A Catalog is an immutable snapshot: build it once
(from the bundled dataset or from the database) and share it between threads.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .teeth import AREA_CODE_OF

AREAS = ("none", "tooth", "surface", "quadrant", "arch", "sextant", "mouth", "tooth_range")
POSITIONS = ("any", "anterior", "posterior", "premolar", "molar")
DENTITIONS = ("any", "primary", "permanent")
FIRST_TRACKED_YEAR = (
    2005  # the sources replay ADA editions from here on; earlier codes carry no "added"
)


@dataclass(frozen=True, slots=True)
class Category:
    number: int
    slug: str
    name: str
    start: int
    end: int

    @property
    def range_label(self) -> str:
        return f"D{self.start:04d}–D{self.end:04d}"

    def holds(self, code: str) -> bool:
        return self.start <= int(code[1:]) <= self.end


CATEGORIES: tuple[Category, ...] = tuple(
    Category(i + 1, slug, name, start, end)
    for i, (slug, name, start, end) in enumerate(
        [
            ("diagnostic", "Diagnostic", 0, 999),
            ("preventive", "Preventive", 1000, 1999),
            ("restorative", "Restorative", 2000, 2999),
            ("endodontics", "Endodontics", 3000, 3999),
            ("periodontics", "Periodontics", 4000, 4999),
            ("prosthodontics-removable", "Prosthodontics, removable", 5000, 5899),
            ("maxillofacial-prosthetics", "Maxillofacial prosthetics", 5900, 5999),
            ("implant-services", "Implant services", 6000, 6199),
            ("prosthodontics-fixed", "Prosthodontics, fixed", 6200, 6999),
            ("oral-and-maxillofacial-surgery", "Oral and maxillofacial surgery", 7000, 7999),
            ("orthodontics", "Orthodontics", 8000, 8999),
            ("adjunctive-general-services", "Adjunctive general services", 9000, 9999),
        ]
    )
)
CATEGORY_BY_SLUG = {c.slug: c for c in CATEGORIES}


def category_for(code: str) -> Category:
    """The category of service whose code range holds `code` (a normalised code)."""
    n = int(code[1:])
    for category in CATEGORIES:
        if category.start <= n <= category.end:
            return category
    raise ValueError(f"{code} is outside every category")  # pragma: no cover - ranges cover 0-9999


_CODE_RE = re.compile(r"^\s*[dD]?\s*-?\s*([0-9]{4})\s*$")


def normalize_code(text: str) -> str | None:
    """'d9992', '9992', ' D 9992 ' → 'D9992'; anything that is not a CDT code number → None."""
    if not isinstance(text, str):
        return None
    m = _CODE_RE.match(text)
    return f"D{m.group(1)}" if m else None


@dataclass(frozen=True, slots=True)
class Family:
    slug: str
    name: str
    category: str
    order: int = 0

    @property
    def key(self) -> str:
        return f"{self.category}:{self.slug}"


@dataclass(frozen=True, slots=True)
class Teeth:
    position: str = "any"
    dentition: str = "any"

    def describe(self) -> str:
        parts = []
        if self.dentition != "any":
            parts.append(f"{self.dentition} teeth")
        if self.position != "any":
            parts.append(f"{self.position} teeth" if not parts else f"({self.position})")
        return " ".join(parts) or "any tooth"


@dataclass(frozen=True, slots=True)
class Surfaces:
    min: int
    max: int | None

    def describe(self) -> str:
        if self.max is None:
            return f"{self.min} or more surfaces"
        if self.min == self.max:
            return f"{self.min} surface" + ("s" if self.min > 1 else "")
        return f"{self.min} to {self.max} surfaces"


@dataclass(frozen=True, slots=True)
class Related:
    code: str
    note: str


GUIDANCE_SECTIONS = (
    ("use", "When to use it"),
    ("avoid", "When not to use it"),
    ("documentation", "What the record should show"),
    ("claim", "What the claim line needs"),
    ("denials", "Common reasons for denial"),
    ("instead", "Look-alike situations"),
)


@dataclass(frozen=True, slots=True)
class Official:
    """The ADA's own text for a code, present only after a licensed file was imported."""

    edition: int
    nomenclature: str
    descriptor: str


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    title: str
    summary: str
    category: str
    family: str = ""
    area: str = "none"
    arch: str | None = None  # "upper" or "lower" when the code itself names the arch
    teeth: Teeth | None = None
    surfaces: Surfaces | None = None
    unit: str = ""
    by_report: bool = False
    added: int | None = None
    revised: tuple[int, ...] = ()
    deleted: int | None = None
    replaced_by: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()
    guidance: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # what changed in a revision, in our words: {year: phrase}; a revised year may have none
    revision_notes: Mapping[int, str] = field(default_factory=dict)
    # what is not yet confirmed about this code, and where its facts came from ("" when settled)
    unconfirmed: str = ""
    official: Official | None = None

    @property
    def number(self) -> int:
        return int(self.code[1:])

    def valid_in(self, year: int) -> bool:
        """True when the code is part of the CDT edition of `year` (editions start on 1 January)."""
        if self.added is not None and year < self.added:
            return False
        return self.deleted is None or year < self.deleted

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_in(day.year)

    @property
    def is_deleted(self) -> bool:
        return self.deleted is not None

    def revisions(self) -> list[dict[str, Any]]:
        """Each revision year with what changed (None when our sources do not say)."""
        return [{"year": y, "what": self.revision_notes.get(y)} for y in self.revised]

    def guidance_sections(self) -> list[tuple[str, tuple[str, ...]]]:
        return [
            (label, self.guidance[key])
            for key, label in GUIDANCE_SECTIONS
            if self.guidance.get(key)
        ]

    def to_dict(self) -> dict[str, Any]:
        """The code as the API and `--json` show it (DESIGN.md's contract; fields may be added)."""
        return {
            "code": self.code,
            "title": self.title,
            "summary": self.summary,
            "category": self.category,
            "family": self.family,
            "area": self.area,
            "arch": self.arch,
            "teeth": {"position": self.teeth.position, "dentition": self.teeth.dentition}
            if self.teeth
            else None,
            "surfaces": {"min": self.surfaces.min, "max": self.surfaces.max}
            if self.surfaces
            else None,
            "unit": self.unit or None,
            "by_report": self.by_report,
            "added": self.added,
            "revised": list(self.revised),
            "revisions": self.revisions(),
            "deleted": self.deleted,
            "replaced_by": list(self.replaced_by),
            "terms": list(self.terms),
            "related": [{"code": r.code, "note": r.note} for r in self.related],
            "guidance": {k: list(v) for k, v in self.guidance.items() if v} or None,
            "unconfirmed": self.unconfirmed or None,
            "official": {
                "edition": self.official.edition,
                "nomenclature": self.official.nomenclature,
                "descriptor": self.official.descriptor,
                "source": "American Dental Association (licensed import)",
            }
            if self.official
            else None,
            "source": "ada" if self.official else "cdthub",
        }


@dataclass(frozen=True, slots=True)
class Changes:
    start: int
    end: int
    added: tuple[Code, ...]
    revised: tuple[Code, ...]
    deleted: tuple[Code, ...]

    def revised_with_notes(self) -> list[tuple[Code, str | None]]:
        """Each revised code with what changed in these editions (None when not recorded)."""
        span = range(self.start + 1, self.end + 1)
        return [
            (
                c,
                "; ".join(
                    c.revision_notes[y] for y in c.revised if y in span and y in c.revision_notes
                )
                or None,
            )
            for c in self.revised
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.start,
            "to": self.end,
            "added": [c.to_dict() for c in self.added],
            "revised": [
                {**c.to_dict(), "what_changed": note} for c, note in self.revised_with_notes()
            ],
            "deleted": [c.to_dict() for c in self.deleted],
        }


class UnknownEdition(LookupError):
    """A CDT year the catalog holds no edition for; the message says which years it holds."""

    def __init__(self, year: int, years: Sequence[int]):
        self.year = year
        super().__init__(
            f"No CDT edition {year} in the dataset: editions run {years[0]}-{years[-1]}."
        )


class Catalog:
    """Every code the dataset knows, current and deleted, with lookups and edition logic."""

    def __init__(self, codes: Iterable[Code], families: Iterable[Family] = (), version: str = ""):
        self._codes: dict[str, Code] = {c.code: c for c in sorted(codes, key=lambda c: c.code)}
        self.families: dict[str, Family] = {f.key: f for f in families}
        self.version = version
        self.current_year = max(
            [y for c in self._codes.values() for y in (c.added, c.deleted, *c.revised) if y]
            or [2026]
        )
        self._current = [c for c in self._codes.values() if c.valid_in(self.current_year)]
        self._position = {c.code: i for i, c in enumerate(self._current)}

    # lookups -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(self._codes.values())

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and normalize_code(code) in self._codes

    def get(self, code: str) -> Code | None:
        key = normalize_code(code)
        return self._codes.get(key) if key else None

    def current(self) -> list[Code]:
        """Codes of the latest edition, in code order."""
        return list(self._current)

    def edition(self, year: int) -> list[Code]:
        """The codes of the CDT edition of `year`; UnknownEdition when there is none."""
        self.check_year(year)
        return [c for c in self._codes.values() if c.valid_in(year)]

    def years(self) -> list[int]:
        first = min([c.added for c in self._codes.values() if c.added] or [self.current_year])
        return list(range(min(first, FIRST_TRACKED_YEAR), self.current_year + 1))

    def check_year(self, year: int) -> int:
        """`year` when the catalog holds its edition; otherwise UnknownEdition."""
        years = self.years()
        if year not in years:
            raise UnknownEdition(year, years)
        return year

    def in_category(self, slug: str, year: int | None = None) -> list[Code]:
        year = year or self.current_year
        return [c for c in self._codes.values() if c.category == slug and c.valid_in(year)]

    def family_name(self, code: Code) -> str:
        fam = self.families.get(f"{code.category}:{code.family}")
        return fam.name if fam else code.family.replace("-", " ").capitalize()

    def grouped(self, slug: str) -> list[tuple[str, list[Code]]]:
        """Current codes of one category grouped by family, families in their dataset order."""
        groups: dict[str, list[Code]] = {}
        for c in self.in_category(slug):
            groups.setdefault(c.family, []).append(c)
        order = {f.slug: f.order for f in self.families.values() if f.category == slug}
        return [
            (self.family_name(codes[0]), codes)
            for _, codes in sorted(
                groups.items(), key=lambda kv: (order.get(kv[0], 999), kv[1][0].code)
            )
        ]

    def neighbours(self, code: Code) -> tuple[Code | None, Code | None]:
        """The previous and next code of the current edition (a deleted code: its nearest)."""
        codes = self._current
        i = self._position.get(code.code)
        if i is None:
            later = [j for j, c in enumerate(codes) if c.code > code.code]
            i_next = later[0] if later else None
            prev = codes[i_next - 1] if i_next else (codes[-1] if codes and not later else None)
            return prev, codes[i_next] if i_next is not None else None
        return (codes[i - 1] if i > 0 else None, codes[i + 1] if i + 1 < len(codes) else None)

    def nearest(self, text: str, limit: int = 5) -> list[Code]:
        """Codes whose numbers are closest to what was typed, for 'did you mean' answers."""
        digits = re.sub(r"\D", "", text or "")[:4]
        if not digits:
            return []
        target = int(digits.ljust(4, "0"))
        pool = self._current or list(self._codes.values())
        # same first three digits first, then by numeric distance
        ranked = sorted(
            pool,
            key=lambda c: (not c.code[1:].startswith(digits[:3]), abs(c.number - target), c.code),
        )
        return ranked[:limit]

    # editions ------------------------------------------------------------------------------
    def valid_on(self, code: str, day: dt.date) -> bool:
        found = self.get(code)
        return bool(found and found.valid_on(day))

    def changes(self, start: int, end: int) -> Changes:
        """What changed after edition `start` up to and including edition `end`: UnknownEdition
        for a year the catalog does not hold, ValueError when `end` comes before `start`."""
        self.check_year(start)
        self.check_year(end)
        if end < start:
            raise ValueError("the first year must not be after the second")
        return self._changes(start, end)

    def changes_in(self, year: int) -> Changes:
        """What the edition of `year` changed (UnknownEdition when there is none)."""
        return self._changes(self.check_year(year) - 1, year)

    def _changes(self, start: int, end: int) -> Changes:
        span = range(start + 1, end + 1)
        added = tuple(c for c in self if c.added in span)
        deleted = tuple(c for c in self if c.deleted in span)
        revised = tuple(
            c
            for c in self
            if any(y in span for y in c.revised) and c not in added and c not in deleted
        )
        return Changes(start, end, added, revised, deleted)

    def with_official(self, texts: Mapping[str, Official]) -> Catalog:
        """A copy whose codes carry the imported ADA text where there is one."""
        codes = [replace(c, official=texts.get(c.code)) for c in self]
        return Catalog(codes, self.families.values(), self.version)


AREA_NEEDS = {
    "none": "No tooth, surface or area: the code alone identifies the service.",
    "tooth": "A tooth number.",
    "surface": "A tooth number and the surfaces treated (M, O, D, B/F, L, I).",
    "quadrant": "The quadrant (UR, UL, LL or LR).",
    "arch": "The arch (upper or lower).",
    "sextant": "The sextant.",
    "mouth": "Nothing beyond the code: it covers the whole mouth.",
    "tooth_range": "The range of teeth involved (for example 3-5).",
}


def claim_needs(code: Code) -> list[str]:
    """What a claim line for `code` must carry, in plain words."""
    if code.area == "arch" and code.arch:
        area = AREA_CODE_OF[code.arch]
        needs = [
            f"The code itself names the {code.arch} arch: area {area} where a payer asks for one."
        ]
    else:
        needs = [AREA_NEEDS.get(code.area, code.area)]
    if code.teeth and (code.teeth.position != "any" or code.teeth.dentition != "any"):
        needs.append(f"Fits {code.teeth.describe()} only.")
    if code.surfaces:
        needs.append(f"Surfaces: {code.surfaces.describe()}.")
    if code.unit:
        needs.append(f"One unit is one {code.unit}.")
    if code.by_report:
        needs.append("A narrative (by report): explain what was done and why.")
    return needs
