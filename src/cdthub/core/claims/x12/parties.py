"""Who an 837D claim is about, as its HL hierarchy says: the billing provider (2010AA), the
subscriber (2010BA) and payer (2010BB), the patient when not the subscriber (2000C), with
their addresses, ids and birth dates.

The `parse_*` functions turn a segment's elements into plain values (the same text always gives
the same values, so the reader keeps them by segment text); the methods of `Parties` take those
values, and the segment number for notes. Inside a claim, the other payers' loops (2320/2330,
opened by SBR) are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..fields import shown
from ..model import Party
from .hierarchy import Hierarchy, Hl
from .options import PLACEHOLDER_PAYER
from .segments import Note

LEVELS = frozenset(("20", "22", "23"))  # billing provider, subscriber, patient
PARTY_ENTITIES = frozenset(("85", "IL", "PR", "QC"))
GENDERS = frozenset(("F", "M", "U"))
_ABOVE_PATIENT = frozenset(("20", "22"))


def npi_ok(npi: str) -> bool:
    """Ten digits whose last is the Luhn check digit over 80840 and the first nine."""
    if len(npi) != 10 or not npi.isdigit():
        return False
    total = 24  # the prefix 80840 as the Luhn sum counts it
    for i, ch in enumerate(reversed(npi[:9])):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10 == int(npi[9])


def _padded(el: list[str], size: int) -> list[str]:
    return el if len(el) >= size else el + [""] * (size - len(el))


# NM1: entity code, then the party's fields; a bad billing NPI is a note.
# NM1: entity (85, IL…), kind (1 person, 2 organisation), name, first, middle, suffix,
# id qualifier, id
Nm1 = tuple[str, str, str, str, str, str, str, str]


def parse_nm1(el: list[str]) -> Nm1:
    el = _padded(el, 10)
    name, first, middle, suffix = (el[i].strip() for i in (3, 4, 5, 7))
    return el[1], el[2].strip(), name, first, middle, suffix, el[8].strip(), el[9].strip()


def parse_n3(el: list[str]) -> tuple[str, ...]:
    return tuple(a.strip() for a in el[1:3] if a.strip())


def parse_n4(el: list[str]) -> tuple[str, str, str, str]:
    """City, state, postal code and country (N404, outside the US)."""
    el = _padded(el, 5)
    return el[1].strip(), el[2].strip(), el[3].strip(), el[4].strip()


def parse_first(el: list[str]) -> tuple[str, str]:
    """The first two elements (REF qualifier and value, PAT relationship, HL…)."""
    el = _padded(el, 3)
    return el[1].strip(), el[2].strip()


def parse_dmg(el: list[str], date: Callable[[str], dt.date | None]) -> tuple[dt.date | None, str]:
    """DMG: the birth date (None when it is not a D8 date that `date` can read) and the
    gender code (DMG03: F, M or U; "" for anything else)."""
    el = _padded(el, 4)
    gender = el[3].strip()
    return (date(el[2].strip()) if el[1] == "D8" else None), gender if gender in GENDERS else ""


def parse_nothing(el: list[str]) -> None:
    """For segments whose presence is all that counts (SBR)."""
    return None


class Parties:
    __slots__ = (
        "note", "reported", "seen", "sender_checked", "billing", "subscriber", "payer",
        "subscriber_birth", "subscriber_bad_birth", "patient", "patient_birth",
        "patient_bad_birth", "level", "party", "in_claim", "other_payer", "payer_name", "tree",
    )  # fmt: skip

    def __init__(self, note: Note) -> None:
        self.note = note
        self.reported: set[tuple[str, str]] = set()
        self.tree = Hierarchy(note)
        self.start_set()

    def first_time(self, kind: str, value: str) -> bool:
        """True the first time a fault about this value is met in the file."""
        key = (kind, value)
        if key in self.reported:
            return False
        self.reported.add(key)
        return True

    def start_set(self) -> None:
        self.seen: set[str] = set()  # NM1 entity codes met in this transaction set
        self.sender_checked = False  # 1000A and 1000B looked for (at the first HL)
        self.tree.start_set()
        self.reset("20")

    def reset(self, level: str) -> None:
        """An HL starts a level: forget what belonged to that level and the ones below it."""
        if level == "20":
            self.billing: Party | None = None
        if level in _ABOVE_PATIENT:
            self.subscriber: Party | None = None
            self.payer: Party | None = None
            self.payer_name = "default"  # the claims' `payer`: NM1*PR03 unless a placeholder
            self.subscriber_birth: dt.date | None = None
            self.subscriber_bad_birth: int | None = None  # DMG segment of an unreadable date
        self.patient: Party | None = None
        self.patient_birth: dt.date | None = None
        self.patient_bad_birth: int | None = None
        self.level = level
        self.party: Party | None = None  # the party N3/N4/REF/DMG belong to
        self.in_claim = False
        self.other_payer = False  # inside 2320/2330: another payer's data, not read

    def birth(self) -> tuple[dt.date | None, int | None]:
        """The patient's birth date for a claim at the current level, or the number of the
        DMG segment whose date cannot be read."""
        if self.level == "23":
            return self.patient_birth, self.patient_bad_birth
        return self.subscriber_birth, self.subscriber_bad_birth

    def hl(self, hl: Hl, n: int) -> None:
        """HL: its id, parent, level (HL03) and whether levels follow under it."""
        level = hl[2]
        if level in LEVELS:
            self.tree.add(hl, n)
        else:
            self.note(
                n,
                f"HL03 {shown(level)} is not a level of an 837D (20 billing provider, "
                "22 subscriber, 23 patient)",
                "error",
            )
            level = "22"
        if not self.sender_checked:
            self.sender_checked = True
            missing = [
                name
                for code, name in (
                    ("41", "submitter (1000A NM1*41)"),
                    ("40", "receiver (1000B NM1*40)"),
                )
                if code not in self.seen
            ]
            if missing:
                self.note(n, f"the transaction set names no {' and no '.join(missing)}", "error")
        self.reset(level)

    def nm1(self, values: Nm1, n: int) -> None:
        entity, kind, name, first_name, middle, suffix, qualifier, ident = values
        self.party = None
        if self.other_payer or (self.in_claim and entity in ("IL", "PR")):
            return
        self.seen.add(entity)
        if entity not in PARTY_ENTITIES:
            return
        party = self.party = Party(
            name, first_name, ident, qualifier, kind=kind, middle_name=middle, suffix=suffix
        )
        if entity == "85":
            self.billing = party
            if (qualifier != "XX" or not npi_ok(ident)) and self.first_time("npi", ident):
                self.note(
                    n,
                    f"the billing provider's NPI {shown(ident or qualifier)} is not a "
                    "valid NPI (NM108 must be XX and NM109 ten digits with a correct "
                    "check digit)",
                    "warning",
                )
        elif entity == "IL":
            self.subscriber = party
        elif entity == "PR":
            self.payer = party
            self.payer_name = name if name and name != PLACEHOLDER_PAYER else "default"
        else:
            if self.patient is not None:  # PAT came first
                party.relationship = self.patient.relationship
            self.patient = party

    def n3(self, address: tuple[str, ...], n: int) -> None:
        if self.party is not None:
            self.party.address = address

    def n4(self, values: tuple[str, str, str, str], n: int) -> None:
        party = self.party
        if party is None:
            return
        party.city, party.state, party.postal_code, party.country = values
        zip_ok = len(values[2]) == 9 and values[2].isdigit()
        if party is self.billing and not zip_ok and self.first_time("zip", values[2]):
            self.note(
                n,
                f"the billing provider's ZIP code {shown(values[2])} must have nine "
                "digits (ZIP+4) in 5010",
                "warning",
            )

    def ref(self, values: tuple[str, str], n: int) -> None:
        if self.party is not None and self.party is self.billing:
            qualifier, value = values
            if qualifier in ("EI", "SY"):  # the billing provider's tax id (one of the two)
                self.party.tax_id, self.party.tax_id_qualifier = value, qualifier

    def pat(self, values: tuple[str, str], n: int) -> None:
        if self.patient is None:
            self.patient = Party()
        self.patient.relationship = values[0]

    def sbr(self, values: None, n: int) -> None:
        if self.in_claim:
            self.other_payer = True
            self.party = None

    def dmg(self, values: tuple[dt.date | None, str], n: int) -> None:
        if self.party is None or self.other_payer:
            return
        day, self.party.gender = values
        bad = None if day else n
        if self.party is self.patient:
            self.patient_birth, self.patient_bad_birth = day, bad
        else:
            self.subscriber_birth, self.subscriber_bad_birth = day, bad
