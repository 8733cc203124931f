"""Writing claims as X12 837D (005010X224A2), streaming: one interchange and one group, a new
transaction set every `claims_per_set` claims, counts and control numbers kept as it goes.

What the claims do not hold (submitter, receiver, provider, payer, subscriber names and ids)
comes from `X12Options` or, for claims read from an 837D, from the parties read with them.
What 837D cannot carry is returned as notes (history, a missing fee, an unreadable date…).
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TextIO

from ...codes import normalize_code
from ...surfaces import words_as_letters
from ...teeth import each_tooth
from ..model import Claim, Line, Party
from .envelope import VERSION
from .options import PLACEHOLDER_PAYER, X12Options
from .values import CLAIM_NTES, LINE_NOTE, LINE_NOTE_START, MAX_LINES

ELEMENT, COMPONENT, REPETITION, TERMINATOR = "*", ":", "^", "~\n"
COMPONENTS = (COMPONENT, ">", "|", "\\")  # ISA16 choices, the usual one first
NOTE_LENGTH = 80  # NTE02 holds at most 80 characters
RECEIVER_ID_LENGTH = 20  # CLM01 may hold 38, but receivers need keep only 20
ID_LENGTH = 38  # CLM01
SURFACE_SEPARATORS = " ,;/-+.&"  # how people separate surface letters (M,O,D; M-O-D)
PLACEHOLDERS = ("sender_id", "receiver_id", "billing_npi", "billing_tax_id", "payer_id")
DEFAULTS = X12Options()
_SEPARATORS: dict[str, dict[int, str]] = {}  # component separator -> what clean() blanks out


def write_x12(claims: Iterable[Claim], out: TextIO, options: X12Options) -> list[str]:
    """Write the claims as one 837D interchange; returns notes on what could not be written
    as the claims said (each note once, with how many claims or lines it concerns)."""
    writer = _Writer(out, options.stamped())
    for claim in claims:
        writer.claim(claim)
    writer.close()
    return [
        f"{text} ({count} {unit}{'s' if count > 1 else ''})" if count else text
        for (text, unit), count in writer.notes.items()
    ]


def pick_component(texts: Iterable[str | None]) -> str:
    """The component separator for claims whose free text (notes) is `texts`: ':' unless a
    text holds one, then the first of COMPONENTS none holds (X12 cannot escape a separator, so
    a note keeps its colons only when ':' is not the separator); ':' when every one is used."""
    free = list(COMPONENTS)
    for text in texts:
        if text:
            free = [c for c in free if c not in text]
            if not free:
                return COMPONENT
    return free[0]


def notes_of(claims: Iterable[Claim]) -> Iterator[str | None]:
    """The free text of claims that goes into 837D elements: claim and line notes."""
    for claim in claims:
        yield claim.narrative
        for line in claim.lines:
            yield line.narrative


def clean(value: object, component: str = COMPONENT) -> str:
    """A value safe inside an element: separators and line breaks become spaces (a run of them
    one space), letters with accents lose them, other non-ASCII characters become '?'."""
    table = _SEPARATORS.get(component)
    if table is None:
        table = _SEPARATORS[component] = str.maketrans(dict.fromkeys(f"*~^\r\n\t{component}", " "))
    text = " ".join(str(value).translate(table).split())
    if text.isascii():
        return text
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c if c.isascii() else "?" for c in folded if not unicodedata.combining(c))


def decimal_text(value: Decimal) -> str:
    """180.00 → '180', 180.50 → '180.5' (X12 decimal numbers carry no trailing zeros)."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def note_chunks(text: str, component: str = COMPONENT) -> list[str]:
    """A note cut into NTE-sized pieces at spaces (a reader joins them with one space)."""
    return _chunks(clean(text, component))


def _chunks(cleaned: str) -> list[str]:
    return textwrap.wrap(cleaned, NOTE_LENGTH, break_on_hyphens=False)


def _seg(*elements: object) -> str:
    parts = [str(e) for e in elements]
    while parts and parts[-1] == "":
        parts.pop()
    return ELEMENT.join(parts) + TERMINATOR


class _Writer:
    def __init__(self, out: TextIO, options: X12Options) -> None:
        self.out, self.o = out, options
        self.c = options.component or COMPONENT
        assert options.created is not None
        self.day, self.time = options.created.strftime("%Y%m%d"), options.created.strftime("%H%M")
        self.notes: dict[tuple[str, str], int] = {}  # (text, "claim" or "line") -> how many
        self.sets = 0
        self.in_set = 0  # claims in the current set
        self.segments = 0  # segments in the current set
        self.hl = 0
        self.billing_hl = 0
        self.billing: Party | None = None
        # the options written into the file (a claim read from an 837D brings its own parties)
        self.used = {"sender_id", "receiver_id"}
        self.default_billing = Party(
            name=options.billing_name,
            id=options.billing_npi,
            id_qualifier="XX",
            address=(options.billing_address,),
            city=options.billing_city,
            state=options.billing_state,
            postal_code=options.billing_zip,
            tax_id=options.billing_tax_id,
        )
        o = options
        control = f"{o.control_number:09d}"
        out.write(
            _seg(
                "ISA",
                "00",
                " " * 10,
                "00",
                " " * 10,
                o.sender_qualifier,
                f"{o.sender_id:<15}",
                o.receiver_qualifier,
                f"{o.receiver_id:<15}",
                self.day[2:],
                self.time,
                REPETITION,
                "00501",
                control,
                "0",
                o.usage,
                self.c,
            )
            + _seg(
                "GS",
                "HC",
                o.sender_id,
                o.receiver_id,
                self.day,
                self.time,
                o.control_number,
                "X",
                VERSION,
            )
        )

    def clean(self, value: object) -> str:
        return clean(value, self.c)

    def nte(self, text: str, unit: str) -> list[str]:
        """NTE segments for a note, saying when 837D could not carry some of its characters."""
        cleaned = self.clean(text)
        if cleaned != " ".join(text.split()):
            self.note(
                "a note held characters 837D cannot carry (a separator, letters beyond ASCII); "
                "they were replaced",
                unit=unit,
            )
        if any(len(word) > NOTE_LENGTH for word in cleaned.split(" ")):
            self.note(
                f"a note held a word longer than {NOTE_LENGTH} characters (NTE02's limit); it "
                "was cut across NTE segments and reads back with a space inside it",
                unit=unit,
            )
        return [_seg("NTE", "ADD", chunk) for chunk in _chunks(cleaned)]

    def note(self, text: str, counted: bool = True, unit: str = "claim") -> None:
        key = (text, unit)
        self.notes[key] = self.notes.get(key, 0) + (1 if counted else 0)

    def write(self, segments: list[str]) -> None:
        self.segments += len(segments)
        self.out.write("".join(segments))

    def claim(self, claim: Claim) -> None:
        if self.in_set == 0 or self.in_set >= self.o.claims_per_set:
            self.end_set()
            self.start_set()
        self.in_set += 1
        segments: list[str] = []
        billing = claim.billing_provider or self.default_billing
        if claim.billing_provider is None:
            self.used.update(("billing_npi", "billing_tax_id"))
        if claim.payer_party is None:
            self.used.add("payer_id")
        if billing != self.billing:
            self.billing = billing
            segments += self.billing_loop(billing)
        segments += self.subscriber_loops(claim)
        segments += self.claim_loop(claim)
        self.write(segments)

    def start_set(self) -> None:
        self.sets += 1
        self.segments = self.hl = self.in_set = 0
        self.billing = None
        o, control = self.o, f"{self.sets:04d}"
        self.write(
            [
                _seg("ST", "837", control, VERSION),
                _seg(
                    "BHT",
                    "0019",
                    "00",
                    f"{o.control_number}-{self.sets}",
                    self.day,
                    self.time,
                    "CH",
                ),
                _seg(
                    "NM1", "41", "2", self.clean(o.sender_name), "", "", "", "", "46", o.sender_id
                ),
                _seg("PER", "IC", self.clean(o.contact_name), "TE", o.contact_phone),
                _seg(
                    "NM1",
                    "40",
                    "2",
                    self.clean(o.receiver_name),
                    "",
                    "",
                    "",
                    "",
                    "46",
                    o.receiver_id,
                ),
            ]
        )

    def end_set(self) -> None:
        if self.sets:
            self.segments += 1
            self.out.write(_seg("SE", self.segments, f"{self.sets:04d}"))

    def close(self) -> None:
        if self.sets == 0:  # no claim: an empty set keeps the envelope valid
            self.start_set()
            self.note("there were no claims to write", counted=False)
        self.end_set()
        self.out.write(
            _seg("GE", self.sets, self.o.control_number)
            + _seg("IEA", "1", f"{self.o.control_number:09d}")
        )
        left = [
            name
            for name in PLACEHOLDERS
            if name in self.used and getattr(self.o, name) == getattr(DEFAULTS, name)
        ]
        if left:
            self.note(
                f"placeholders still in the file: {', '.join(left)}; set them (cdthub "
                "convert --config FILE) before sending",
                counted=False,
            )
        if self.o.usage == "T":
            self.note("marked as a test file (ISA15 T); use P for production", counted=False)

    def billing_loop(self, party: Party) -> list[str]:
        self.hl += 1
        self.billing_hl = self.hl
        out = [_seg("HL", self.hl, "", "20", "1")]
        if self.o.billing_taxonomy:
            out.append(_seg("PRV", "BI", "PXC", self.o.billing_taxonomy))
        out.append(_name("85", party, "2", "XX", self.c))
        out += _address(party, self.c)
        if party.tax_id:
            out.append(_seg("REF", party.tax_id_qualifier or "EI", self.clean(party.tax_id)))
        return out

    def subscriber_loops(self, claim: Claim) -> list[str]:
        self.hl += 1
        subscriber_hl = self.hl
        separate = claim.patient is not None and claim.patient.relationship not in ("", "18")
        subscriber = claim.subscriber or Party(
            name="SUBSCRIBER", first_name="UNKNOWN", id="UNKNOWN", id_qualifier="MI"
        )
        if claim.subscriber is None:
            self.note(
                "subscriber name and member id are placeholders: the practice software or "
                "clearinghouse must fill them in"
            )
        payer = claim.payer_party or Party(
            name=_payer_name(claim, self.o), id=self.o.payer_id, id_qualifier="PI"
        )
        out = [
            _seg("HL", self.hl, self.billing_hl, "22", "1" if separate else "0"),
            _seg("SBR", "P", "" if separate else "18", "", "", "", "", "", "", "CI"),
            _name("IL", subscriber, "1", "MI", self.c),
            *_address(subscriber, self.c),
        ]
        if not separate:
            out += self.birth(claim, claim.subscriber)
        out += [_name("PR", payer, "2", "PI", self.c), *_address(payer, self.c)]
        if separate:
            assert claim.patient is not None
            self.hl += 1
            out += [
                _seg("HL", self.hl, subscriber_hl, "23", "0"),
                _seg("PAT", claim.patient.relationship),
                _name("QC", claim.patient, "1", "", self.c),
                *_address(claim.patient, self.c),
                *self.birth(claim, claim.patient),
            ]
        return out

    def birth(self, claim: Claim, person: Party | None) -> list[str]:
        """DMG for the patient: the birth date, and the gender the source 837D gave (U,
        unknown, otherwise: claim JSON and CSV carry none)."""
        if claim.birth_date is None:
            self.note("no readable patient birth date: DMG left out")
            return []
        gender = person.gender if person is not None and person.gender else "U"
        return [_seg("DMG", "D8", claim.birth_date.strftime("%Y%m%d"), gender)]

    def claim_loop(self, claim: Claim) -> list[str]:
        claim_id = self.clean(claim.id)[:ID_LENGTH] or "UNKNOWN"
        if claim_id != claim.id:
            self.note(
                f"claim id {claim.id[:40]!r} written as {claim_id!r} (X12 allows 38 "
                "characters and no separators)"
            )
        if len(claim_id) > RECEIVER_ID_LENGTH:
            self.note(
                f"a claim id is longer than {RECEIVER_ID_LENGTH} characters: receivers need keep "
                f"only {RECEIVER_ID_LENGTH} of CLM01, so a remittance may name the claim cut short"
            )
        fees = [line.fee or Decimal(0) for line in claim.lines]
        total = claim.total if claim.total is not None else sum(fees, Decimal(0))
        if claim.total is not None and claim.total != sum(fees, Decimal(0)):
            self.note("the claim total differs from the sum of its line fees; written as given")
        out = [
            _seg(
                "CLM",
                claim_id,
                decimal_text(total),
                "",
                "",
                f"{self.o.place_of_service}{self.c}B{self.c}1",
                "Y",
                "A",
                "Y",
                self.o.release_of_information,
                *(("",) * 9 + ("PB",) if claim.predetermination else ()),  # CLM19
            )
        ]
        if len(claim.lines) > MAX_LINES:
            self.note(
                f"a claim has more than {MAX_LINES} service lines, the most an 837D claim takes: "
                "split it into two claims"
            )
        out += self.claim_notes(claim)
        if claim.history:
            self.note("history (earlier services) has no place in an 837D and was not written")
        for number, line in enumerate(claim.lines, start=1):
            out += self.line_loop(number, line)
        return out

    def line_loop(self, number: int, line: Line) -> list[str]:
        if line.fee is None:
            self.note("a line without fee was written with fee 0 (SV302 is required)", unit="line")
        fee = decimal_text(line.fee) if line.fee is not None else "0"
        out = [
            _seg("LX", number),
            _seg(
                "SV3",
                f"AD{self.c}{self.clean(normalize_code(line.code) or line.code)}",
                fee,
                "",
                self.clean(line.area or ""),
                "",
                line.quantity,
            ),
        ]
        teeth: list[tuple[str, str | None]] = []
        if line.tooth:  # a quadrant's line may list its teeth: one TOO each, surfaces on the first
            first, *more = each_tooth(line.tooth, line.tooth_system)
            teeth = [(first, line.surfaces), *((t, None) for t in more), *line.extra_teeth]
        if not line.tooth and line.surfaces:
            self.note(
                "surfaces without a tooth cannot be written (TOO needs the tooth)", unit="line"
            )
        for tooth, surfaces in teeth:
            # each character a component (M:O:D), separators as people write them left out,
            # words as their letters ('mesial' M); a character that is no surface (M5) is kept,
            # so the 837D is judged as the claim was
            kept = [c for c in words_as_letters(surfaces or "") if c not in SURFACE_SEPARATORS]
            safe = [c for c in (self.clean(c).strip() for c in kept) if c]
            if len(safe) < len(kept):
                self.note("a surface character X12 cannot carry was left out", unit="line")
            out.append(_seg("TOO", line.tooth_system, self.clean(tooth), self.c.join(safe)))
        if line.date is not None:
            out.append(_seg("DTP", "472", "D8", line.date.strftime("%Y%m%d")))
        elif line.raw_date:
            self.note("a date of service that could not be read was left out", unit="line")
        return out

    def claim_notes(self, claim: Claim) -> list[str]:
        """Loop 2300's NTE segments: the claim's note, then each line's note as 'LINE 2 - …'
        (005010X224A2 has no NTE in a service line's loop; the reader gives each line its own
        note back). Said when they take more NTE segments than loop 2300 allows."""
        out = self.nte(claim.narrative, "claim") if claim.narrative else []
        if claim.narrative and LINE_NOTE_START.match(self.clean(claim.narrative)):
            self.note(
                "a claim note starting as a line's note does ('LINE 2 - ') reads back as that "
                "line's note"
            )
        for number, line in enumerate(claim.lines, start=1):
            if line.narrative:
                out += self.nte(LINE_NOTE.format(number) + line.narrative, "line")
        if len(out) > CLAIM_NTES:
            self.note(
                f"a claim's notes (its own and its lines') took more than {CLAIM_NTES} NTE "
                f"segments ({CLAIM_NTES * NOTE_LENGTH} characters), the most loop 2300 takes: "
                "receivers may reject the claim or cut the notes; shorten them"
            )
        return out


def _payer_name(claim: Claim, options: X12Options) -> str:
    """NM1*PR03: the options' payer name if they give one, else the claim's `payer` (so it
    picks the same pack when the file is read back), else the placeholder."""
    if options.payer_name != PLACEHOLDER_PAYER or claim.payer in ("", "default"):
        return options.payer_name
    return claim.payer


def _name(entity: str, party: Party, kind: str, qualifier: str, component: str) -> str:
    """NM1 for a party: entity code, person (1) or organisation (2: `kind` unless the party
    read says otherwise), name (a person's first and middle names and suffix too), id."""
    ident = clean(party.id, component)
    person = (party.kind or kind) == "1"
    return _seg(
        "NM1",
        entity,
        "1" if person else "2",
        clean(party.name, component) or "UNKNOWN",
        clean(party.first_name, component) if person else "",
        clean(party.middle_name, component) if person else "",
        "",
        clean(party.suffix, component) if person else "",
        party.id_qualifier or qualifier if ident else "",
        ident,
    )


def _address(party: Party, component: str) -> list[str]:
    if not party.address and not party.city:
        return []
    return [
        _seg("N3", *(clean(a, component) for a in party.address[:2])),
        _seg(
            "N4",
            clean(party.city, component),
            clean(party.state, component),
            clean(party.postal_code, component),
            clean(party.country, component),
        ),
    ]
