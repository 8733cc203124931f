"""Claims as JSON (DESIGN.md's claim JSON): one claim, `{"claims": [...]}` or a bare list.

Reading streams: a file that starts with `{"claims": [` or `[` is read claim by claim with
ijson, so memory stays flat however many claims it holds; any other layout (one claim, or
`"claims"` after other keys) is small by nature and read whole. Writing streams too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import BinaryIO, TextIO

import ijson  # type: ignore[import-untyped]

from .fields import UnreadableFile, problem, shown
from .model import Claim, Finding
from .records import claim_from_record

SEEN_LIMIT = 1_000_000  # claim ids remembered to spot one used twice (memory stays bounded)
_STREAMED = re.compile(rb'\s*(\[|\{\s*"claims"\s*:\s*\[)')


def read_json(stream: BinaryIO, head: bytes, findings: list[Finding]) -> Iterator[Claim]:
    """Claims from a JSON byte stream positioned after any BOM; `head` holds its first bytes.

    Raises UnreadableFile before the first claim when nothing can be read; a fault after
    that becomes a file-level finding in `findings` and ends the stream."""
    match = _STREAMED.match(head)
    if match is None:
        yield from _read_whole(stream)
        return
    prefix = "item" if match.group(1) == b"[" else "claims.item"
    position = 0
    seen: dict[str, int] = {}
    try:
        for record in ijson.items(stream, prefix):
            position += 1
            yield _once(_claim(record, position), position, seen)
    except ijson.JSONError as exc:
        if position == 0:
            raise UnreadableFile(f"the file is not valid JSON ({_reason(exc)})") from None
        findings.append(
            problem(
                f"The JSON stops being valid after claim {position} ({_reason(exc)}); "
                "the claims after that point were not read."
            )
        )
    if position == 0:
        raise UnreadableFile("the file holds no claims (the list is empty)")


def _read_whole(stream: BinaryIO) -> Iterator[Claim]:
    try:
        data = json.loads(stream.read().decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        raise UnreadableFile(
            f"the file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    if isinstance(data, Mapping) and "claims" in data:
        records = data["claims"]
        if not isinstance(records, list) or not records:
            raise UnreadableFile('"claims" must be a list holding at least one claim')
    elif isinstance(data, Mapping):
        records = [data]
    else:
        raise UnreadableFile(
            'the JSON must be a claim object, {"claims": [...]} or a list of claims, '
            f"not {type(data).__name__}"
        )
    seen: dict[str, int] = {}
    for position, record in enumerate(records, start=1):
        yield _once(_claim(record, position), position, seen)


def _claim(record: object, position: int) -> Claim:
    if isinstance(record, Mapping):
        return claim_from_record(record, position)
    claim = Claim(id=str(position))
    message = f"Claim {position} is {shown(record)}, not a claim object with lines; skipped."
    claim.problems.append(problem(message, claim.id))
    return claim


def _once(claim: Claim, position: int, seen: dict[str, int]) -> Claim:
    """The claim, with a warning when an earlier claim of the file has its id (their findings
    could not be told apart). Ids are remembered up to SEEN_LIMIT claims."""
    first = seen.get(claim.id)
    if first is not None:
        claim.problems.append(
            problem(
                f"Claim {position} has the id {shown(claim.id)} of claim {first} of this file: "
                "findings of both name it; give each claim its own id.",
                claim.id,
                severity="warning",
            )
        )
    elif len(seen) < SEEN_LIMIT:
        seen[claim.id] = position
    return claim


def _reason(exc: Exception) -> str:
    """The parser's reason in one short line, without the text around the fault (which may
    hold a note about a patient)."""
    reason = exc.args[0] if exc.args else ""
    if isinstance(reason, bytes):
        reason = reason.decode("utf-8", "replace")
    text = str(reason).strip().splitlines()[0] if str(reason).strip() else type(exc).__name__
    return text if len(text) <= 120 else text[:120] + "…"


def write_json(claims: Iterable[Claim], out: TextIO) -> None:
    """`{"claims": [...]}`, one claim per line, written as the claims come."""
    out.write('{"claims": [\n')
    first = True
    for claim in claims:
        if not first:
            out.write(",\n")
        out.write(json.dumps(claim.to_dict(), ensure_ascii=False))
        first = False
    out.write("\n]}\n")
