"""Checking folders and big files: every claim checked once, pieces in file order, unreadable
files reported while the others go on, the same findings with one process or several."""

from __future__ import annotations

import json

import pytest

from cdthub.core.claims import batch
from cdthub.core.claims.batch import check_sources
from cdthub.core.claims.formats import UnreadableFile
from cdthub.core.dataset import load_catalog


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
