"""Properties over generated input: claim JSON → 837D → JSON keeps every line, no 837D text,
however broken, makes the reader raise anything but UnreadableFile, and the segment values the
reader keeps by text change nothing it reads."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdthub.core.claims.formats import UnreadableFile, X12Options, read_file, write_claims
from cdthub.core.claims.model import Claim
from cdthub.core.claims.x12 import reader, segments

from .helpers import CLEAN

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
# notes may hold ':' and '>' (the writer then picks another component separator), not all of
# the separators it can choose from (then they would become spaces)
WORD = st.text(LETTERS + ".,#-/()':;>%+", min_size=1, max_size=20)

dates = st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2030, 12, 31))
lines = st.fixed_dictionaries(
    {
        "date": st.one_of(st.none(), dates.map(str)),
        "code": st.integers(0, 9999).map(lambda n: f"D{n:04d}"),
        "tooth": st.one_of(
            st.none(),
            st.integers(1, 32).map(str),
            st.sampled_from("ABCDEFGHIJKLMNOPQRST"),
            st.integers(11, 85).map(str),
        ),
        "surfaces": st.one_of(st.none(), st.sampled_from(["MO", "MOD", "DO", "B", "MODBL", "I"])),
        "area": st.one_of(st.none(), st.sampled_from(["00", "01", "02", "10", "20", "30", "40"])),
        "quantity": st.integers(1, 99),
        "fee": st.integers(0, 9_999_999).map(lambda cents: cents / 100),
        "narrative": st.one_of(st.none(), st.lists(WORD, min_size=1, max_size=30).map(" ".join)),
        "tooth_system": st.sampled_from(["JP", "JO"]),
    }
)
claims = st.fixed_dictionaries(
    {
        "id": st.text(LETTERS + "-", min_size=1, max_size=30),
        "patient": st.fixed_dictionaries({"birth_date": st.one_of(st.none(), dates.map(str))}),
        "lines": st.lists(lines, min_size=1, max_size=6),
        "narrative": st.one_of(st.none(), st.lists(WORD, min_size=1, max_size=40).map(" ".join)),
    }
)


def _read(data: bytes, fmt: str) -> list[Claim]:
    return list(read_file(io.BytesIO(data), fmt).claims)


def _x12(found: list[Claim]) -> bytes:
    out = io.StringIO()
    write_claims(found, "x12", out, X12Options())
    return out.getvalue().encode()


def _kept(claim: Claim) -> dict:
    """What 837D carries of a claim: id, birth date, note and every line."""
    data = claim.to_dict()
    for line in data["lines"]:
        if line["tooth"] is None:
            line["tooth_system"] = "JP"  # without a tooth, 837D has no TOO to say the system
        if line["surfaces"] and not line["tooth"]:
            line["surfaces"] = None
    return {k: data.get(k) for k in ("id", "patient", "narrative", "lines")}


@SETTINGS
@given(st.lists(claims, min_size=1, max_size=4, unique_by=lambda c: c["id"]))  # ids: one each
def test_json_to_837d_to_json_keeps_every_line(generated):
    first = _read(json.dumps({"claims": generated}).encode(), "json")
    assert all(c.problems == [] for c in first)
    back = _read(_x12(first), "x12")
    # the only thing said of a claim written from a clean one: notes beyond what 2300 takes
    too_many = "the most its loop 2300 takes"
    said = [[p for p in c.problems if too_many not in p.message] for c in back]
    assert said == [[] for _ in back]
    assert [_kept(c) for c in back] == [_kept(c) for c in first]


@SETTINGS
@given(st.lists(claims, min_size=1, max_size=3, unique_by=lambda c: c["id"]))
def test_json_and_csv_round_trips(generated):
    first = _read(json.dumps({"claims": generated}).encode(), "json")
    for fmt in ("json", "csv"):
        out = io.StringIO()
        write_claims(first, fmt, out)
        again = _read(out.getvalue().encode(), fmt)
        assert [c.to_dict() for c in again] == [c.to_dict() for c in first]


JUNK = st.sampled_from(
    ["*", ":", "~", "^", "\n", "\r", " ", "~~", "ISA", "SE*1*1~", "GE*", "HL*9*9*22*0~", "CLM*~",
     "SV3*AD:D0120*99999999999999999999999~", "DTP*472*D8*20261341~", "TOO*JP**::~", "LX*0~",
     "DMG*D8*1~", "NTE*ADD*~", "\x00", "\ufeff", "é", "SV3*~", "NM1*85~", "N4~"]
)  # fmt: skip


@st.composite
def broken(draw) -> str:
    text = CLEAN
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "cut", "digits"]))
        if how == "insert":
            text = text[:at] + draw(JUNK) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif how == "replace":
            text = text[:at] + draw(st.characters()) + text[at + 1 :]
        elif how == "cut":
            text = text[:at]
        else:
            text = text[:at] + "9" * draw(st.integers(1, 40)) + text[at:]
    return text


@SETTINGS
@given(broken())
def test_broken_837d_gives_findings_never_an_exception(text):
    try:
        claim_file = read_file(io.BytesIO(text.encode("utf-8", "replace")), "x12")
        found = list(claim_file.claims)
    except UnreadableFile as exc:
        assert str(exc)
        return
    every = claim_file.findings + [p for c in found for p in c.problems]
    for finding in every:
        assert finding.rule in ("input.invalid", "date.invalid")
        assert finding.severity in ("error", "warning") and finding.message
    json.dumps([c.to_dict() for c in found])  # what was read is plain data


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_starting_like_x12(data):
    try:
        list(read_file(io.BytesIO(b"ISA*" + data), "x12").claims)
    except UnreadableFile:
        pass


@SETTINGS
@given(st.binary(max_size=300), st.sampled_from(["json", "csv"]))
def test_any_bytes_as_json_or_csv(data, fmt):
    start = b'{"claims": [' if fmt == "json" else b"claim_id,code,date,fee\n"
    try:
        claim_file = read_file(io.BytesIO(start + data), fmt)
        list(claim_file.claims)
    except UnreadableFile:
        pass


def _everything(text: str) -> object:
    """All the reader gives for `text`: every claim field (parties included) and finding."""
    try:
        claim_file = read_file(io.BytesIO(text.encode("utf-8", "replace")), "x12")
        claims = [dataclasses.asdict(c) for c in claim_file.claims]
    except UnreadableFile as exc:
        return str(exc)
    return claims, claim_file.findings


@SETTINGS
@given(broken(), st.integers(1, 3))
def test_kept_segments_read_as_on_their_first_reading(text, copies):
    """The reader keeps each segment's values by its text: with nothing kept (each segment read
    as if met for the first time, unless it repeats the one before), all is the same."""
    text = text * copies  # several interchanges: segments met again
    kept = _everything(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader, "CACHE_SIZE", 0)  # the memo starts afresh at every segment
        assert _everything(text) == kept


# (element, component, terminator) another interchange may declare; "\n": one segment a line
OTHER_SEPARATORS = [("*", ":", "~"), ("|", ">", "'"), ("!", "\\", "\n"), ("*", ">", "!")]


@SETTINGS
@given(
    st.lists(st.sampled_from(OTHER_SEPARATORS), min_size=1, max_size=3),
    st.integers(107, 4000),
    st.integers(1, 300),
)
def test_interchanges_with_their_own_separators_read_alike_in_any_chunks(seps, head, chunk):
    """Each interchange is read with the separators its own ISA declares, wherever the file's
    chunks happen to end (in an ISA included)."""
    interchange = "ISA*" + CLEAN.split("ISA*")[1]
    expected = [c.to_dict() for c in read_file(io.BytesIO(interchange.encode()), "x12").claims]
    text = "".join(
        interchange.replace("*", element).replace(":", component).replace("~\n", terminator)
        for element, component, terminator in seps
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reader, "HEAD", head)
        patch.setattr(segments, "CHUNK", chunk)
        claim_file = read_file(io.BytesIO(text.encode()), "x12")
        claims = [c.to_dict() for c in claim_file.claims]
    assert claims == expected * len(seps)
    lines_said = [f for f in claim_file.findings if "line break" in f.message]
    # line breaks as terminators: said where an interchange starts them
    starts = sum(
        t == "\n" and (i == 0 or seps[i - 1] != seps[i]) for i, (_, _, t) in enumerate(seps)
    )
    assert len(claim_file.findings) == len(lines_said) == starts
