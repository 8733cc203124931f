"""The claim rules, one small registered class per rule id, grouped by what they look at.

Importing this package registers every rule: `LINE_RULES` (judge one line alone, cached per
distinct line) and `CLAIM_RULES` (compare lines, history and the patient). `RULE_IDS` lists
the rule ids DESIGN.md promises plus those this code adds (coverage.note).
"""

from __future__ import annotations

from ..packs import Pack, PackError
from . import (  # noqa: F401
    age,
    areas,
    bundle,
    codes,
    frequency,
    lines,
    notes,
    quantity,
    surfaces,
    teeth,
)
from .base import CLAIM_RULES, LINE_RULES, ClaimContext, Env, Issue, Rule, Site
from .site import SiteKey, build_site

ALL_RULES: list[Rule] = [*LINE_RULES, *CLAIM_RULES]
RULE_IDS: tuple[str, ...] = tuple(r.id for r in ALL_RULES)


def known_severities(pack: Pack, where: str) -> Pack:
    """`pack`, once each key of its [severity] table is a rule id (a typo would change nothing,
    unseen); PackError, naming `where` (its file), otherwise."""
    unknown = sorted(set(pack.severity) - set(RULE_IDS))
    if unknown:
        raise PackError(
            f"{where}: [severity] names {', '.join(map(repr, unknown))}, which is no rule id (a "
            "pack line's own severity is set on the line): use one of "
            + ", ".join(sorted(RULE_IDS))
        )
    return pack


__all__ = [
    "ALL_RULES",
    "CLAIM_RULES",
    "LINE_RULES",
    "RULE_IDS",
    "ClaimContext",
    "Env",
    "Issue",
    "Rule",
    "Site",
    "SiteKey",
    "build_site",
    "known_severities",
]
