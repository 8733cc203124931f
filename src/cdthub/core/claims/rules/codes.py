"""Is the code a CDT code, and was it valid on the date of service (code.unknown, code.inactive).

Years come from the Catalog (`Code.valid_in`, `added`, `deleted`, `replaced_by`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from ...codes import Catalog
from .base import Env, Issue, LineRule, Site, register


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
