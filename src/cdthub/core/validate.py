"""Strict checks of the bundled dataset. `python -m cdthub.core.validate` prints every problem.

Each problem names the code (or file) at fault so a data error in CI says what to fix.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .codes import AREAS, CATEGORY_BY_SLUG, DENTITIONS, POSITIONS
from .dataset import DATA_DIR, RECORD_FIELDS, read_files

KNOWN_KEYS = set(RECORD_FIELDS)
GUIDANCE_KEYS = {"use", "avoid", "documentation", "claim", "denials", "instead"}
CODE_RE = re.compile(r"^D\d{4}$")
YEARS = range(1990, 2031)

# Surface series that must stay consistent: code → (position, min, max)
SURFACE_SERIES = {
    "D2140": ("any", 1, 1),
    "D2150": ("any", 2, 2),
    "D2160": ("any", 3, 3),
    "D2161": ("any", 4, None),
    "D2330": ("anterior", 1, 1),
    "D2331": ("anterior", 2, 2),
    "D2332": ("anterior", 3, 3),
    "D2391": ("posterior", 1, 1),
    "D2392": ("posterior", 2, 2),
    "D2393": ("posterior", 3, 3),
    "D2394": ("posterior", 4, None),
}

# Facts a claim depends on, checked so an edit cannot silently break them:
# code → (area, teeth position or None, dentition or None)
KNOWN_FACTS = {
    "D0120": ("none", None, None),
    "D0150": ("none", None, None),
    "D9992": ("none", None, None),
    "D1110": ("mouth", None, None),
    "D1120": ("mouth", None, None),
    "D4355": ("mouth", None, None),
    "D4341": ("quadrant", None, None),
    "D4342": ("quadrant", None, None),
    "D5110": ("arch", None, None),
    "D5120": ("arch", None, None),
    "D3310": ("tooth", "anterior", None),
    "D3320": ("tooth", "premolar", None),
    "D3330": ("tooth", "molar", None),
    "D3346": ("tooth", "anterior", None),
    "D3347": ("tooth", "premolar", None),
    "D3348": ("tooth", "molar", None),
    "D2930": ("tooth", None, "primary"),
    "D2931": ("tooth", None, "permanent"),
    "D7111": ("tooth", None, "primary"),
    "D7140": ("tooth", None, None),
    "D7210": ("tooth", None, None),
    "D2740": ("tooth", None, None),
    "D2950": ("tooth", None, None),
}


def _check_record(rec: dict, where: str, families: set[str], category) -> list[str]:
    errors: list[str] = []
    code = rec.get("code", "?")
    say = errors.append
    if not isinstance(code, str) or not CODE_RE.match(code):
        return [f"{where}: malformed code {code!r} (expected D and four digits)"]
    if not category.holds(code):
        say(f"{code}: outside {category.slug} ({category.range_label})")
    for key in set(rec) - KNOWN_KEYS:
        say(f"{code}: unknown field {key!r}")
    if rec.get("family") not in families:
        say(f"{code}: family {rec.get('family')!r} is not one of this file's families")
    for key in ("title", "summary"):
        if not str(rec.get(key) or "").strip():
            say(f"{code}: {key} is missing")
    if len(rec.get("title") or "") > 90:
        say(f"{code}: title longer than 90 characters")
    if rec.get("area") not in AREAS:
        say(f"{code}: area {rec.get('area')!r} is not one of {', '.join(AREAS)}")
    teeth = rec.get("teeth")
    if teeth is not None:
        if teeth.get("position", "any") not in POSITIONS:
            say(f"{code}: teeth.position {teeth.get('position')!r} is not one of {POSITIONS}")
        if teeth.get("dentition", "any") not in DENTITIONS:
            say(f"{code}: teeth.dentition {teeth.get('dentition')!r} is not one of {DENTITIONS}")
        if rec.get("area") not in ("tooth", "surface", "tooth_range"):
            say(f"{code}: teeth given but area {rec.get('area')!r} names no tooth")
    surfaces = rec.get("surfaces")
    if surfaces is not None:
        lo, hi = surfaces.get("min"), surfaces.get("max")
        if (
            not isinstance(lo, int)
            or lo < 1
            or (hi is not None and (not isinstance(hi, int) or hi < lo))
        ):
            say(f"{code}: surfaces {surfaces} must have 1 <= min <= max")
        if rec.get("area") != "surface":
            say(f"{code}: surfaces given but area is {rec.get('area')!r}, not 'surface'")
    for key in ("added", "deleted"):
        if rec.get(key) is not None and rec[key] not in YEARS:
            say(f"{code}: {key} {rec[key]!r} is not a plausible year")
    if any(y not in YEARS for y in rec.get("revised") or ()):
        say(f"{code}: revised holds an implausible year")
    if rec.get("added") and rec.get("deleted") and rec["deleted"] <= rec["added"]:
        say(f"{code}: deleted ({rec['deleted']}) is not after added ({rec['added']})")
    if rec.get("replaced_by") and not rec.get("deleted"):
        say(f"{code}: replaced_by given but the code is not deleted")
    for key in set(rec.get("guidance") or {}) - GUIDANCE_KEYS:
        say(f"{code}: unknown guidance section {key!r}")
    for r in rec.get("related") or ():
        if not CODE_RE.match(str(r.get("code", ""))):
            say(f"{code}: related entry {r} has no valid code")
        elif r["code"] == code:
            say(f"{code}: relates to itself")
    if code in KNOWN_FACTS:
        area, position, dentition = KNOWN_FACTS[code]
        got = teeth or {}
        if rec.get("area") != area:
            say(f"{code}: area must be {area!r}, not {rec.get('area')!r}")
        if position and got.get("position") != position:
            say(f"{code}: must be limited to {position} teeth")
        if dentition and got.get("dentition") != dentition:
            say(f"{code}: must be limited to {dentition} teeth")
    if code in SURFACE_SERIES:
        pos, lo, hi = SURFACE_SERIES[code]
        got = surfaces or {}
        if rec.get("area") != "surface" or got.get("min") != lo or got.get("max") != hi:
            say(f"{code}: must be area 'surface' with surfaces min {lo}, max {hi}")
        if pos != "any" and (teeth or {}).get("position") != pos:
            say(f"{code}: must be limited to {pos} teeth")
    return errors


def validate(directory: Path = DATA_DIR) -> list[str]:
    errors: list[str] = []
    seen: dict[str, str] = {}
    all_records = []
    files = read_files(directory)
    slugs_found = set()
    for path, doc in files:
        slug = path.stem.split("-", 1)[1] if "-" in path.stem else path.stem
        category = CATEGORY_BY_SLUG.get(slug)
        if category is None:
            errors.append(f"{path.name}: file name does not end with a category slug")
            continue
        slugs_found.add(slug)
        families = {f.get("slug") for f in doc.get("families", [])}
        if not families:
            errors.append(f"{path.name}: no [[families]] declared")
        for i, rec in enumerate(doc.get("codes", [])):
            errors += _check_record(rec, f"{path.name} record {i + 1}", families, category)
            code = rec.get("code")
            if code in seen:
                errors.append(f"{code}: listed twice ({seen[code]} and {path.name})")
            seen[str(code)] = path.name
            all_records.append(rec)
    for slug in set(CATEGORY_BY_SLUG) - slugs_found:
        errors.append(f"no dataset file for category {slug}")
    for rec in all_records:
        for r in rec.get("related") or ():
            if r.get("code") not in seen:
                errors.append(f"{rec['code']}: related code {r.get('code')} is not in the dataset")
        for other in rec.get("replaced_by") or ():
            if other not in seen:
                errors.append(f"{rec['code']}: replacement {other} is not in the dataset")
    return errors


def main() -> int:
    errors = validate()
    for e in errors:
        print(e)
    print(f"{len(errors)} problem(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
