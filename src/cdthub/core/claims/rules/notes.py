"""What the pack says about a code beyond the claim's data: narratives and coverage.

narrative.required: by-report codes (the Catalog's `by_report` flag) need a narrative; the
pack's [[narrative]] lines add codes payers commonly want one for. coverage.note (a rule id
this pack adds): the pack's [[coverage]] lines, services many plans do not pay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from ..model import Claim, Finding
from .base import Answers, ClaimContext, ClaimRule, Env, Issue, LineRule, Site, register


def says_something(narrative: str | None) -> bool:
    """Whether a narrative holds a word or number ('-', '.' or '?' say nothing to a payer)."""
    return narrative is not None and any(c.isalnum() for c in narrative)


@register
class NarrativeRequired(ClaimRule):
    id = "narrative.required"
    about_the_code = True
    checks = "By-report codes (and codes the pack names) come with a narrative."

    def wants(self, site: Site, env: Env) -> bool:
        code = site.code
        return code is not None and (
            code.by_report or bool(env.pack.lines_for(code.code).narratives)
        )

    def note(self, site: Site, env: Env) -> bool:
        return self.wants(site, env)

    def may_find(self, claim: Claim, answers: Sequence[Answers], today: dt.date) -> bool:
        if says_something(claim.narrative):
            return False
        slot = self.slot
        return any(
            a.notes[slot] and not says_something(line.narrative)
            for line, a in zip(claim.lines, answers, strict=True)
        )

    def check_claim(self, ctx: ClaimContext) -> Iterator[Finding]:
        if says_something(ctx.claim.narrative):
            return
        for line, site in ctx.lines:
            code = site.code
            if code is None or says_something(line.narrative):
                continue
            if code.by_report:
                yield self.finding(
                    ctx,
                    line.number,
                    f"{code.code} is a by-report code: add a narrative saying what was done and "
                    "why (NTE segment in 837D).",
                )
                continue
            for note in ctx.env.pack.lines_for(code.code).narratives:
                yield self.finding(ctx, line.number, f"{code.code}: {note.why}.", note.severity)
                break


@register
class CoverageNote(LineRule):
    id = "coverage.note"
    severity = "warning"
    checks = "Services many plans do not pay, as the pack lists them (a note, not an error)."

    def check_line(self, site: Site, env: Env) -> Iterator[Issue]:
        for note in env.pack.lines_for(site.number).coverage:
            yield self.issue(env, f"{site.number}: {note.why}.", note.severity)
