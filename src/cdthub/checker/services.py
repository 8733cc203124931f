"""Checking what a person sends to the page or the API: bytes in some format, or the lines of
the small form. One Checker per catalog and pack is kept, so its per-line cache serves every
request. Nothing sent is stored or logged.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from cdthub.core.claims.check import Checker, Summary
from cdthub.core.claims.formats import UnreadableFile, read_file
from cdthub.core.claims.model import Claim, Finding, Line
from cdthub.core.claims.packs import Pack, load_pack, pack_names
from cdthub.core.claims.records import claim_from_record
from cdthub.core.claims.rules.site import read_teeth
from cdthub.core.codes import Catalog

MAX_BYTES = 2 * 1024 * 1024  # what the page and the API take in one request (Django's
# DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB by default, caps a pasted text and an API body anyway)
MAX_SHOWN = 500  # claims the page shows line by line; findings of the rest still count
MAX_LINES = 300  # lines of one claim the page shows; findings of the rest still count

_lock = threading.Lock()
_checkers: dict[tuple[int, str], Checker] = {}


def checker_for(catalog: Catalog, pack: Pack | None) -> Checker:
    key = (id(catalog), pack.name if pack else "")
    with _lock:
        found = _checkers.get(key)
        if found is None or found.catalog is not catalog:
            if len(_checkers) > 16:
                _checkers.clear()
            found = _checkers[key] = Checker(catalog, pack)
        return found


def pack_named(name: str | None) -> Pack | None:
    """A bundled pack chosen by name; None (each claim's payer decides) for anything else."""
    return load_pack(name) if name and name in pack_names() else None


@dataclass
class CheckedClaim:
    claim: Claim
    findings: list[Finding]

    def for_line(self, number: int) -> list[Finding]:
        return self._by_line.get(number, [])

    @cached_property
    def _by_line(self) -> dict[int | None, list[Finding]]:
        grouped: dict[int | None, list[Finding]] = {}
        for f in self.findings:
            grouped.setdefault(f.line, []).append(f)
        return grouped

    def rows(self) -> list[tuple[Line, list[Finding]]]:
        """Each line with its findings, up to MAX_LINES (a claim of thousands of lines would
        make a page no browser opens: the CSV and the counts hold them all)."""
        return [(line, self.for_line(line.number)) for line in self.claim.lines[:MAX_LINES]]

    @property
    def hidden_lines(self) -> int:
        return max(0, len(self.claim.lines) - MAX_LINES)

    @cached_property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    @property
    def general(self) -> list[Finding]:
        return [f for f in self.findings if f.line is None]

    def marked_teeth(self) -> dict[str, tuple[str, int]]:
        """Universal label → the worst severity found on a line that names the tooth ("" when
        the tooth is on the claim with no finding) and the first line with that severity."""
        marks: dict[str, tuple[str, int]] = {}
        rank = {"": 0, "warning": 1, "error": 2}
        for line in self.claim.lines[:MAX_LINES]:
            teeth, _ = read_teeth(line.tooth, line.tooth_system, line.extra_teeth)
            worst = {f.severity for f in self.for_line(line.number)}
            level = "error" if "error" in worst else ("warning" if worst else "")
            for tooth in teeth:
                known = marks.get(tooth.label)
                if known is None or rank[level] > rank[known[0]]:
                    marks[tooth.label] = (level, line.number)
        return marks


@dataclass
class Report:
    claims: list[CheckedClaim] = field(default_factory=list)
    # every finding, the file's own where they belong (ClaimFile.in_file_order), as the CLI
    findings: list[Finding] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    more: int = 0  # claims checked but not shown one by one
    # every finding with the line it is about (None: about the file or the whole claim), in
    # the order of `findings`; kept for the page's CSV (the API keeps only the findings)
    located: list[tuple[Finding, Line | None]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "findings": [f.to_dict() for f in self.findings],
            "summary": self.summary.to_dict(),
        }


def check_bytes(
    data: bytes, fmt: str | None, catalog: Catalog, pack: Pack | None = None, keep: bool = True
) -> Report:
    """Read and check claims sent as bytes. Raises UnreadableFile when nothing can be read.
    `keep` False: keep only the findings (the API), not the claims (the page)."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile(
            f"the claims are {len(data) / 1048576:.1f} MB; up to {MAX_BYTES // 1048576} MB can "
            "be checked here: use the command cdthub check for bigger files"
        )
    claim_file = read_file(io.BytesIO(data), fmt)
    checker = checker_for(catalog, pack)
    report = Report()
    for file_findings, claim in claim_file.in_file_order():
        report.summary.add(file_findings, claims=0)
        report.findings.extend(file_findings)
        if keep:
            report.located.extend((f, None) for f in file_findings)
        if claim is None:
            break
        findings = checker.check(claim)
        report.summary.add(findings)
        report.findings.extend(findings)
        if keep:
            report.located.extend(_with_lines(claim, findings))
        if keep and len(report.claims) < MAX_SHOWN:
            report.claims.append(CheckedClaim(claim, findings))
        elif keep:
            report.more += 1
    return report


def check_form(record: Mapping[str, object], catalog: Catalog, pack: Pack | None) -> Report:
    """Check one claim typed into the page's line form (already shaped as claim JSON)."""
    claim = claim_from_record(record, 1)
    findings = checker_for(catalog, pack).check(claim)
    report = Report(claims=[CheckedClaim(claim, findings)], findings=findings)
    report.located = _with_lines(claim, findings)
    report.summary.add(findings)
    return report


def _with_lines(claim: Claim, findings: list[Finding]) -> list[tuple[Finding, Line | None]]:
    """Each finding with the line it names (None for one about the whole claim)."""
    numbered = {line.number: line for line in claim.lines}
    return [(f, numbered.get(f.line) if f.line is not None else None) for f in findings]


CSV_COLUMNS = ("claim", "line", "rule", "severity", "message", "date", "code", "tooth", "surfaces")


def findings_csv(located: Iterable[tuple[Finding, Line | None]]) -> str:
    """The findings as CSV, one a row: claim, line, rule, severity, message, then the service
    the finding is about (its line's date of service, code, teeth as the page shows them and
    surfaces; empty for a finding about the file or the whole claim). A byte-order mark first,
    so that Excel reads it as UTF-8; a cell a spreadsheet would take for a formula (=, +, -, @
    first: claim ids, codes, teeth and surfaces are the sender's text) starts with an
    apostrophe."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for f, line in located:
        service = _service_cells(line) if line is not None else ["", "", "", ""]
        writer.writerow(
            [_cell(f.claim or ""), f.line or "", f.rule, f.severity, _cell(f.message)]
            + [_cell(text) for text in service]
        )
    return out.getvalue()


def _service_cells(line: Line) -> list[str]:
    """Date of service, code, teeth and surfaces of a line, as the page's table shows them."""
    date = line.date.isoformat() if line.date else line.raw_date or ""
    teeth = line.teeth_shown + (" ISO" if line.tooth and line.tooth_system == "JO" else "")
    return [date, line.code, teeth, line.surfaces or ""]


def _cell(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
