"""Strict checks of the bundled dataset. `python -m cdthub.core.validate` prints every problem.

Each problem names the code (or file) at fault so a data error in CI says what to fix.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .codes import AREAS, CATEGORY_BY_SLUG, DENTITIONS, POSITIONS, Category
from .dataset import DATA_DIR, RECORD_FIELDS, Record, read_files

KNOWN_KEYS = set(RECORD_FIELDS)
FILE_KEYS = {"families", "codes", "common_codes"}
GUIDANCE_KEYS = {"use", "avoid", "documentation", "claim", "denials", "instead"}
CODE_RE = re.compile(r"^D\d{4}$")
YEARS = range(1990, 2031)
# A title states what is known; doubt goes in `unconfirmed`, never in the title.
HEDGED_TITLE = re.compile(r"confirm|likely|probabl|possibl|uncertain|\?", re.I)
REVISION_NOTE_MAX = 160
# Guidance coverage (every current code; all six sections for each file's common_codes).
# `--coverage` forces the check where a caller turned it off.
REQUIRE_GUIDANCE = True

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


def _check_record(rec: Record, where: str, families: set[str], category: Category) -> list[str]:
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
    if HEDGED_TITLE.search(rec.get("title") or ""):
        say(f"{code}: title hedges ({rec['title']!r}); put the doubt in unconfirmed")
    if "unconfirmed" in rec and not str(rec["unconfirmed"]).strip():
        say(f"{code}: unconfirmed is empty (leave it out when everything is settled)")
    for year, note in (rec.get("revision_notes") or {}).items():
        if not year.isdigit() or int(year) not in (rec.get("revised") or ()):
            say(f"{code}: revision_notes names {year}, which is not one of its revised years")
        if not str(note).strip() or len(str(note)) > REVISION_NOTE_MAX:
            say(f"{code}: revision note for {year} must be 1-{REVISION_NOTE_MAX} characters")
    if rec.get("area") not in AREAS:
        say(f"{code}: area {rec.get('area')!r} is not one of {', '.join(AREAS)}")
    if "arch" in rec and (rec["arch"] not in ("upper", "lower") or rec.get("area") != "arch"):
        say(f"{code}: arch {rec['arch']!r} must be 'upper' or 'lower', on a code of area 'arch'")
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
    errors += guidance_contradictions(rec)
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


# Guidance lines that say the claim needs no tooth (or does) must agree with the code's area.
_NO_TOOTH = re.compile(r"\bno tooth\b|\btooth (?:number )?is not (?:needed|required)\b", re.I)
_NEEDS_TOOTH = re.compile(
    r"\b(?:give|report|enter|list|needs?|requires?|include|add) (?:the |a |each )?tooth"
    r"(?: number)?s?\b(?! or area)",
    re.I,
)
_NO_AREA = re.compile(r"\bno (?:tooth, surface or )?area\b|\bno quadrant\b|\bno arch\b", re.I)
_ADDED_IN = re.compile(r"\b(?:added|introduced|new) in (?:CDT )?(\d{4})\b", re.I)
TOOTH_AREAS = ("tooth", "surface", "tooth_range")


def guidance_contradictions(rec: Record) -> list[str]:
    """Lines of a record's guidance that contradict its own structural fields."""
    code, area = rec.get("code"), rec.get("area")
    guidance = rec.get("guidance") or {}
    out = []
    for line in guidance.get("claim") or ():
        if area in TOOTH_AREAS and _NO_TOOTH.search(line):
            out.append(f"{code}: claim guidance says no tooth is needed, but the area is {area}")
        if area in ("none", "mouth") and _NEEDS_TOOTH.search(line):
            out.append(f"{code}: claim guidance asks for a tooth, but the area is {area}")
        if area in ("quadrant", "arch", "sextant") and _NO_AREA.search(line):
            out.append(f"{code}: claim guidance says no area is needed, but the area is {area}")
    for section, lines in guidance.items():
        for line in lines:
            for year in _ADDED_IN.findall(line):
                if rec.get("added") and int(year) != rec["added"] and str(code) in line:
                    out.append(f"{code}: {section} says it was added in {year}, not {rec['added']}")
    return out


def coverage_problems(rec: Record, common: bool) -> list[str]:
    """A current code needs `use`, `claim`, and `avoid` or `instead`; a common code all six."""
    if rec.get("deleted"):
        return []
    code = rec.get("code")
    have = {k for k, v in (rec.get("guidance") or {}).items() if v}
    if common:
        missing = sorted(GUIDANCE_KEYS - have)
        return [f"{code}: common code lacks {', '.join(missing)}"] if missing else []
    missing = sorted({"use", "claim"} - have)
    if not have & {"avoid", "instead"}:
        missing.append("avoid or instead")
    return [f"{code}: guidance lacks {', '.join(missing)}"] if missing else []


def validate(directory: Path = DATA_DIR, coverage: bool = REQUIRE_GUIDANCE) -> list[str]:
    """Every problem in the dataset; `coverage` also checks that current codes have guidance."""
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
        for key in set(doc) - FILE_KEYS:
            errors.append(f"{path.name}: unknown top-level key {key!r}")
        common = set(doc.get("common_codes") or ())
        in_file = {rec.get("code") for rec in doc.get("codes", [])}
        for other in sorted(common - in_file):
            errors.append(f"{path.name}: common_codes lists {other}, which is not in this file")
        for i, rec in enumerate(doc.get("codes", [])):
            errors += _check_record(rec, f"{path.name} record {i + 1}", families, category)
            if coverage:
                errors += coverage_problems(rec, rec.get("code") in common)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the bundled dataset.")
    parser.add_argument(
        "--coverage", action="store_true", help="also check guidance coverage (on by default)"
    )
    parser.add_argument("--code-prefix", default="", help="only problems of codes starting so")
    args = parser.parse_args(argv)
    errors = [
        e
        for e in validate(coverage=REQUIRE_GUIDANCE or args.coverage)
        if e.startswith(args.code_prefix)
    ]
    for e in errors:
        print(e)
    print(f"{len(errors)} problem(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
