"""The `cdthub` command itself: its commands come from the modules it lists, and domain errors
become one clear message and exit status."""

import json
import os
import sqlite3
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


@pytest.mark.parametrize(
    "argv",
    [
        ["changes", "1800", "2026"],
        ["changes", "2025", "2099"],
        ["code", "D0120", "--edition", "1800"],
    ],
)
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


@pytest.mark.parametrize("how", ["cdthub", "-m cdthub", "-m cdthub.cli"])
def test_json_error_from_the_installed_command_and_python_m(tmp_path, how):
    cmd, env = _cdthub(tmp_path)
    if how != "cdthub":
        cmd = [sys.executable, *how.split()]
    run = {"capture_output": True, "text": True, "env": env, "timeout": 120}
    proc = subprocess.run(cmd + ["code", "D0000", "--json"], **run)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error"]["code"] == "code_not_found"
    proc = subprocess.run(cmd + ["check", str(tmp_path / "none.json"), "--json"], **run)
    assert (proc.returncode, json.loads(proc.stdout)["error"]["code"]) == (2, "unreadable")
    assert "Traceback" not in proc.stderr


def test_an_older_local_database_is_brought_up_to_date_before_it_is_read(tmp_path):
    """After a `git pull` that adds a migration, the command line migrates `make run`'s SQLite
    file (and reloads the bundled data) as `serve` would, instead of failing on the old schema;
    a configured DATABASE_URL is left alone and the mismatch is said in one line."""
    cmd, env = _cdthub(tmp_path)
    manage = cmd + ["manage", "migrate", "--verbosity", "0"]
    run = {"capture_output": True, "text": True, "env": env, "timeout": 300}
    assert subprocess.run(manage, **run).returncode == 0
    assert subprocess.run(cmd + ["manage", "load_dataset"], **run).returncode == 0
    # as an older cdthub left it: its schema, and data loaded from older files
    assert subprocess.run([*manage, "catalog", "0004"], **run).returncode == 0
    with sqlite3.connect(tmp_path / "cdthub.sqlite3") as db:
        db.execute("UPDATE catalog_catalogstate SET dataset_fingerprint = 'older'")
    configured = {**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'cdthub.sqlite3'}"}
    refused = subprocess.run(cmd + ["code", "D5110"], **{**run, "env": configured})
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "cdthub manage migrate" in refused.stderr
    shown = subprocess.run(cmd + ["code", "D5110", "--json"], **run)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["arch"] == "upper"
