"""Who sends an 837D and to whom: the identifiers the writer puts in the envelopes and the
submitter, receiver, billing provider and payer loops.

The defaults are obvious placeholders (all 9s, "SUBMITTERID", "PAYERID") and the usage indicator
is T (test), so a file written without real values can never pass for a production claim.
A small TOML file sets them (`[x12]` table or top level; keys are the field names below).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from ..fields import UnreadableFile

# the payer's name written when neither the claim nor the options name one (read back as none)
PLACEHOLDER_PAYER = "PAYER"


@dataclass(frozen=True, slots=True)
class X12Options:
    sender_qualifier: str = "ZZ"  # ISA05: ZZ (mutually defined), 30 (tax id)…
    sender_id: str = "SUBMITTERID"  # ISA06, GS02 and the submitter's NM109 (your ETIN)
    sender_name: str = "SUBMITTER"
    contact_name: str = "BILLING OFFICE"
    contact_phone: str = "9999999999"
    receiver_qualifier: str = "ZZ"
    receiver_id: str = "RECEIVERID"  # ISA08, GS03 and the receiver's NM109 (clearinghouse id)
    receiver_name: str = "RECEIVER"
    billing_name: str = "DENTAL PRACTICE"
    billing_npi: str = "9999999999"
    billing_taxonomy: str = ""  # PRV*BI, e.g. 1223G0001X (general practice); left out if empty
    billing_address: str = "1 MAIN STREET"
    billing_city: str = "ANYTOWN"
    billing_state: str = "NY"
    billing_zip: str = "999999999"  # nine digits in 5010
    billing_tax_id: str = "999999999"  # EIN or SSN, REF*EI
    payer_name: str = PLACEHOLDER_PAYER
    payer_id: str = "PAYERID"
    control_number: int = 1  # ISA13 of the first interchange; GS06 takes the same number
    usage: str = "T"  # ISA15: T test, P production
    claims_per_set: int = 5000  # ST…SE transaction sets hold at most this many claims
    place_of_service: str = "11"  # CLM05-1, every claim: 11 office, 15 mobile unit, 22 hospital…
    release_of_information: str = "I"  # CLM09: I (informed consent) or Y (signed statement)
    created: dt.datetime | None = None  # envelope date and time; now when None
    # ISA16, the component separator; None: ':' unless the claims' notes hold one, then the
    # first of > | \ they do not (`writer.pick_component`): X12 has no escape for it
    component: str | None = None

    def problem(self) -> str | None:
        """What is wrong with these options, in plain words, or None."""
        if not 1 <= self.control_number <= 999_999_999:
            return "control_number must be between 1 and 999999999"
        if self.usage not in ("T", "P"):
            return "usage must be T (test) or P (production)"
        if not 1 <= self.claims_per_set <= 5000:
            return "claims_per_set must be between 1 and 5000"
        if len(self.place_of_service) != 2 or not self.place_of_service.isdigit():
            return "place_of_service must be two digits, e.g. 11 (office) or 15 (mobile unit)"
        if self.release_of_information not in ("I", "Y"):
            return "release_of_information must be I (informed consent) or Y (signed statement)"
        for name in ("sender_id", "receiver_id"):
            if not 1 <= len(getattr(self, name)) <= 15:
                return f"{name} must be 1 to 15 characters (it fills a fixed ISA field)"
        for name in ("sender_qualifier", "receiver_qualifier"):
            if len(getattr(self, name)) != 2:
                return f"{name} must be 2 characters, e.g. ZZ"
        if self.component is not None and (
            len(self.component) != 1
            or self.component.isalnum()
            or self.component.isspace()
            or self.component in "*~^"
            or not self.component.isascii()
        ):
            return "component must be one punctuation character other than * ~ ^, e.g. : or >"
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name != "component" and isinstance(value, str):
                if any(c in value for c in f"*:~^\n\r{self.component or ''}"):
                    return f"{f.name} must not hold the characters * : ~ ^ (X12 separators)"
        return None

    def stamped(self) -> X12Options:
        """These options with `created` filled in (the same moment for every envelope)."""
        return (
            self
            if self.created
            else replace(self, created=dt.datetime.now().replace(second=0, microsecond=0))
        )


def load_options(path: str | Path, base: X12Options | None = None) -> X12Options:
    """Options from a TOML file; keys not given keep `base`'s values (the placeholders).
    Raises UnreadableFile, naming the key, when the file or a value is wrong."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UnreadableFile(f"cannot open {path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UnreadableFile(f"{path} is not valid TOML: {exc}") from None
    table = data.get("x12", data)
    known = {f.name: f for f in fields(X12Options) if f.name != "created"}
    values: dict[str, object] = {}
    for key, value in table.items():
        if key not in known:
            raise UnreadableFile(f"{path}: {key!r} is not an option (use {', '.join(known)})")
        want = int if key in ("control_number", "claims_per_set") else str
        if isinstance(value, bool) or not isinstance(value, want):
            raise UnreadableFile(f"{path}: {key} must be {'a number' if want is int else 'text'}")
        values[key] = value
    options = replace(base or X12Options(), **values)  # type: ignore[arg-type]
    problem = options.problem()
    if problem:
        raise UnreadableFile(f"{path}: {problem}")
    return options
