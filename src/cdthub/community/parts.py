"""The parts of a code page a reader may propose to change, and the plain-text format of each.

summary   plain text, one paragraph (line breaks are joined).
guidance  a heading line ending in a colon, then one point per line starting with "- ";
          a line without "- " continues the point above it. Headings are the section names
          shown on code pages or their short keys:

              When to use it:
              - Established patients at a recall visit.
              When not to use it:
              - A first visit; use D0150.

          short keys: use, avoid, documentation, claim, denials, instead.
related   one related code a line: the code, then (optionally) a dash or colon and a note:

              D0150 - first visit or after a long gap
              D0140: one problem only

other     free text; an approved one is published as an editor's note, nothing is changed.

`parse()` turns text into the value stored on catalog.models.CodeEntry (or raises PartError
with a message for the reader); `to_text()` does the reverse, for prefilling and diffs.
"""

from __future__ import annotations

import re

from cdthub.core.codes import GUIDANCE_SECTIONS, Catalog, normalize_code

SUMMARY = "summary"
GUIDANCE = "guidance"
RELATED = "related"
OTHER = "other"
FIELD_PARTS = (SUMMARY, GUIDANCE, RELATED)

SUMMARY_MIN, SUMMARY_MAX = 20, 1200
ITEM_MAX = 600
NOTE_MAX = 200
RELATED_MAX = 20
OTHER_MAX = 3000

_SECTION_BY_NAME = {}
for _key, _label in GUIDANCE_SECTIONS:
    _SECTION_BY_NAME[_key] = _key
    _SECTION_BY_NAME[_label.lower()] = _key
_LABELS = dict(GUIDANCE_SECTIONS)
_RELATED_RE = re.compile(r"^(?P<code>[Dd]?\s*\d{4})\b\s*(?:[—–:\-]+\s*)?(?P<note>.*)$")


class PartError(ValueError):
    """The text does not follow the part's format; the message says what to fix."""


def value_of(entry, part: str):
    """The current value of a part on a CodeEntry (None for 'other')."""
    if part not in FIELD_PARTS:
        return None
    return getattr(entry, part)


def to_text(part: str, value) -> str:
    if part == SUMMARY:
        return value or ""
    if part == GUIDANCE:
        blocks = []
        for key, label in GUIDANCE_SECTIONS:
            items = (value or {}).get(key) or []
            if items:
                blocks.append(f"{label}:\n" + "\n".join(f"- {item}" for item in items))
        return "\n".join(blocks)
    if part == RELATED:
        lines = []
        for r in value or []:
            lines.append(f"{r['code']} - {r['note']}" if r.get("note") else r["code"])
        return "\n".join(lines)
    return value or ""


def to_lines(part: str, value) -> list[str]:
    """The value split into lines for a side-by-side diff (a summary: one sentence a line)."""
    text = to_text(part, value)
    if part in (SUMMARY, OTHER):
        return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s] if text.strip() else []
    return text.splitlines()


def parse(part: str, text: str, code: str, catalog: Catalog | None = None):
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if part == SUMMARY:
        return _parse_summary(text)
    if part == GUIDANCE:
        return _parse_guidance(text)
    if part == RELATED:
        return _parse_related(text, code, catalog)
    if part == OTHER:
        text = text.strip()
        if not text:
            raise PartError("Write what should change.")
        if len(text) > OTHER_MAX:
            raise PartError(f"Keep it under {OTHER_MAX} characters.")
        return text
    raise PartError("Choose which part of the page to change.")


def _parse_summary(text: str) -> str:
    summary = " ".join(text.split())
    if len(summary) < SUMMARY_MIN:
        raise PartError(f"A summary needs at least {SUMMARY_MIN} characters.")
    if len(summary) > SUMMARY_MAX:
        raise PartError(f"A summary is at most {SUMMARY_MAX} characters (this is {len(summary)}).")
    return summary


def _parse_guidance(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        if line[:1] in "-*•" and line[1:2] in (" ", ""):
            if current is None:
                raise PartError(
                    f"Line {n}: put a heading such as “When to use it:” above the first point."
                )
            item = line[1:].strip()
            if item:
                current.append(item)
            continue
        if line.endswith(":") and line[:-1].strip().lower() in _SECTION_BY_NAME:
            key = _SECTION_BY_NAME[line[:-1].strip().lower()]
            if key in sections:
                raise PartError(f"Line {n}: the section “{_LABELS[key]}” appears twice.")
            current = sections[key] = []
            continue
        if line.endswith(":") and len(line) < 60:
            names = ", ".join(f"“{label}:”" for _, label in GUIDANCE_SECTIONS)
            raise PartError(f"Line {n}: “{line[:60]}” is not a section. Use one of {names}.")
        if current:
            current[-1] = f"{current[-1]} {line}"
        elif current is None:
            raise PartError(f"Line {n}: start with a heading such as “When to use it:”.")
        else:
            current.append(line)
    guidance = {key: items for key, items in sections.items() if items}
    if not guidance:
        raise PartError("Add at least one point under a heading.")
    for key, items in guidance.items():
        for item in items:
            if len(item) > ITEM_MAX:
                raise PartError(
                    f"A point under “{_LABELS[key]}” is longer than {ITEM_MAX} "
                    "characters; split it."
                )
    return {key: guidance[key] for key, _ in GUIDANCE_SECTIONS if key in guidance}


def _parse_related(text: str, code: str, catalog: Catalog | None) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip().lstrip("-*• ").strip()
        if not line:
            continue
        m = _RELATED_RE.match(line)
        other = normalize_code(m.group("code").replace(" ", "")) if m else None
        if not other:
            raise PartError(f"Line {n}: start the line with a code such as D0150.")
        if other == code:
            raise PartError(f"Line {n}: a code cannot be related to itself.")
        if catalog is not None and catalog.get(other) is None:
            raise PartError(f"Line {n}: {other} is not a CDT code in the dataset.")
        if other in seen:
            raise PartError(f"Line {n}: {other} is listed twice.")
        note = m.group("note").strip()
        if len(note) > NOTE_MAX:
            raise PartError(f"Line {n}: keep the note under {NOTE_MAX} characters.")
        seen.add(other)
        out.append({"code": other, "note": note})
    if not out:
        raise PartError("List at least one code, one a line.")
    if len(out) > RELATED_MAX:
        raise PartError(f"List at most {RELATED_MAX} related codes.")
    return out
