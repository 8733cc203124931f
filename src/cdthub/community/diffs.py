"""Side-by-side differences between the current and a proposed (or earlier) text of a part of
a code page, as an HTML table (difflib escapes the text; we remove control characters that
difflib uses as its own markers)."""

from __future__ import annotations

import difflib
import re

from django.utils.safestring import SafeString, mark_safe

from . import parts

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _clean(lines: list[str]) -> list[str]:
    return [_CONTROL.sub("", line) for line in lines]


def side_by_side(
    part: str, before, after, *, before_label: str = "Current", after_label: str = "Proposed"
) -> SafeString:
    differ = difflib.HtmlDiff(tabsize=4)
    table = differ.make_table(
        _clean(parts.to_lines(part, before)),
        _clean(parts.to_lines(part, after)),
        fromdesc=_label(before_label),
        todesc=_label(after_label),
    )
    return mark_safe(_tidy(table))  # noqa: S308 - difflib escaped the text


_NEXT_CELL = re.compile(r'<t[dh] class="diff_next"[^>]*>.*?</t[dh]>', re.S)
_IDS = re.compile(r' id="(?:from|to|difflib_chg_)[^"]*"')
_COLGROUPS = re.compile(r"(?:<colgroup></colgroup>\s*)+")
_COLUMNS = '<colgroup><col class="n"><col><col class="n"><col></colgroup>'


def _tidy(table: str) -> str:
    """Drop difflib's navigation column and ids (several tables share a page), and its
    nowrap/&nbsp; so the browser wraps long lines inside the two text columns."""
    table = _NEXT_CELL.sub("", table)
    table = _IDS.sub("", table)
    table = _COLGROUPS.sub(_COLUMNS, table, count=1)
    return table.replace(' nowrap="nowrap"', "").replace("&nbsp;", " ")


def _label(text: str) -> str:
    return re.sub(r"[^\w ,.()-]", "", text)
