"""A dental claim as the checker sees it, whatever file it came from (JSON, CSV, X12 837D).

Pure Python. Readers build these objects and never raise on bad input: what they could not
read becomes an `input.invalid` (or `date.invalid`) Finding in `Claim.problems`, and the raw
text stays on the line so the rules can still name it. Writers turn them back into files.

Line numbers are 1-based everywhere (the first service line is line 1, as LX01 in 837D), in
findings and in messages alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing that would get the claim denied (error) or deserves a look (warning)."""

    claim: str | None
    line: int | None
    rule: str
    severity: Severity
    message: str
    claim_number: int | None = None  # the claim id as given when it was a JSON number

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim if self.claim_number is None else self.claim_number,
            "line": self.line,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass(slots=True)
class Line:
    """One service line. Fields hold what the file said, cleaned but not judged: `code` may be
    an unknown or malformed code, `tooth` an impossible tooth; the rules decide."""

    number: int  # 1-based position in the claim
    code: str
    date: dt.date | None = None
    raw_date: str | None = None  # the text when `date` could not be read (date.invalid)
    tooth_system: str = "JP"  # JP = Universal (1-32, A-T), JO = ISO 3950
    tooth: str | None = None
    surfaces: str | None = None
    area: str | None = None  # oral-cavity area code: 00, 01, 02, 10, 20, 30, 40, 03-08
    quantity: int = 1
    fee: Decimal | None = None
    narrative: str | None = None
    # more teeth on the same line (837D allows several TOO segments); the first is `tooth`
    extra_teeth: tuple[tuple[str, str | None], ...] = ()

    @property
    def teeth_shown(self) -> str:
        """Every tooth of the line, as written: '8, 9, 13 F' (a further tooth's surfaces after
        it; the first tooth's are in `surfaces`)."""
        further = [f"{t} {s}" if s else t for t, s in self.extra_teeth]
        return ", ".join([self.tooth or "", *further] if self.tooth else further)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "date": self.date.isoformat() if self.date else self.raw_date,
            "code": self.code,
            "tooth_system": self.tooth_system,
            "tooth": self.tooth,
            "surfaces": self.surfaces,
            "area": self.area,
            "quantity": self.quantity,
            "fee": float(self.fee) if self.fee is not None else None,
            "narrative": self.narrative,
        }
        if self.extra_teeth and self.tooth and not any(s for _, s in self.extra_teeth):
            out["tooth"] = ",".join([self.tooth, *(t for t, _ in self.extra_teeth)])  # "2,3,4,5"
        elif self.extra_teeth:  # further teeth with surfaces of their own (837D TOO segments)
            out["extra_teeth"] = [{"tooth": t, "surfaces": s} for t, s in self.extra_teeth]
        return out


@dataclass(slots=True)
class HistoryItem:
    """A service the patient already had (from the practice's records or the payer)."""

    code: str
    date: dt.date | None = None
    tooth_system: str = "JP"
    tooth: str | None = None
    surfaces: str | None = None
    area: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat() if self.date else None,
            "code": self.code,
            "tooth_system": self.tooth_system,
            "tooth": self.tooth,
            "surfaces": self.surfaces,
            "area": self.area,
        }


@dataclass(slots=True)
class Party:
    """A provider, subscriber, payer or submitter as 837D names it (only what we carry)."""

    name: str = ""
    first_name: str = ""
    id: str = ""  # NPI for providers, member id for subscribers, payer id for payers
    id_qualifier: str = ""  # XX (NPI), MI (member id), PI (payer id), 46 (ETIN), ...
    address: tuple[str, ...] = ()  # street lines
    city: str = ""
    state: str = ""
    postal_code: str = ""
    tax_id: str = ""
    relationship: str = ""  # the patient's relationship to the subscriber (837D PAT01), if known
    gender: str = ""  # 837D DMG03 (F, M or U) when the file gave it
    kind: str = ""  # 837D NM102: 1 a person, 2 an organisation ("": as its role usually is)
    middle_name: str = ""  # NM105
    suffix: str = ""  # NM107 (JR, III…)
    country: str = ""  # N404, for an address outside the US
    tax_id_qualifier: str = ""  # REF01 of the tax id: EI (employer id) or SY (social security)


@dataclass(slots=True)
class Claim:
    id: str
    lines: list[Line] = field(default_factory=list)
    birth_date: dt.date | None = None
    payer: str = "default"  # picks the rule pack: a pack name, or an 837D payer's name (NM1*PR03)
    history: list[HistoryItem] = field(default_factory=list)
    total: Decimal | None = None  # the claim's stated total charge (CLM02), when given
    narrative: str | None = None  # a claim-level note (837D NTE in 2300)
    # what the file could not read or had to tolerate, as findings (input.invalid, date.invalid)
    problems: list[Finding] = field(default_factory=list)
    # 837D parties, kept so a file reads back and writes out with the same people in it
    billing_provider: Party | None = None
    subscriber: Party | None = None
    patient: Party | None = None
    payer_party: Party | None = None
    source: str = ""  # where it came from, e.g. "claims.x12#2" (for messages only)
    id_number: int | None = None  # the id as given when it was a JSON number (7, not "7")
    rows: tuple[int, ...] = ()  # a CSV file's row of each line (findings name it: "Line 2 (row 5)")
    # how many of the file's own findings (ClaimFile.findings) the reader had made when this
    # claim began: those come before the claim's findings, in file order (an 837D's envelope
    # and submitter faults before its first claim)
    file_findings_before: int = 0
    # a request for a pre-treatment estimate (837D CLM19 "PB"), not a claim for payment: its
    # lines may have no date yet (the checker judges those as of the day of the check)
    predetermination: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The claim as DESIGN.md's claim JSON (readable again by the JSON reader)."""
        out: dict[str, Any] = {
            "id": self.id if self.id_number is None else self.id_number,
            "patient": {"birth_date": self.birth_date.isoformat() if self.birth_date else None},
            "payer": self.payer,
            "lines": [line.to_dict() for line in self.lines],
            "history": [h.to_dict() for h in self.history],
        }
        if self.total is not None:
            out["total"] = float(self.total)
        if self.narrative:
            out["narrative"] = self.narrative
        if self.predetermination:
            out["predetermination"] = True
        return out
