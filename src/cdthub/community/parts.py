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

resource  a link to learn more, one "Name: value" a line (Kind, Title, Link, Source, Note):

              Kind: Video
              Title: Explaining care coordination to patients
              Link: https://example.org/care-coordination
              Source: Example Dental Society
              Note: Five minutes, for front-desk staff.

          an approved one is added to the code's "Learn more" links (resources.py).
other     free text; an approved one is published as an editor's note, nothing is changed.

`parse()` turns text into the value stored on catalog.models.CodeEntry (or raises PartError
with a message for the reader); `to_text()` does the reverse, for prefilling and diffs.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from cdthub.core.codes import GUIDANCE_SECTIONS, Catalog, normalize_code

SUMMARY = "summary"
GUIDANCE = "guidance"
RELATED = "related"
RESOURCE = "resource"
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
    if part == RESOURCE:
        if not value:
            return ""
        kind = dict(RESOURCE_KINDS).get(value.get("kind", ""), value.get("kind", ""))
        fields = [("Kind", kind), *((label, value.get(key, "")) for key, label in _RESOURCE_LINES)]
        return "\n".join(f"{label}: {v}" for label, v in fields if v)
    return value or ""


def to_lines(part: str, value) -> list[str]:
    """The value split into lines for a side-by-side diff (a summary: one sentence a line)."""
    if isinstance(value, str) and part in (GUIDANCE, RELATED, RESOURCE):  # text not parsed
        return value.splitlines()
    if part == RESOURCE and isinstance(value, list):  # a code's whole list of links
        kinds = dict(RESOURCE_KINDS)
        return [
            f"{kinds.get(r.get('kind', ''), 'Link')}: {r.get('title', '')} <{r.get('url', '')}>"
            f" ({r.get('source', '')}){' – ' + r['note'] if r.get('note') else ''}"
            for r in value
        ]
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
    if part == RESOURCE:
        return _parse_resource(text)
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


# guidance, one section at a time (the suggest form edits one section's lines) ---------------
def section_label(key: str) -> str:
    return _LABELS.get(key, key)


def with_section(guidance: dict | None, key: str, lines: list[str]) -> dict[str, list[str]]:
    """The guidance with one section's points replaced by `lines` (blank ones dropped); the
    sections keep the order code pages show them in."""
    out = {k: list(v) for k, v in (guidance or {}).items()}
    kept = [" ".join(line.split()) for line in lines if line.strip()]
    if kept:
        out[key] = kept
    else:
        out.pop(key, None)
    return {k: out[k] for k, _ in GUIDANCE_SECTIONS if k in out}


# a link to learn more ----------------------------------------------------------------------
RESOURCE_KINDS = (
    ("video", "Video"),
    ("article", "Article"),
    ("payer_policy", "Payer policy"),
    ("ada_guide", "ADA guide"),
    ("other", "Other"),
)
_RESOURCE_LINES = (("title", "Title"), ("url", "Link"), ("source", "Source"), ("note", "Note"))
_RESOURCE_NAMES = {"kind": "kind", **{label.lower(): key for key, label in _RESOURCE_LINES}}
_RESOURCE_NAMES.update({"url": "url", "address": "url", "publisher": "source"})
_KIND_BY_NAME = {**{k: k for k, _ in RESOURCE_KINDS}, **{v.lower(): k for k, v in RESOURCE_KINDS}}
RESOURCE_LIMITS = {"title": 200, "url": 500, "source": 120, "note": 200}
_http_url = URLValidator(schemes=["http", "https"])


def check_url(url: str) -> str:
    url = url.strip()
    try:
        _http_url(url)
    except ValidationError:
        raise PartError(
            "Give the full address of the page, starting with https:// (or http://)."
        ) from None
    return url


def _parse_resource(text: str) -> dict[str, str]:
    value = {"kind": "other", "title": "", "url": "", "source": "", "note": ""}
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            continue
        name, colon, rest = line.partition(":")
        key = _RESOURCE_NAMES.get(name.strip().lower()) if colon else None
        if key is None:
            raise PartError(
                f"Line {n}: start the line with Kind:, Title:, Link:, Source: or Note:."
            )
        value[key] = " ".join(rest.split())
    kind = _KIND_BY_NAME.get(value["kind"].lower())
    if kind is None:
        names = ", ".join(label for _, label in RESOURCE_KINDS)
        raise PartError(f"Kind: use one of {names}.")
    value["kind"] = kind
    if not value["title"]:
        raise PartError("Give the link a title.")
    if not value["url"]:
        raise PartError("Give the address of the page (Link: https://…).")
    value["url"] = check_url(value["url"])
    if not value["source"]:
        raise PartError("Say who published it (Source:).")
    for key, limit in RESOURCE_LIMITS.items():
        if len(value[key]) > limit:
            raise PartError(f"{key.capitalize()}: keep it under {limit} characters.")
    return value
