"""The environment, read in one module: yes/no, numbers and lists as people write them, and
production refusing to start without what it needs."""

import os
import subprocess
import sys

import pytest

from cdthub.web.settings import env


@pytest.fixture(autouse=True)
def names(monkeypatch):
    monkeypatch.setattr(env, "NAMES", [])  # the documented list stays as the settings made it


@pytest.mark.parametrize("written, value", [("1", True), ("Yes", True), ("on", True), ("0", False)])
def test_yes_or_no(monkeypatch, written, value):
    monkeypatch.setenv("CDTHUB_TEST_FLAG", written)
    assert env._bool("CDTHUB_TEST_FLAG") is value
    assert env.NAMES == ["CDTHUB_TEST_FLAG"]


def test_numbers_lists_and_defaults(monkeypatch):
    monkeypatch.setenv("CDTHUB_TEST_HOSTS", " a.example.org, b.example.org ,")
    monkeypatch.setenv("CDTHUB_TEST_PORT", "587")
    monkeypatch.delenv("CDTHUB_TEST_UNSET", raising=False)
    assert env._list("CDTHUB_TEST_HOSTS") == ["a.example.org", "b.example.org"]
    assert env._int("CDTHUB_TEST_PORT", 25) == 587
    assert env._int("CDTHUB_TEST_UNSET", 25) == 25 and env._bool("CDTHUB_TEST_UNSET") is False


def _production(**variables: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS")}
    return subprocess.run(
        [sys.executable, "-c", "import cdthub.web.settings.prod"],
        env={**clean, **variables},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_what_it_needs():
    assert "DJANGO_SECRET_KEY must be set" in _production().stderr
    ready = {"DJANGO_SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "cdthub.example.org"}
    assert _production(**ready).returncode == 0
    both = _production(**ready, EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")
    assert "exclude each other" in both.stderr
