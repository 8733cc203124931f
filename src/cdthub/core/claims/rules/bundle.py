"""Services that do not go together on one day (bundle.conflict), from the pack's [[conflict]]
lines: per day (two evaluations) or per tooth and day (a pulpotomy on the root canal tooth).

The later line of a pair gets the finding; services in the history on the same day count too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..model import Finding
from ..packs import Conflict
from .base import ClaimContext, ClaimRule, Site, register


def _clash(conflict: Conflict, a: str, b: str) -> bool:
    return (a in conflict.codes and b in conflict.with_codes) or (
        a in conflict.with_codes and b in conflict.codes
    )


def _same_place(conflict: Conflict, a: Site, b: Site) -> bool:
    if conflict.same == "day":
        return True
    return bool(a.teeth) and any(t in b.teeth for t in a.teeth)


@register
class BundleConflict(ClaimRule):
    id = "bundle.conflict"
    checks = "No two services the pack says exclude each other on the same day (or tooth)."

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        pack = ctx.env.pack
        seen: list[tuple[dt.date, Site, str]] = [
            (item.date, site, "in the patient's history")
            for item, site in ctx.history
            if item.date and pack.lines_for(site.number).conflicts
        ]
        for line, site in sorted(ctx.lines, key=lambda pair: pair[0].number):
            conflicts = pack.lines_for(site.number).conflicts
            if not conflicts or line.date is None or site.number is None:
                continue
            for day, other, where in seen:
                if day != line.date or other.number == site.number or other.number is None:
                    continue
                hit = next(
                    (c for c in conflicts
                     if _clash(c, site.number, other.number) and _same_place(c, site, other)),
                    None,
                )  # fmt: skip
                if hit is not None:
                    yield self.finding(
                        ctx,
                        line.number,
                        f"{site.number} on the same day as {other.describe()} ({where}): "
                        f"{hit.why}.",
                        hit.severity,
                    )
                    break
            seen.append((line.date, site, f"line {line.number}"))
