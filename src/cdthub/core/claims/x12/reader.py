"""Reading X12 837D (005010X224A2) claims as a stream: one pass over the segments, each claim
handed out as soon as its last segment is read, so memory stays flat on a file of any size.

What is read: the parties (see `parties`), the claim (CLM01 id, CLM02 total, DTP*472, NTE: the
claim's note, and a line's note written 'LINE 2 - …', as 005010X224A2 has no NTE in loop 2400)
and each service line (LX, SV3 code/fee/area/quantity, every TOO tooth with its surfaces,
DTP*472; an NTE there is read as the line's note, with a warning). Faults become findings:
file-level ones (envelopes, unknown segments) in the shared list, a claim's own in
`Claim.problems`, each naming its segment number (ISA is segment 1).

This loop is the checker's hot path. Most segments of a day's claims repeat word for word (a
day's DTP, a fee schedule's SV3, TOO*JP*30*M:O, LX*1, the payer's NM1, HL*n, a patient's
DMG), so each kind of segment whose values depend on its text alone is parsed once and kept
by text (`_Reader.parsed`, with a number saying what to do with the values): met again, it
costs one dictionary look-up. The usual service line (LX numbered in order, then a sound SV3,
a first TOO, a DTP*472 on the line) and HL are read right in the loop, without a call; the
parties' segments go to their `Parties` method; anything unusual goes to the method for its
segment, which reads every case and says every fault. Only CLM, NTE and the envelopes are
split into elements each time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, TextIO

from ..fields import problem, shown
from ..model import Claim, Finding, Line, Severity
from .envelope import Envelope
from .hierarchy import Hl
from .parties import (
    Parties,
    parse_dmg,
    parse_first,
    parse_n3,
    parse_n4,
    parse_nm1,
    parse_nothing,
)
from .segments import Separators, read_isa, segment_batches
from .values import (
    CLAIM_NTES,
    LINE_NOTE,
    LINE_NOTE_START,
    MAX_LINES,
    Dtp,
    Problem,
    Sv3,
    Too,
    amount,
    ccyymmdd,
    parse_dtp,
    parse_sv3,
    parse_too,
)

# Every segment an 837 (dental, professional or institutional) may hold; others are unknown.
KNOWN = frozenset(
    "ISA IEA GS GE ST SE TA1 BHT REF NM1 N2 N3 N4 PER HL PRV CUR SBR PAT DMG CLM DTP DN1 DN2 PWK "
    "CN1 AMT K3 NTE CR1 CR2 CR3 CRC HI HCP CL1 QTY MEA PS1 LX SV1 SV2 SV3 SV5 TOO LIN CTP SVD CAS "
    "OI MIA MOA LQ FRM".split()
)
_SEGMENT_ID = re.compile(r"[A-Z][A-Z0-9]{1,2}")
_NUMBERS = tuple(str(i) for i in range(1000))
ENVELOPE = frozenset(("ISA", "GS", "ST", "SE", "GE", "IEA"))
HEAD = 1 << 16  # characters read first, for the ISA
_ZERO = Decimal(0)
MAX_LISTED = 20  # findings of one kind listed before they are only counted
CACHE_SIZE = 1 << 16  # distinct segment texts kept parsed (then the memo starts afresh)
# what the loop does with a kept segment (`_Reader.parsed`), by number (so that the kept
# values hold nothing the garbage collector has to follow): the service line's own segments
# and HL are read in the loop itself, the parties' handed to their `Parties` method (_PARTY
# and after, see `_Reader.party_methods`); _DONE hands out a finished claim
_LX, _SV3, _TOO, _DTP, _HL, _DONE, _NOTHING, _PARTY = range(8)


_Method = Callable[[Any, int], None]  # a `Parties` method: (values, segment number)


def read_x12(
    stream: TextIO, findings: list[Finding], share: tuple[int, int] = (0, 1)
) -> Iterator[Claim]:
    """Claims from X12 text (decoded, any BOM still there). Raises UnreadableFile before the
    first claim when the ISA cannot be read; every later fault is a finding.

    `share` (k, n): only claims k, k+n, k+2n… are read in full; the others come out hollow (no
    lines, no findings of their own), for a worker that checks every nth claim of a file. The
    file's own findings do not depend on the share."""
    head = stream.read(HEAD)
    reader = _Reader(findings, share)
    if head.startswith("\ufeff"):
        head = head[1:]
        reader.tolerated(
            1,
            "the file starts with a byte-order mark (BOM); read anyway, but "
            "many clearinghouses reject it: save the file without BOM",
        )
    if head[:1].isspace():
        head = head.lstrip()
        reader.tolerated(1, "blank space comes before the ISA segment; read anyway")
    seps = read_isa(head, reader.tolerated)
    yield from reader.run(segment_batches(stream, head, seps, reader.tolerated), seps)


def _file_finding(n: int, message: str, severity: Severity) -> Finding:
    return problem(f"Segment {n}: {message}", severity=severity)


class _Reader:
    __slots__ = (
        "findings", "held", "counts", "parsed", "envelope", "parties", "read_any_set", "reading",
        "claim", "line", "sv3_seen", "line_at", "claim_date", "claim_raw_date", "claim_notes",
        "line_notes", "noting", "claim_ntes", "clm_tails",
        "element", "component", "others", "parsers", "party_methods", "mine", "every", "count",
        "hollow",
    )  # fmt: skip

    def __init__(self, findings: list[Finding], share: tuple[int, int] = (0, 1)) -> None:
        self.findings = findings
        self.mine, self.every = share
        self.count = 0  # claims begun (CLM) so far
        self.hollow = False  # the current claim is another worker's: its lines are not read
        self.held: list[Finding] = []  # tolerated faults: dropped when the file was all 4010
        self.counts: dict[str, int] = {}
        self.parsed: dict[str, Any] = {}  # segment text → values, for the service-line segments
        self.envelope = Envelope(self.envelope_note)
        self.parties = Parties(self.envelope_note)
        self.read_any_set = self.reading = False
        self.claim: Claim | None = None
        self.line: Line | None = None
        self.sv3_seen = True
        self.line_at = 0  # the LX segment of the current line
        self.claim_date: dt.date | None = None
        self.claim_raw_date: str | None = None
        # the claim-level DTP's warnings (a range), said only if a line takes that date
        self.claim_notes: tuple[int, tuple[Problem, ...]] | None = None
        # lines' notes from loop 2300 ('LINE 2 - …'): line position → (segment, text)
        self.line_notes: dict[int, tuple[int, str]] = {}
        self.noting = 0  # the line whose note the last NTE began (0: the claim's own)
        self.claim_ntes = 0  # NTE segments in the claim's loop 2300 so far
        self.clm_tails: dict[str, str] = {}  # CLM05-CLM09 as written → what is wrong ("")
        self.element = self.component = ""
        p = self.parties
        # segments split each time, by id: each method takes (elements, segment number)
        self.others: dict[str, Callable[[list[str], int], Claim | None]] = {
            "ISA": self.isa, "GS": self.gs, "ST": self.st, "SE": self.se, "GE": self.ge,
            "IEA": self.iea, "CLM": self.clm, "NTE": self.nte,
        }  # fmt: skip
        # segments whose values depend on their text alone, kept by text in `parsed`:
        # id -> (parse elements, what the loop does with the values)
        self.parsers: dict[str, tuple[Callable[[list[str]], Any], int]] = {
            "LX": (parse_lx, _LX), "SV3": (self.parse_sv3, _SV3), "DTP": (parse_dtp, _DTP),
            "TOO": (self.parse_too, _TOO), "HL": (parse_hl, _HL),
        }  # fmt: skip
        party_segments: tuple[tuple[str, Callable[[list[str]], Any], _Method], ...] = (
            ("NM1", parse_nm1, p.nm1), ("N3", parse_n3, p.n3), ("N4", parse_n4, p.n4),
            ("REF", parse_first, p.ref), ("PAT", parse_first, p.pat),
            ("SBR", parse_nothing, p.sbr), ("DMG", self.parse_dmg, p.dmg),
        )  # fmt: skip
        self.party_methods: list[_Method] = []  # kind _PARTY + i: the i-th
        for kind, (sid, parse, method) in enumerate(party_segments, _PARTY):
            self.parsers[sid] = (parse, kind)
            self.party_methods.append(method)

    # --- findings -----------------------------------------------------------------------------

    def tolerated(self, n: int, message: str, severity: Severity = "warning") -> None:
        """A fault read anyway (a BOM, line breaks as terminators): held until a 5010 set is
        read, as a file that is all 4010 gets one finding saying so instead."""
        (self.findings if self.read_any_set else self.held).append(
            _file_finding(n, message, severity)
        )

    def envelope_note(self, n: int, message: str, severity: Severity) -> None:
        self.findings.append(_file_finding(n, message, severity))

    def counted(self, kind: str, n: int, message: str, severity: Severity) -> None:
        """A fault that may repeat on every segment: listed MAX_LISTED times, then counted."""
        seen = self.counts[kind] = self.counts.get(kind, 0) + 1
        if seen <= MAX_LISTED:
            self.findings.append(_file_finding(n, message, severity))

    def fault(
        self,
        n: int,
        message: str,
        rule: str = "input.invalid",
        severity: Severity = "error",
        line: Line | None = None,
    ) -> None:
        claim = self.claim
        assert claim is not None
        where = f"Line {line.number}: " if line is not None else ""
        claim.problems.append(
            problem(
                f"{where}{message} (segment {n})",
                claim.id,
                line.number if line else None,
                severity,
                rule,
            )
        )

    def faults(self, n: int, found: tuple[Problem, ...], line: Line | None) -> None:
        for message, rule, severity in found:
            self.fault(n, message, rule, severity, line)

    # --- the loop -----------------------------------------------------------------------------

    def run(self, batches: Iterator[list[str] | Separators], seps: Separators) -> Iterator[Claim]:
        """The loop (see the module's docstring): a segment met before inside a set is handed
        its kept values, and a usual one read right here; an unusual one (a fault to report, a
        state to check) goes to its method, where every case is read."""
        self.element = seps.element
        self.component = seps.component
        parsed = self.parsed
        parties = self.parties
        new_line, sv3, place_tooth, dtp = self.new_line, self.sv3, self.place_tooth, self.dtp
        party_methods = self.party_methods
        reading = hollow = False
        line: Line | None
        n = 0  # the segment's number
        for batch in batches:
            if isinstance(batch, Separators):  # a later interchange's own
                self.element, self.component = batch.element, batch.component
                parsed.clear()
                continue
            for seg in batch:
                n += 1
                hit = parsed.get(seg)
                if hit is None or not reading:
                    hit = self.split(seg, n)
                    reading, hollow = self.reading, self.hollow
                    if hit is None:
                        continue
                kind, values = hit
                if hollow and kind < _HL:  # a line's segment, of another worker's claim
                    continue
                if kind is _LX:
                    claim = self.claim
                    if claim is not None and self.sv3_seen:
                        lines = claim.lines
                        number = len(lines) + 1
                        if number <= MAX_LINES and values == _NUMBERS[number]:  # the usual
                            parties.other_payer = False
                            parties.party = None
                            line = self.line = Line(number, "")
                            self.line_at, self.sv3_seen = n, False
                            lines.append(line)
                            continue
                    new_line(values, n)
                elif kind is _SV3:
                    line = self.line
                    if line is None or self.sv3_seen or values[4]:
                        sv3(values, n)
                    else:  # the usual SV3: its LX just before it, nothing to report
                        self.sv3_seen = True
                        line.code, line.fee, line.area, line.quantity, _ = values
                elif kind is _DTP:
                    line = self.line
                    if line is None or values[2] or parties.other_payer:
                        dtp(values, n)
                    else:  # the usual date of service, on a line
                        line.date, line.raw_date = values[0], values[1]
                elif kind is _TOO:
                    line = self.line
                    if line is None or values[3] or not values[1] or line.tooth is not None:
                        place_tooth(values, n)
                    else:  # the line's first tooth, nothing to report
                        line.tooth_system, line.tooth, line.surfaces, _ = values
                elif kind is _HL:
                    done = self.finish(n) if self.claim is not None else None
                    hollow = False
                    parties.hl(values, n)
                    if done is not None:
                        yield done
                elif kind is _DONE:
                    yield values
                elif kind is not _NOTHING:
                    party_methods[kind - _PARTY](values, n)
        if self.claim is not None:
            yield self.finish(n)
        self.envelope.end(n)
        self.close()

    def split(self, seg: str, n: int) -> tuple[int, Any] | None:
        """A segment not met before (or outside a set): split into elements and read by its id.
        Returns what the loop does with it: (kind, values) as kept in `parsed`, (_DONE, claim)
        when a claim ended, None when nothing is left to do."""
        el = seg.split(self.element)
        sid = el[0]
        if not (self.reading or sid in ENVELOPE):
            self.other(sid, n, seg)
            return None
        reader = self.parsers.get(sid)
        if reader is not None:
            parse, kind = reader
            values = parse(el)
            kept = (kind if values != () else _NOTHING, values)
            parsed = self.parsed
            if len(parsed) >= CACHE_SIZE:
                parsed.clear()
            parsed[seg] = kept
            return kept
        handler = self.others.get(sid)
        if handler is None:
            self.other(sid, n, seg)
            return None
        done = handler(el, n)
        return None if done is None else (_DONE, done)

    def parse_dmg(self, el: list[str]) -> tuple[dt.date | None, str]:
        return parse_dmg(el, ccyymmdd)

    def parse_sv3(self, el: list[str]) -> Sv3:
        return parse_sv3(el, self.component)

    def parse_too(self, el: list[str]) -> Too:
        return parse_too(el, self.component)

    def other(self, sid: str, n: int, seg: str) -> None:
        """A segment this reader does not read: reported when it is no 837 segment."""
        if not seg or sid in KNOWN:
            return
        if self.envelope.transaction is None:
            self.counted(
                "outside",
                n,
                f"a {shown(sid, 12)} segment stands outside any transaction set; skipped",
                "error",
            )
        elif self.reading:
            well_formed = _SEGMENT_ID.fullmatch(sid) is not None
            self.counted(
                "unknown",
                n,
                f"{shown(sid, 12)} is not a segment of an 837 claim"
                + ("" if well_formed else " (are the separators right?)")
                + "; skipped",
                "warning" if well_formed else "error",
            )

    def close(self) -> None:
        what = {"unknown": "unknown segments", "outside": "segments outside a set"}
        for kind, seen in self.counts.items():
            if seen > MAX_LISTED:
                self.findings.append(
                    problem(
                        f"… and {seen - MAX_LISTED} more {what.get(kind, 'misplaced segments')}"
                    )
                )
        if self.read_any_set or not self.envelope.old_versions:
            self.findings.extend(self.held)  # (nothing left once a 5010 set was read)

    # --- envelopes ----------------------------------------------------------------------------

    def _closing(
        self, el: list[str], n: int, check: Callable[[list[str], int], None]
    ) -> Claim | None:
        done = self.finish(n) if self.claim is not None else None
        self.reading = False
        check(el, n)
        return done

    def isa(self, el: list[str], n: int) -> Claim | None:
        return self._closing(el, n, self.envelope.isa)

    def gs(self, el: list[str], n: int) -> Claim | None:
        return self._closing(el, n, self.envelope.gs)

    def se(self, el: list[str], n: int) -> Claim | None:
        self.parties.tree.end_set(n)
        return self._closing(el, n, self.envelope.se)

    def ge(self, el: list[str], n: int) -> Claim | None:
        return self._closing(el, n, self.envelope.ge)

    def iea(self, el: list[str], n: int) -> Claim | None:
        return self._closing(el, n, self.envelope.iea)

    def st(self, el: list[str], n: int) -> Claim | None:
        done = self.finish(n) if self.claim is not None else None
        reading = self.envelope.st(el, n)
        if reading and not self.read_any_set:  # the first 5010 set: what was held is said
            self.read_any_set = True
            self.findings.extend(self.held)
            self.held.clear()
        self.parties.start_set()
        self.reading = reading
        return done

    # --- the claim and its lines --------------------------------------------------------------

    def clm(self, el: list[str], n: int) -> Claim | None:
        done = self.finish(n) if self.claim is not None else None
        claim_id = el[1].strip() if len(el) > 1 else ""
        p = self.parties
        count = self.count
        self.count, self.hollow = count + 1, count % self.every != self.mine
        birth, bad = p.birth()
        total, fault = amount(el[2] if len(el) > 2 else "", "CLM02 (the claim total)")
        # every field given, in the order of Claim's fields (the quickest way to make one)
        self.claim = Claim(
            claim_id or f"segment {n}", [], birth, p.payer_name, [], total, None, [],
            p.billing, p.subscriber, p.patient, p.payer, f"CLM at segment {n}",
        )  # fmt: skip
        self.claim.file_findings_before = len(self.findings)
        self.line = None
        self.claim_date = self.claim_raw_date = self.claim_notes = None
        self.noting = self.claim_ntes = 0
        if self.line_notes:
            self.line_notes = {}
        p.in_claim, p.party = True, None
        if len(el) > 19 and el[19].strip() == "PB":  # CLM19: a predetermination of benefits
            self.claim.predetermination = True
        if not claim_id:
            self.fault(n, "CLM01 (the claim id) is empty")
        tail = "*".join(el[5:10])  # CLM05-CLM09, the same on most claims of a file
        wrong = self.clm_tails.get(tail)
        if wrong is None:
            if len(self.clm_tails) >= CACHE_SIZE:
                self.clm_tails.clear()
            wrong = self.clm_tails[tail] = "; ".join(_clm_codes(el, self.component))
        if wrong:
            self.fault(n, f"{wrong}: receivers reject such a claim")
        if bad is not None:
            self.fault(
                bad,
                "the patient's birth date (DMG) is not a date (D8, CCYYMMDD)",
                rule="date.invalid",
            )
        if p.billing is None:
            self.fault(n, "no billing provider (2010AA NM1*85) comes before this claim")
        elif not p.billing.tax_id and p.first_time("tax id", p.billing.id or p.billing.name):
            p.note(
                n,
                f"the billing provider {shown(p.billing.name, 30)} gives no tax id (2010AA "
                "REF*EI, or REF*SY for a social security number), which 5010 requires",
                "warning",
            )
        if p.payer is None:
            self.fault(n, "no payer (2010BB NM1*PR) comes before this claim")
        if fault:
            self.faults(n, (fault,), None)
        return done

    def new_line(self, number_text: str, n: int) -> Line | None:
        """LX: a new service line, numbered by its place in the claim (LX01 is checked)."""
        claim = self.claim
        if claim is None:
            self.counted("stray", n, "an LX (service line) comes before any CLM", "error")
            return None
        if not self.sv3_seen:
            self.fault(self.line_at, "the service line has no SV3 (procedure, fee)", line=self.line)
        self.parties.other_payer = False
        self.parties.party = None
        lines = claim.lines
        number = len(lines) + 1
        self.line = line = Line(number, "")
        self.line_at, self.sv3_seen = n, False
        lines.append(line)
        if number == MAX_LINES + 1:
            self.fault(
                n,
                f"the claim has more than {MAX_LINES} service lines, the most an 837D claim "
                "takes (loop 2400): split it into two claims",
                line=line,
            )
        if number >= 1000 or number_text != _NUMBERS[number]:
            self.fault(
                n,
                f"LX01 numbers this line {shown(number_text)}; lines are numbered 1, "
                "2, 3… in order",
                severity="warning",
                line=line,
            )
        return line

    def sv3(self, values: Sv3, n: int) -> None:
        """SV3: the line's code, fee, area and quantity (a line of its own when no LX came
        before it)."""
        line = self.line
        if line is None or self.sv3_seen:
            if self.claim is None:
                return self.counted("stray", n, "an SV3 comes before any CLM", "error")
            line = self.new_line(_NUMBERS[min(len(self.claim.lines) + 1, 999)], n)
            assert line is not None
            self.fault(n, "this SV3 has no LX of its own before it", severity="warning", line=line)
        self.sv3_seen = True
        line.code, line.fee, line.area, line.quantity, found = values
        if found:
            self.faults(n, found, line)

    def place_tooth(self, values: Too, n: int) -> None:
        line = self.line
        if line is None:
            if self.claim is None:
                message = "a TOO (tooth) comes before any claim"
                return self.counted("stray", n, message, "error")
            return self.fault(n, "a TOO (tooth) comes before the claim's first service line")
        system, tooth, surfaces, found = values
        if found:
            self.faults(n, found, line)
        if not tooth:
            return
        if line.tooth is None:
            line.tooth_system, line.tooth, line.surfaces = system, tooth, surfaces
        else:
            line.extra_teeth += ((tooth, surfaces),)

    def dtp(self, values: Dtp | tuple[()], n: int) -> None:
        if not values or self.claim is None or self.parties.other_payer:
            return
        day, raw, found = values
        if self.line is None and found and all(f[2] == "warning" for f in found):
            self.claim_notes = (n, found)  # said in finish() if a line takes this date
        elif found:
            self.faults(n, found, self.line)
        if self.line is None:
            self.claim_date, self.claim_raw_date = day, raw
        else:
            self.line.date, self.line.raw_date = day, raw

    def nte(self, el: list[str], n: int) -> None:
        if self.claim is None or self.parties.other_payer:
            return
        text = " ".join(e.strip() for e in el[2:] if e.strip())
        if not text:
            return
        line = self.line
        if line is not None:  # read, as older 837D (4010) and some software write it
            self.fault(
                n,
                "an NTE inside a service line (loop 2400) is not part of 005010X224A2 and "
                "receivers may reject the file; it was read as this line's note. Put a line's "
                "note in the claim's NTE (loop 2300), starting 'LINE 2 - ' for line 2",
                severity="warning",
                line=line,
            )
            line.narrative = _joined(line.narrative, text)
            return
        self.claim_ntes += 1
        if self.claim_ntes == CLAIM_NTES + 1:
            self.fault(
                n,
                f"the claim has more than {CLAIM_NTES} NTE segments, the most its loop 2300 "
                "takes: receivers may reject the claim or cut its notes; all were read",
                severity="warning",
            )
        start = LINE_NOTE_START.match(text)
        if start is not None:  # a line's note in loop 2300, as cdthub writes one
            self.noting = int(start[1])
            text = text[start.end() :]
        if self.noting:
            at, before = self.line_notes.get(self.noting, (n, ""))
            self.line_notes[self.noting] = (at, _joined(before, text))
            return
        claim = self.claim
        claim.narrative = _joined(claim.narrative, text)

    def finish(self, n: int) -> Claim:
        claim = self.claim
        assert claim is not None
        if not self.sv3_seen:
            self.fault(self.line_at, "the service line has no SV3 (procedure, fee)", line=self.line)
        if self.claim_notes is not None and any(  # a line takes the claim's date range
            line.date is None and line.raw_date is None for line in claim.lines
        ):
            self.faults(*self.claim_notes, None)
        self.claim = self.line = None
        self.sv3_seen = True
        p = self.parties
        p.in_claim = p.other_payer = False
        if self.hollow:  # another worker's claim: nothing of it was read
            self.hollow = False
            return claim
        lines = claim.lines
        if self.line_notes:
            self.place_line_notes(claim)
        if not lines:
            claim.problems.append(
                problem(f"the claim ({claim.source}) has no service lines", claim.id)
            )
            return claim
        date, raw_date = self.claim_date, self.claim_raw_date
        if date is not None or raw_date is not None:  # the claim's DTP*472, for lines without
            for line in lines:
                if line.date is None and line.raw_date is None:
                    line.date, line.raw_date = date, raw_date
        added: Decimal | None = _ZERO
        for line in lines:
            fee = line.fee
            if added is not None:
                added = None if fee is None else added + fee
        total = claim.total
        if total is not None and added is not None and added != total:
            message = (
                f"the claim total {total} (CLM02, {claim.source}) is not the sum of its "
                f"line fees {added}: correct the total or the fees"
            )
            claim.problems.append(problem(message, claim.id))
        return claim

    def place_line_notes(self, claim: Claim) -> None:
        """Each 'LINE n - …' note of loop 2300 to its line; one naming a line the claim does
        not have stays in the claim's note, as written, and is said."""
        lines = claim.lines
        for number, (n, text) in self.line_notes.items():
            if 0 < number <= len(lines):
                line = lines[number - 1]
                line.narrative = _joined(line.narrative, text)
                continue
            message = (
                f"a note is for line {number}, which the claim does not have; it was kept in "
                f"the claim's note (segment {n})"
            )
            claim.problems.append(problem(message, claim.id, severity="warning"))
            kept = LINE_NOTE.format(number) + text
            claim.narrative = _joined(claim.narrative, kept)
        self.line_notes = {}


def _joined(note: str | None, more: str) -> str:
    """A note with more text after it (NTE segments continue one another)."""
    return f"{note} {more}" if note else more


# CLM06 to CLM09, which every claim gives: element → (what it says, the codes it takes)
CLM_CODES = (
    (6, "CLM06 (provider signature on file)", ("Y", "N")),
    (7, "CLM07 (assignment accepted)", ("A", "C")),
    (8, "CLM08 (benefits assigned)", ("Y", "N", "W")),
    (9, "CLM09 (release of information)", ("I", "Y")),
)


def _clm_codes(el: list[str], component: str) -> list[str]:
    """What is missing or wrong among CLM05 (place of service, B, frequency) and CLM06-09."""
    wrong = []
    place = el[5].strip().split(component) if len(el) > 5 else [""]
    if len(place) != 3 or not place[0] or place[1] != "B" or not place[2]:
        shown_place = shown(el[5].strip()) if len(el) > 5 and el[5].strip() else "missing"
        wrong.append(
            f"CLM05 is {shown_place}, not place of service{component}B{component}frequency "
            f"(11{component}B{component}1 for an original claim at an office)"
        )
    for i, name, codes in CLM_CODES:
        value = el[i].strip() if len(el) > i else ""
        if value not in codes:
            said = f"is {shown(value)}" if value else "is missing"
            wrong.append(f"{name} {said} ({' or '.join(codes)})")
    return wrong


def parse_hl(el: list[str]) -> Hl:
    """HL: its id (HL01), parent (HL02), level (HL03) and whether levels follow (HL04)."""
    if len(el) < 5:
        el = el + [""] * (5 - len(el))
    return el[1].strip(), el[2].strip(), el[3].strip(), el[4].strip()


def parse_lx(el: list[str]) -> str:
    """LX: the line number as written."""
    return el[1].strip() if len(el) > 1 else ""
