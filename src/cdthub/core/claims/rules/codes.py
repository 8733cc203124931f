"""Is the code a CDT code, and was it valid on the date of service (code.unknown, code.inactive).

Years come from the Catalog (`Code.valid_in`, `added`, `deleted`, `replaced_by`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ...codes import Catalog
from ..model import Claim, Finding
from .base import Answers, ClaimContext, ClaimRule, Env, Issue, LineRule, Site, register


@lru_cache(maxsize=1024)
def _nearest(catalog: Catalog, number: str) -> str:
    return ", ".join(c.code for c in catalog.nearest(number, 3))


@register
class CodeUnknown(LineRule):
    id = "code.unknown"
    checks = "The code is a CDT code the catalog knows."

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        if site.code is not None:
            return
        text = site.code_text.strip()
        if not text:
            yield self.issue(env, "no procedure code: add the CDT code of the service.")
        elif site.number is None:
            yield self.issue(
                env,
                f"{text[:20]!r} is not a CDT code: CDT codes are a D and four digits "
                "(for example D0120).",
            )
        else:
            near = _nearest(env.catalog, site.number)
            yield self.issue(
                env,
                f"{site.number} is not a CDT code: check the number"
                + (f" (close: {near})." if near else "."),
            )


@register
class CodeInactive(LineRule):
    id = "code.inactive"
    checks = "The code was part of the CDT edition in force on the date of service."

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        code = site.code
        if code is None:
            return
        year = site.year if site.year is not None else env.catalog.current_year
        if code.valid_in(year):
            return
        when = f"a {year} date of service" if site.year is not None else f"CDT {year}"
        if code.added is not None and year < code.added:
            yield self.issue(
                env,
                f"{code.code} only exists from CDT {code.added} on, so it cannot be billed for "
                f"{when}: use the code that was valid then.",
            )
            return
        instead = [c for c in code.replaced_by if env.valid_in(c, year)]
        fix = f"use {' or '.join(instead)}" if instead else "use a current code"
        yield self.issue(
            env,
            f"{code.code} was deleted from CDT in {code.deleted} and is not valid for {when}: "
            f"{fix}.",
        )


@register
class HistoryCodeUnknown(ClaimRule):
    """code.unknown on the history: an earlier service whose code the catalog does not know
    counts against no limit, which the biller should hear (a warning, on the claim)."""

    id = "code.unknown"
    severity = "warning"
    checks = "Each history item's code is a CDT code, or it counts against no limit."

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        return bool(claim.history)

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        for index, (item, site) in enumerate(ctx.history, start=1):
            if site.code is None:
                shown = (item.code or "").strip()[:20] or "(no code)"
                yield self.finding(
                    ctx,
                    None,
                    f"History item {index}: {shown!r} is not a CDT code, so it was not counted "
                    "against any limit: check it.",
                )
