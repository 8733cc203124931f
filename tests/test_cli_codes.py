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


def test_code_shows_the_category_name_and_the_guidance(capsys):
    assert main(["code", "D2393"]) == 0
    out = capsys.readouterr().out
    assert "Category:   Restorative (D2000–D2999)" in out
    assert "\nWhen to use it\n  - " in out and "\nCommon reasons for denial\n  - " in out


def test_codes_lists_one_code_a_line(capsys):
    assert main(["codes", "--category", "preventive"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("D1") and all(line[:2] == "D1" for line in lines)
    assert any(line.startswith("D1110  ") for line in lines)


@pytest.mark.parametrize(
    "argv,code,status",
    [
        (["code", "D9998", "--json"], "code_not_found", 1),
        (["codes", "--category", "nope", "--json"], "unknown_category", 1),
        (["changes", "2026", "2025", "--json"], "bad_range", 1),
        (["changes", "1800", "2026", "--json"], "unknown_edition", 1),
        (["search", " ", "--json"], "empty_query", 2),
        (["suggest", "crown", "--limit", "0", "--json"], "bad_limit", 2),
        (["check", "/no/such/file.json", "--json"], "unreadable", 2),
        (["search", "--json"], "usage", 2),  # no query at all
    ],
)
def test_json_errors_are_one_document_on_stdout(capsys, argv, code, status):
    assert main(argv) == status
    captured = capsys.readouterr()
    error = json.loads(captured.out)["error"]
    assert error["code"] == code and error["message"]
    assert captured.err == ""


@pytest.mark.parametrize(
    "argv", [["search", ""], ["search", "  "], ["suggest", ""], ["code", ""], ["code", " "]]
)
def test_an_empty_query_exits_2_everywhere(capsys, argv):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("cdthub: ") and "Traceback" not in err


def test_search_says_a_typo_correction_once_and_one_reason_a_line(capsys):
    assert main(["search", "extration", "--limit", "3"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count('"extration" read as "extraction"') == 1
    assert "extration" not in captured.out
    assert captured.out.startswith("D7140  ") and '[also known as "' in captured.out


@pytest.mark.parametrize(
    "argv,hint",
    [
        (["suggest", "MOD", "composite"], True),  # typed: MOD composite #30 (unquoted)
        (["suggest", "crown", "on"], True),
        (["suggest", "MOD composite #30"], False),
        (["suggest", "MOD composite on 30"], False),  # the tooth was read
        (["suggest", "MOD composite"], False),  # quoted: the shell ate nothing
        (["suggest", "deep", "cleaning"], False),  # no tooth needed
    ],
)
def test_a_tooth_eaten_by_the_shell_gets_a_hint(capsys, argv, hint):
    assert main(argv) == 0
    assert ("unquoted #" in capsys.readouterr().err) is hint
