"""Differences between the current and a proposed (or earlier) text of a part of a code page,
as HTML tables: `changes()` shows only the changed lines with a little context (the editors'
review), `side_by_side()` both texts whole (a page's history). difflib finds the changes; the
text is escaped (side_by_side: by difflib, after removing control characters it uses as its own
markers; changes: by format_html)."""

from __future__ import annotations

import difflib
import re

from django.utils.html import conditional_escape, format_html, format_html_join
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


CONTEXT = 2  # unchanged lines shown around a change


def changes(part: str, before, after, *, context: int = CONTEXT) -> SafeString:
    """Only what changed from `before` to `after`, line by line, with `context` unchanged lines
    around each change and a gap marker between distant changes."""
    old, new = _clean(parts.to_lines(part, before)), _clean(parts.to_lines(part, after))
    groups = difflib.SequenceMatcher(None, old, new, autojunk=False).get_grouped_opcodes(context)
    rows: list[tuple[str, str, str, str]] = []
    for g, group in enumerate(groups):
        if g:
            rows.append(("gap", "", "Unchanged lines not shown", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [("same", "", "Unchanged", line) for line in old[i1:i2]]
                continue
            removed, added = list(old[i1:i2]), list(new[j1:j2])
            if tag == "replace":  # a changed line: mark the words that changed
                for k in range(min(len(removed), len(added))):
                    removed[k], added[k] = _words(removed[k], added[k])
            rows += [("del", "−", "Removed", line) for line in removed]
            rows += [("ins", "+", "Added", line) for line in added]
    if not rows:
        return mark_safe('<p class="muted">No change.</p>')
    body = format_html_join(
        "",
        '<tr class="{}"><td class="sign" aria-hidden="true">{}</td>'
        '<td><span class="visually-hidden">{}: </span>{}</td></tr>',
        rows,
    )
    return format_html(
        '<table class="diff-changes"><caption class="visually-hidden">Changed lines</caption>'
        "<tbody>{}</tbody></table>",
        body,
    )


_SPACES = re.compile(r"(\s+)")
SIMILAR = 0.5  # lines less alike than this are shown whole, without marked words


def _words(before: str, after: str) -> tuple[str | SafeString, str | SafeString]:
    """The two versions of a changed line with the words that differ in <del> and <ins>."""
    a, b = _SPACES.split(before), _SPACES.split(after)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < SIMILAR:
        return before, after
    out_a, out_b = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "equal":
            out_a.append(conditional_escape(old))
            out_b.append(conditional_escape(new))
            continue
        if old:
            out_a.append(format_html("<del>{}</del>", old))
        if new:
            out_b.append(format_html("<ins>{}</ins>", new))
    return mark_safe("".join(out_a)), mark_safe("".join(out_b))  # noqa: S308 - escaped above
