"""`cdthub code`, `search`, `suggest`, `changes` on the bundled dataset."""

import json

import pytest

from cdthub.cli import main


@pytest.fixture(autouse=True)
def bundled_only(monkeypatch, tmp_path):
    """The CLI reads the bundled dataset when no database exists."""
    monkeypatch.setattr("cdthub.web.settings.env.DATABASE_URL", "")
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


def test_changes_between_years_out_of_order(capsys):
    assert main(["changes", "2026", "2025"]) == 1
    assert "FROM_YEAR must not be after TO_YEAR" in capsys.readouterr().err


def test_suggest_text(capsys):
    assert main(["suggest", "MOD composite #30", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("D2393  ") and "3 surfaces (MOD)" in out
    assert len([line for line in out.splitlines() if line[:1] == "D"]) == 2


def test_suggest_json_and_unquoted_words(capsys):
    assert main(["suggest", "root", "canal", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["text"] == "root canal" and data["suggestions"][0]["code"] in {
        "D3310",
        "D3320",
        "D3330",
    }
    assert "tooth not given: front tooth, premolar or molar?" in data["open_questions"]


def test_suggest_open_questions_in_text_output(capsys):
    assert main(["suggest", "composite filling"]) == 0
    assert "Open questions:\n  ? number of surfaces not given" in capsys.readouterr().out


def test_suggest_bad_input_exits_2(capsys):
    assert main(["suggest", "  "]) == 2
    assert "describe the procedure" in capsys.readouterr().err
    assert main(["suggest", "crown", "--limit", "0"]) == 2
    assert "--limit" in capsys.readouterr().err


def test_suggest_nothing_found_says_so(capsys):
    assert main(["suggest", "qwxz"]) == 0
    captured = capsys.readouterr()
    assert "no code fits" in captured.err and "Open questions" in captured.out
