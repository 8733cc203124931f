"""The `cdthub` command itself: its commands come from the modules it lists, and domain errors
become one clear message and exit status."""

import pytest

from cdthub.cli import COMMANDS, build_parser, main


@pytest.fixture(autouse=True)
def bundled_only(monkeypatch, tmp_path):
    monkeypatch.setattr("cdthub.web.settings.env.DATABASE_URL", "")
    monkeypatch.setattr("cdthub.web.settings.env.VAR_DIR", tmp_path)


def test_every_listed_module_adds_its_commands():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert len(COMMANDS) == 5
    assert {
        *("code", "search", "suggest", "changes", "serve", "import", "check", "convert"),
        *("backup", "restore"),
    } <= set(sub.choices)


@pytest.mark.parametrize("argv", [["changes", "1800", "2026"], ["changes", "2025", "2099"]])
def test_an_unknown_edition_is_one_message_and_exit_1(capsys, argv):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("cdthub: No CDT edition") and "editions run" in err
    assert "Traceback" not in err
