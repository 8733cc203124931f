"""X12 text as a stream of segments: the separators come from the ISA header, then the text is
cut into segments chunk by chunk, so memory stays flat on a file of any size.

Real files are messy; what can be read safely is read and reported through `note`:
a line break or carriage return used as the segment terminator, segments indented with
spaces, an ISA whose fixed-width fields are not padded, a last segment without terminator.
Line breaks after the terminator (one segment per line) are common practice and pass silently.

Hand-written rather than a library: pyx12 has no 837D map and validates 837P at a small
fraction of the speed this needs; a segment split is a few lines of str.split.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TextIO

from ..fields import UnreadableFile
from ..model import Severity

CHUNK = 1 << 20  # characters read at a time
ISA_LENGTH = 106  # the ISA segment, terminator included, when its fields are padded as required
ISA_ELEMENTS = 16

Note = Callable[[int, str, Severity], None]  # (segment number, message, severity)


@dataclass(frozen=True, slots=True)
class Separators:
    element: str
    component: str
    segment: str  # "\n" when the file ends segments with line breaks


def read_isa(head: str, note: Note) -> Separators:
    """The separators the ISA at the start of `head` declares. Raises UnreadableFile when there
    is no ISA or its separators cannot be found."""
    if not head.startswith("ISA") or len(head) < 4:
        raise UnreadableFile("the file does not start with an ISA segment, so it is not X12")
    element = head[3]
    if element.isalnum() or element.isspace():
        raise UnreadableFile(f"the ISA segment has no element separator after 'ISA' ({element!r})")
    end = -1
    for _ in range(ISA_ELEMENTS):
        end = head.find(element, end + 1)
        if end < 0:
            raise UnreadableFile(
                f"the ISA segment is cut short: it needs {ISA_ELEMENTS} elements separated by "
                f"{element!r}"
            )
    component, terminator = head[end + 1 : end + 2], head[end + 2 : end + 3]
    if not component or component.isalnum() or component.isspace() or component == element:
        raise UnreadableFile(f"ISA16 (the component separator) is not usable: {component!r}")
    if not terminator or terminator.isalnum() or terminator in (element, component, " "):
        raise UnreadableFile(
            "no segment terminator follows the ISA segment "
            f"(found {terminator!r} after ISA16), so the segments cannot be told apart"
        )
    if terminator in "\r\n":
        crlf = head[end + 3 : end + 4] == "\n"
        name = "line break" if terminator == "\n" or crlf else "carriage return"
        note(
            1,
            f"segments end with a {name} instead of a terminator character such as '~'; "
            "read anyway, but many clearinghouses reject such files",
            "warning",
        )
        terminator = "\n"
    if end + 3 != ISA_LENGTH:
        note(
            1,
            f"the ISA segment is {end + 3} characters long instead of {ISA_LENGTH}: its "
            "fields must be padded to their fixed widths; read anyway",
            "warning",
        )
    return Separators(element, component, terminator)


def segment_batches(
    stream: TextIO, head: str, seps: Separators, note: Note
) -> Iterator[list[str] | Separators]:
    """Lists of segment texts (separators split off, line breaks and indentation removed), in
    file order. `head` is the text already read from `stream`, starting at the ISA. Where a
    later interchange declares other separators than the one before (each ISA declares its
    own, terminator included), those separators come first, then its segments."""
    cutter = _Cutter(seps, note)
    chunk, following = head, stream.read(CHUNK)
    while chunk:
        data, cutter.tail, start = cutter.tail + chunk, "", 0
        while True:
            at, other = _interchange(data, start, cutter.seps, at_end=not following)
            if other is None:
                break
            yield cutter.cut(data[start:at])
            cutter.tail = ""  # blank space between the last terminator and the ISA
            # what it tolerates (line breaks as terminators, no padding) named by its number
            read_isa(data[at : at + 2 * ISA_LENGTH], _numbered(note, cutter.count + 1))
            cutter.seps, start = other, at
            yield other
        if at < 0:
            yield cutter.cut(data[start:])
        else:  # an ISA cut off by the chunk's end: read whole with the next chunk
            yield cutter.cut(data[start:at])
            cutter.tail = data[at:]
        chunk, following = following, stream.read(CHUNK) if following else ""
    tail = cutter.tail.strip()
    if tail:
        note(
            cutter.count + 1,
            "the last segment has no terminator (is the file cut short?); read anyway",
            "warning",
        )
        yield [tail]


class _Cutter:
    """Cuts text into segments under the separators in force, keeping the unfinished end."""

    __slots__ = ("seps", "note", "indent_seen", "count", "tail")

    def __init__(self, seps: Separators, note: Note) -> None:
        self.seps, self.note = seps, note
        self.indent_seen = False
        self.count = 0  # segments handed out so far
        self.tail = ""  # text after the last terminator

    def cut(self, chunk: str) -> list[str]:
        term = self.seps.segment
        newline_terminated = term == "\n"
        if newline_terminated:
            if "\r" in chunk:
                chunk = chunk.replace("\r", "\n")
        elif "\n" in chunk or "\r" in chunk:
            chunk = chunk.replace("\r", "").replace("\n", "")
        data = self.tail + chunk
        parts = data.split(term)
        self.tail = parts.pop()
        if term + term in data or newline_terminated:
            parts = [p for p in parts if p]  # empty segments, blank lines
        if not self.indent_seen and (parts and parts[0][:1] in (" ", "\t") or term + " " in chunk):
            # (spaces after the file's last segment are its tail: no segment is indented)
            first = next((i for i, p in enumerate(parts) if p[:1] in (" ", "\t")), None)
            if first is not None:
                self.note(
                    self.count + first + 1,
                    "segments are indented with spaces; read anyway, but X12 "
                    "allows no spaces before a segment",
                    "warning",
                )
                self.indent_seen = True
        if self.indent_seen:
            parts = [p.strip(" \t") for p in parts]
        self.count += len(parts)
        return parts


def _silent(_n: int, _message: str, _severity: Severity) -> None:
    return None


def _numbered(note: Note, n: int) -> Note:
    """`note` for what read_isa says of a later ISA: at that ISA's number, not 1."""
    return lambda _n, message, severity: note(n, message, severity)


def _interchange(
    data: str, start: int, seps: Separators, at_end: bool
) -> tuple[int, Separators | None]:
    """The first ISA in `data` from `start` that begins a segment and declares separators
    other than `seps`: (where, its separators). (where, None) for an ISA cut off by the end of
    `data` when more is to come (not `at_end`); (-1, None) for none."""
    at = data.find("ISA", start)
    while at >= 0:
        if _begins_segment(data, at, seps.segment):
            try:
                other = read_isa(data[at : at + 2 * ISA_LENGTH], _silent)
            except UnreadableFile:
                if not at_end and len(data) - at < 2 * ISA_LENGTH:
                    return at, None
                other = seps  # a broken ISA: the reader says what is wrong with it
            if other != seps:
                return at, other
        at = data.find("ISA", at + 3)
    return -1, None


def _begins_segment(data: str, at: int, terminator: str) -> bool:
    """Whether the text at `at` begins a segment: only blank space since the last terminator."""
    before = at
    while before and data[before - 1] in " \t\r\n":
        before -= 1
    if before == 0 or data[before - 1] == terminator:
        return True
    return (
        terminator == "\n" and before < at and ("\n" in data[before:at] or "\r" in data[before:at])
    )
