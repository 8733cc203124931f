"""The `cdthub` command itself: its commands come from the modules it lists, and domain errors
become one clear message and exit status."""

import json
import os
import subprocess
import sys
from pathlib import Path

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


def _cdthub(tmp_path) -> tuple[list[str], dict[str, str]]:
    exe = Path(sys.executable).with_name("cdthub")
    env = {**os.environ, "DATABASE_URL": "", "CDTHUB_VAR_DIR": str(tmp_path)}
    return [str(exe)], env


@pytest.mark.parametrize("argv", [["codes", "--json"], ["codes"]])
def test_a_closed_pipe_ends_quietly_with_141(tmp_path, argv):
    """`cdthub codes | head -1`: no BrokenPipeError traceback; 141 as for SIGPIPE."""
    cmd, env = _cdthub(tmp_path)
    proc = subprocess.Popen(cmd + argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `head -1` does
    status = proc.wait(timeout=120)
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert "Traceback" not in err and "BrokenPipe" not in err and err == ""
    # a short listing may fit in the pipe's buffer and finish first: then 0 is right too
    assert status == 141 or (status == 0 and argv == ["codes"])


def test_json_error_from_the_installed_command(tmp_path):
    cmd, env = _cdthub(tmp_path)
    proc = subprocess.run(
        cmd + ["code", "D0000", "--json"], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error"]["code"] == "code_not_found"
