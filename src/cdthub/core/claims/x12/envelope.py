"""The X12 envelopes around the claims: interchange (ISA…IEA), functional group (GS…GE) and
transaction set (ST…SE). Checks their counts, control numbers and versions and says which
transaction sets hold 837D claims to read.

Every fault is reported through `note(segment number, message, severity)`; nothing raises.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .segments import Note

VERSION = "005010X224A2"  # the HIPAA 837D
DENTAL = "005010X224"
OTHER_837 = {"005010X222": "837P (professional)", "005010X223": "837I (institutional)"}


@dataclass(slots=True)
class _Open:
    """An envelope that has started and not yet ended."""

    control: str
    segment: int  # where it started
    inner: int = 0  # groups in an interchange, sets in a group
    version: str = ""


@dataclass(slots=True)
class Envelope:
    note: Note
    interchange: _Open | None = None
    group: _Open | None = None
    transaction: _Open | None = None
    old_versions: set[str] = field(default_factory=set)

    def isa(self, el: list[str], n: int) -> None:
        if self.interchange is not None:
            self._missing("IEA", "interchange", self.interchange, n)
        self.interchange = _Open(_get(el, 13), n, version=_get(el, 12))

    def gs(self, el: list[str], n: int) -> None:
        if self.interchange is None:
            self.note(n, "a GS (group start) comes before any ISA", "error")
        else:
            self.interchange.inner += 1
        if self.group is not None:
            self._missing("GE", "functional group", self.group, n)
        version = _get(el, 8)
        self.group = _Open(_get(el, 6), n, version=version)
        if _get(el, 1) != "HC" and not version.startswith("004010"):
            self.note(
                n, f"GS01 is {_get(el, 1)!r}; claims are sent in groups marked 'HC'", "warning"
            )

    def st(self, el: list[str], n: int) -> bool:
        """Starts a transaction set; True when it holds 837D claims this reader reads."""
        if self.group is None:
            self.note(n, "an ST (transaction set start) comes outside a GS…GE group", "error")
        else:
            self.group.inner += 1
        if self.transaction is not None:
            self._missing("SE", "transaction set", self.transaction, n)
        group_version = self.group.version if self.group else ""
        version = _get(el, 3) or group_version
        self.transaction = _Open(_get(el, 2), n, version=version)
        if group_version and _get(el, 3) and group_version != _get(el, 3):
            self.note(
                n,
                f"ST03 says {_get(el, 3)} but its group's GS08 says {group_version}; read as ST03",
                "warning",
            )
        return self._readable(el, n, version)

    def _readable(self, el: list[str], n: int, version: str) -> bool:
        if version.startswith("004010"):
            if version not in self.old_versions:
                self.old_versions.add(version)
                self.note(
                    n,
                    f"{version} is the pre-2012 (4010) format of X12 claims; since 2012 "
                    f"HIPAA requires 5010 ({VERSION} for dental). Export the claims "
                    "again as 5010 from the practice software; this set was not read.",
                    "error",
                )
            return False
        if _get(el, 1) != "837":
            self.note(n, f"transaction set {_get(el, 1)!r} is not a claim (837); skipped", "error")
            return False
        kind = OTHER_837.get(version[:10])
        if kind:
            self.note(n, f"{version} is an {kind} claim, not dental ({VERSION}); skipped", "error")
            return False
        if version != VERSION:
            known = version.startswith(DENTAL)
            self.note(
                n,
                f"version {version or 'missing'} is not the HIPAA dental version "
                f"{VERSION}; read as 837D" + ("" if known else " anyway"),
                "warning" if known else "error",
            )
        return True

    def se(self, el: list[str], n: int) -> None:
        if self.transaction is None:
            self.note(n, "an SE (transaction set end) has no ST before it", "error")
            return
        if _old(self.transaction):  # already reported once as a 4010 set
            self.transaction = None
            return
        counted = n - self.transaction.segment + 1
        stated = _get(el, 1)
        if _padded(stated, counted):
            self.note(n, _padded_note("SE01", stated, counted), "warning")
        elif stated != str(counted):
            self.note(
                n,
                f"SE01 says the transaction set holds {stated or 'nothing'} segments "
                f"but it holds {counted} (ST to SE)",
                "error",
            )
        if _get(el, 2) != self.transaction.control:
            self.note(
                n,
                f"SE02 control number {_get(el, 2)!r} does not match ST02 "
                f"{self.transaction.control!r} (segment {self.transaction.segment})",
                "error",
            )
        self.transaction = None

    def ge(self, el: list[str], n: int) -> None:
        if self.transaction is not None:
            self._missing("SE", "transaction set", self.transaction, n)
            self.transaction = None
        if self.group is None:
            self.note(n, "a GE (group end) has no GS before it", "error")
            return
        self._close(el, n, "GE", self.group, "transaction sets", "GS06")
        self.group = None

    def iea(self, el: list[str], n: int) -> None:
        if self.group is not None:
            self._missing("GE", "functional group", self.group, n)
            self.group = None
        if self.interchange is None:
            self.note(n, "an IEA (interchange end) has no ISA before it", "error")
            return
        self._close(el, n, "IEA", self.interchange, "functional groups", "ISA13")
        self.interchange = None

    def end(self, n: int) -> None:
        """The file ended after segment n: say which envelopes it left open."""
        for closer, name, opened in (
            ("SE", "transaction set", self.transaction),
            ("GE", "functional group", self.group),
            ("IEA", "interchange", self.interchange),
        ):
            if opened is not None:
                self.note(
                    n,
                    f"the file ends without the {closer} that closes the {name} begun "
                    f"at segment {opened.segment} (is it cut short?)",
                    "error",
                )

    def _close(
        self, el: list[str], n: int, name: str, opened: _Open, inner: str, opener: str
    ) -> None:
        if _old(opened):
            return
        if _padded(_get(el, 1), opened.inner):
            self.note(n, _padded_note(f"{name}01", _get(el, 1), opened.inner), "warning")
        elif _get(el, 1) != str(opened.inner):
            self.note(
                n,
                f"{name}01 says {_get(el, 1) or 'nothing'} {inner} but there are {opened.inner}",
                "error",
            )
        if _get(el, 2).lstrip("0") != opened.control.lstrip("0") or not _get(el, 2):
            self.note(
                n,
                f"{name}02 control number {_get(el, 2)!r} does not match {opener} "
                f"{opened.control!r} (segment {opened.segment})",
                "error",
            )

    def _missing(self, closer: str, name: str, opened: _Open, n: int) -> None:
        self.note(n, f"the {name} begun at segment {opened.segment} has no {closer}", "error")


def _old(opened: _Open) -> bool:
    """A 4010 envelope: the one finding about the version says all that matters."""
    return opened.version.startswith("00401")


def _padded(stated: str, counted: int) -> bool:
    """A count written with leading zeros ('0028' for 28): right, but not as X12 writes one."""
    return len(stated) > 1 and stated.startswith("0") and stated.lstrip("0") == str(counted)


def _padded_note(element: str, stated: str, counted: int) -> str:
    return (
        f"{element} {stated!r} is the right count ({counted}) written with leading zeros, "
        "which X12 numbers leave out; read anyway"
    )


def _get(el: list[str], i: int) -> str:
    return el[i].strip() if i < len(el) else ""
