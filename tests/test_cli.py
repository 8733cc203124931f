import json

import pytest

from cdthub.cli import main


@pytest.fixture(autouse=True)
def bundled_only(monkeypatch, tmp_path):
    """The CLI reads the bundled dataset when no database exists."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr("cdthub.web.settings.env.VAR_DIR", tmp_path)


def test_code_json(capsys):
    assert main(["code", "d9992", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["code"] == "D9992" and data["area"] == "none"


def test_code_text_and_edition(capsys):
    assert main(["code", "D6095", "--edition", "2026"]) == 0
    out = capsys.readouterr().out
    assert "D6095" in out and "NOT valid" in out


def test_unknown_code_exits_1_with_nearest(capsys):
    assert main(["code", "D9998"]) == 1
    err = capsys.readouterr().err
    assert "not a CDT code" in err and "D999" in err


def test_search_json(capsys):
    assert main(["search", "laughing gas", "--json", "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "D9230" in [r["code"] for r in data["results"]]


def test_changes(capsys):
    assert main(["changes", "2025", "2026", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "D1352" in [c["code"] for c in data["deleted"]]
    assert main(["changes", "1800", "2026"]) == 1
