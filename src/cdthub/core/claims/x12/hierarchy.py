"""The HL hierarchy of an 837D transaction set: billing provider (20) above subscriber (22) above
patient (23), each HL naming its parent (HL02) and saying whether levels follow under it (HL04
1 or 0). A receiver rejects a set whose tree does not hold together; each fault is said once,
naming the segment.

The levels are written depth first, so a level that says children follow must be followed by
one of them, before the next level elsewhere or the set's end (SE). Ids are remembered up to
MEMORY per set (a duplicate or a parent beyond that goes unsaid), so memory stays bounded on a
set of any size.
"""

from __future__ import annotations

from .segments import Note

PARENT_LEVEL = {"20": "", "22": "20", "23": "22"}  # a level → the level of its parent
NAMES = {"20": "billing provider", "22": "subscriber", "23": "patient"}
MEMORY = 50_000  # HL ids remembered per transaction set (a few MB)

Hl = tuple[str, str, str, str]  # HL01 id, HL02 parent, HL03 level, HL04 children ("1"/"0")


class Hierarchy:
    __slots__ = ("note", "levels", "last")

    def __init__(self, note: Note) -> None:
        self.note = note
        self.levels: dict[str, tuple[str, str]] = {}  # id → (level, HL04) in this set
        self.last: tuple[str, str, int] | None = None  # the last HL: id, HL04, its segment

    def start_set(self) -> None:
        self.levels = {}
        self.last = None

    def add(self, hl: Hl, n: int) -> None:
        """An HL segment (segment n) whose level is a known one."""
        ident, parent, level, children = hl
        levels = self.levels
        if ident in levels:
            self.note(n, f"HL01 {ident!r} is used twice in this transaction set", "error")
        fault = self.parent_fault(parent, level)
        if fault is not None:
            self.note(n, fault, "error")
        else:  # well placed: then the level before, if it promised children, is left without
            last = self.last
            if last is not None and last[1] == "1" and parent != last[0]:
                self._childless(last, n)
        if len(levels) < MEMORY:
            levels[ident] = (level, children)
        self.last = (ident, children, n)

    def end_set(self, n: int) -> None:
        """The transaction set ends at segment n (its SE): its last level has no children."""
        last = self.last
        if last is not None and last[1] == "1":
            self._childless(last, n)
        self.last = None

    def _childless(self, last: tuple[str, str, int], n: int) -> None:
        self.note(
            n,
            f"HL {last[0]} (segment {last[2]}) says levels follow under it (HL04 1), "
            "but none does: set its HL04 to 0",
            "error",
        )

    def parent_fault(self, parent: str, level: str) -> str | None:
        """What is wrong with HL02 for a level (None: nothing, or nothing to tell)."""
        wanted = PARENT_LEVEL[level]
        if not wanted:
            return None
        if not parent:
            return (
                f"HL02 is empty: a {NAMES[level]} level belongs under a {NAMES[wanted]} "
                f"({wanted}); name its HL01"
            )
        known = self.levels.get(parent)
        if known is None:
            if len(self.levels) >= MEMORY:
                return None
            return (
                f"HL02 {parent!r} names no earlier HL of this transaction set: a "
                f"{NAMES[level]} level belongs under a {NAMES[wanted]} ({wanted})"
            )
        above, above_children = known
        if above != wanted:
            return (
                f"this {NAMES[level]} level (HL03 {level}) is under HL {parent}, a "
                f"{NAMES.get(above, above)} level ({above}): it belongs under a "
                f"{NAMES[wanted]} ({wanted})"
            )
        if above_children == "0":
            return (
                f"HL {parent} says no levels follow under it (HL04 0), but this one is under "
                "it: set that HL04 to 1"
            )
        return None
