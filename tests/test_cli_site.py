"""`cdthub createuser` and the arguments of `cdthub import` (the import itself:
tests/catalog/test_importer.py)."""

import io

import pytest
from django.contrib.auth import get_user_model

from cdthub.cli import main

from .conftest import PASSWORD


@pytest.mark.django_db
def test_cli_createuser_reads_the_password_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert (
        main(
            [
                "createuser",
                "maria",
                "--role",
                "editor",
                "--email",
                "m@example.org",
                "--password-stdin",
            ]
        )
        == 0
    )
    user = get_user_model().objects.get(username="maria")
    assert user.check_password(PASSWORD) and user.groups.filter(name="Editor").exists()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["createuser", "maria", "--role", "editor", "--password-stdin"]) == 1
    assert "already exists" in capsys.readouterr().err


@pytest.mark.django_db
def test_cli_createuser_without_a_terminal_asks_for_password_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["createuser", "maria", "--role", "staff"]) == 1
    assert "--password-stdin" in capsys.readouterr().err
    assert not get_user_model().objects.filter(username="maria").exists()


def test_cli_createuser_rejects_an_unknown_role(capsys):
    assert main(["createuser", "x", "--role", "boss"]) == 2  # a usage error
    assert "invalid choice" in capsys.readouterr().err


def test_bad_arguments_are_usage_errors(capsys, tmp_path):
    for args in (
        ["--edition", "26"],
        ["--edition", "2026", "--column", "fee=Fee"],
        ["--edition", "2026", "--column", "code"],
    ):
        assert main(["import", str(tmp_path / "x.csv"), *args]) == 2
    err = capsys.readouterr().err
    assert "expected a CDT year" in err and "unknown field 'fee'" in err
    assert "expected FIELD=HEADER" in err
