"""Checking folders and big files: every claim checked once, pieces in file order, unreadable
files reported while the others go on, the same findings with one process or several."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from cdthub.core.claims import batch
from cdthub.core.claims.batch import check_sources
from cdthub.core.claims.formats import UnreadableFile, read_file
from cdthub.core.dataset import load_catalog

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def claims_json(n: int, prefix: str, code: str = "D2393", surfaces: str = "MO") -> str:
    claims = [
        {
            "id": f"{prefix}{i}",
            "patient": {"birth_date": "1980-01-01"},
            "lines": [
                {"date": "2026-03-02", "code": "D0120"},
                {"date": "2026-03-02", "code": code, "tooth": "30", "surfaces": surfaces},
            ],
        }
        for i in range(n)
    ]
    return json.dumps({"claims": claims})


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.json").write_text(claims_json(30, "A"))
    (tmp_path / "b.json").write_text(claims_json(20, "B", "D2392"))
    (tmp_path / ".hidden.json").write_text("not checked")
    return tmp_path


def findings_of(pieces):
    return sorted((f.claim, f.line, f.rule) for p in pieces for f in p.findings)


def test_a_folder_is_checked_file_by_file(folder):
    pieces = list(check_sources([folder], load_catalog()))
    assert {p.source for p in pieces} == {str(folder / "a.json"), str(folder / "b.json")}
    assert sum(p.claims for p in pieces) == 50
    bad = {(c, line, rule) for c, line, rule in findings_of(pieces)}
    assert ("A7", 2, "surface.count") in bad
    assert not any(c.startswith("B") for c, _, _ in bad)


def test_several_processes_give_the_same_findings(folder):
    one = findings_of(check_sources([folder], load_catalog(), jobs=1))
    two = findings_of(check_sources([folder], load_catalog(), jobs=2))
    assert one == two and one


def test_big_files_come_in_pieces_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "PIECE", 10)
    path = tmp_path / "day.json"
    path.write_text(claims_json(25, "C"))
    pieces = list(check_sources([path], load_catalog()))
    assert [p.claims for p in pieces] == [10, 10, 5]
    assert [p.done for p in pieces] == [False, False, True]
    claims = [f.claim for p in pieces for f in p.findings]
    assert claims == sorted(claims, key=lambda c: int(c[1:]))
    assert pieces[-1].position == path.stat().st_size


def test_an_unreadable_file_is_reported_and_the_rest_checked(tmp_path):
    (tmp_path / "good.json").write_text(claims_json(3, "G"))
    (tmp_path / "photo.pdf").write_bytes(b"%PDF-1.4 ...")
    pieces = list(check_sources([tmp_path], load_catalog()))
    errors = [p.error for p in pieces if p.error]
    assert len(errors) == 1 and "photo.pdf" in errors[0] and "PDF" in errors[0]
    assert sum(p.claims for p in pieces) == 3


def test_a_missing_path_cannot_be_read(tmp_path):
    with pytest.raises(UnreadableFile, match="no such file"):
        list(check_sources([tmp_path / "nope.json"], load_catalog()))


def test_one_file_over_two_processes_keeps_file_order(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "PIECE", 7)
    path = tmp_path / "day.json"
    path.write_text(claims_json(40, "D"))
    one = list(check_sources([path], load_catalog(), jobs=1))
    two = list(check_sources([path], load_catalog(), jobs=2))
    assert [(f.claim, f.line, f.rule) for p in two for f in p.findings] == [
        (f.claim, f.line, f.rule) for p in one for f in p.findings
    ]
    assert [p.claims for p in two] == [7, 7, 7, 7, 7, 5] and two[-1].done


def _messy_837d() -> str:
    """The clean fixture with faults of the file and of claims: an unknown segment inside a
    claim (and so a wrong SE count), a TOO before a claim's first line, a claim total that is
    not the sum of its lines, a fee that is no amount."""
    text = (FIXTURES / "clean.x12").read_text(encoding="ascii")
    for old, new in (
        ("LX*2~\nSV3*AD:D0274", "ZZZ*1~\nLX*2~\nSV3*AD:D0274"),
        ("CLM*CHILD-1*1005***11:B:1*Y*A*Y*I~\n", "CLM*CHILD-1*1005***11:B:1*Y*A*Y*I~\nTOO*JP*3~\n"),
        ("CLM*SENIOR-1*95*", "CLM*SENIOR-1*90*"),
        ("SV3*AD:D2150*120*", "SV3*AD:D2150*12X*"),
    ):
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("jobs", [2, 3])
def test_one_837d_over_several_processes_gives_the_same_findings(tmp_path, monkeypatch, jobs):
    """Each worker reads only its own claims' lines; the file's findings and every claim's
    come out as with one process, in the same order."""
    monkeypatch.setattr(batch, "PIECE", 2)
    path = tmp_path / "day.x12"
    path.write_text(_messy_837d(), encoding="ascii")
    shown = [
        [(f.claim, f.line, f.rule, f.severity, f.message) for p in pieces for f in p.findings]
        for pieces in (
            list(check_sources([path], load_catalog(), jobs=1)),
            list(check_sources([path], load_catalog(), jobs=jobs)),
        )
    ]
    assert shown[1] == shown[0]
    messages = "\n".join(m for *_, m in shown[0])
    for fault in (
        "'ZZZ' is not a segment of an 837 claim",
        "A TOO (tooth) comes before the claim's first service line",
        "is not the sum of its line fees",
        "12X",
    ):
        assert fault in messages


def test_a_worker_reads_the_others_837d_claims_hollow():
    """A share (k, n) reads claims k, k+n… in full and the others without lines or problems;
    the file's own findings are the same whatever the share."""
    data = _messy_837d().encode("ascii")
    whole = read_file(io.BytesIO(data), "x12")
    claims = list(whole.claims)
    mine = read_file(io.BytesIO(data), "x12", share=(1, 2))
    shared = list(mine.claims)
    assert [c.id for c in shared] == [c.id for c in claims]
    assert shared[1::2] == claims[1::2]
    assert all(not c.lines and not c.problems for c in shared[0::2])
    assert mine.findings == whole.findings


def test_a_tolerated_fault_and_a_later_one_are_each_said_once_in_file_order(tmp_path):
    """A BOM (held until the first set shows the file is 5010) and a wrong SE count: each
    once, none lost, however the findings were handed on in pieces; the BOM first, as it
    comes before the claims, and the set's count after them."""
    text = (FIXTURES / "clean.x12").read_text(encoding="ascii").replace("SE*53*0001", "SE*50*0001")
    path = tmp_path / "bom.x12"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("ascii"))
    said = [f.message for p in check_sources([path], load_catalog()) for f in p.findings]
    assert sum("SE01" in m for m in said) == 1
    assert sum("byte-order mark" in m for m in said) == 1
    assert "byte-order mark" in said[0] and "SE01" in said[-1]
