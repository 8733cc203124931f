"""A tooth chart as inline SVG, marking the teeth that have findings: laid out and keyed in
Universal numbering, each tooth labelled in the claim's own numbering (ISO 3950 on an ISO claim).

Upper teeth 1-16 run left to right as the dentist faces the patient (the patient's right on
the left); lower teeth 32-17 below them. Primary teeth (A-J over T-K) get their own two rows
when the claim names any. Each tooth says in a <title> what was found on it.
"""

from __future__ import annotations

from html import escape

from cdthub.core.teeth import Tooth

PERMANENT = ([str(n) for n in range(1, 17)], [str(n) for n in range(32, 16, -1)])
PRIMARY = (list("ABCDEFGHIJ"), list("TSRQPONMLK"))
WIDTH, HEIGHT, GAP = 30, 38, 4
LEGEND = {"error": "error found", "warning": "warning found", "": "on the claim, nothing found"}


def _number(label: str, iso: bool) -> str:
    """A tooth's number in the claim's numbering."""
    return Tooth(label).numbered("JO" if iso else "JP")


def _row(
    labels: list[str],
    y: int,
    x0: int,
    marks: dict[str, str],
    iso: bool,
    both: bool,
    links: dict[str, str],
) -> list[str]:
    parts = []
    for i, label in enumerate(labels):
        x = x0 + i * (WIDTH + GAP)
        state = marks.get(label)
        css = "tooth" + (f" {state or 'treated'}" if state is not None else "")
        shown = _number(label, iso)
        name = f"tooth {shown}" + (
            f" (Universal {label})" if iso else f" (ISO {_number(label, True)})" if both else ""
        )
        note = f"{name}: {LEGEND[state]}" if state is not None else name
        tooth = (
            f'<g class="{css}" data-tooth="{escape(label)}"><title>{escape(note)}</title>'
            f'<rect x="{x}" y="{y}" width="{WIDTH}" height="{HEIGHT}" rx="8"/>'
            f'<text x="{x + WIDTH // 2}" y="{y + HEIGHT // 2 + 6}">{escape(shown)}</text></g>'
        )
        href = links.get(label)
        if href:  # a marked tooth leads to its line
            tooth = f'<a href="{escape(href)}" aria-label="{escape(note)}">{tooth}</a>'
        parts.append(tooth)
    return parts


def tooth_chart(
    marks: dict[str, str],
    iso: bool = False,
    both: bool = False,
    links: dict[str, str] | None = None,
) -> str:
    """SVG markup. `marks`: Universal tooth label → "error", "warning" or "" (no finding);
    `iso`: label the teeth with their ISO 3950 numbers (an ISO claim's own); `both`: a claim
    mixing the two, labelled in Universal with each tooth's ISO number in its title; `links`:
    label → the address a marked tooth leads to (its line in the page)."""
    links = links or {}
    rows = [PERMANENT]
    if any(label[:1].isalpha() for label in marks):
        rows.append(PRIMARY)
    parts: list[str] = []
    y = 4
    full = 16 * (WIDTH + GAP)
    for upper, lower in rows:
        x0 = (full - len(upper) * (WIDTH + GAP)) // 2
        parts += _row(upper, y, x0, marks, iso, both, links)
        parts += _row(lower, y + HEIGHT + GAP * 2, x0, marks, iso, both, links)
        y += 2 * HEIGHT + GAP * 6
    label = (
        ", ".join(f"tooth {_number(t, iso)} {LEGEND[s]}" for t, s in sorted(marks.items()) if s)
        or "no tooth has a finding"
    )
    numbering = "ISO numbering" if iso else "Universal numbering"
    drawn = {t for pair in (PERMANENT, PRIMARY) for row in pair for t in row}
    others = [
        f"{_number(t, iso)}" + (f" ({LEGEND[s]})" if s else "")
        for t, s in sorted(marks.items())
        if t not in drawn
    ]
    note = (
        f'<p class="chart-note">Not drawn (supernumerary): tooth {escape(", ".join(others))}</p>'
        if others
        else ""
    )
    return (
        f'<svg class="tooth-chart" viewBox="0 0 {full} {y}" role="group" '
        f'aria-label="Tooth chart ({numbering}): {escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}</svg>{note}'
    )
