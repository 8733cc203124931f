"""Shared by the X12 tests: reading text, the repo's fixtures and the public samples."""

from __future__ import annotations

import io
from pathlib import Path

from cdthub.core.claims.formats import read_file
from cdthub.core.claims.model import Claim, Finding

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CLEAN = (FIXTURES / "clean.x12").read_text(encoding="ascii")
# the public samples (written by others, never copied into the repo): see PROVENANCE.md there
SAMPLES = next(
    (
        p
        for p in (
            Path(__file__).resolve().parents[5] / "shared" / "data" / "x12-samples",
            Path("/work/shared/data/x12-samples"),
        )
        if p.is_dir()
    ),
    None,
)


def read_text(text: str | bytes) -> tuple[list[Claim], list[Finding]]:
    """Every claim and the file-level findings of X12 text."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    claim_file = read_file(io.BytesIO(data), "x12")
    claims = list(claim_file.claims)
    return claims, claim_file.findings


def messages(findings: list[Finding]) -> str:
    return "\n".join(f.message for f in findings)


def problems(claims: list[Claim]) -> list[Finding]:
    return [p for c in claims for p in c.problems]
