"""The environment, read in one module: yes/no, numbers and lists as people write them, and
production refusing to start without what it needs."""

import os
import subprocess
import sys
from pathlib import Path

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


OURS = list(env.NAMES)  # every variable cdthub reads (the fixture above empties env.NAMES)
GOOD_KEY = "k3Y-" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
READY = {"DJANGO_SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "cdthub.example.org"}


def _production(*command: str, **variables: str) -> subprocess.CompletedProcess[str]:
    """`command` (default: importing the production settings) with production settings and
    only `variables` of cdthub's own environment."""
    # the browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE in this process when a worker
    # ran them first; a deployment never has it, and check --deploy rightly complains
    left_out = {*OURS, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in left_out}
    return subprocess.run(
        command or [sys.executable, "-c", "import cdthub.web.settings.prod"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "cdthub.web.settings.prod", **variables},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_what_it_needs():
    assert "DJANGO_SECRET_KEY must be set" in _production().stderr
    assert _production(**READY).returncode == 0
    both = _production(**READY, EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")
    assert "exclude each other" in both.stderr


@pytest.mark.parametrize(
    "key",
    ["short-but-random-Xy7", "x" * 60, "django-insecure-" + GOOD_KEY],
)
def test_production_refuses_a_weak_secret_key(key):
    result = _production(**{**READY, "DJANGO_SECRET_KEY": key})
    assert result.returncode != 0 and "DJANGO_SECRET_KEY is too weak" in result.stderr
    assert key not in result.stderr  # the key itself is never printed


def test_production_refuses_any_host():
    result = _production(**{**READY, "ALLOWED_HOSTS": "cdthub.example.org,*"})
    assert result.returncode != 0 and "ALLOWED_HOSTS=* would answer to any host" in result.stderr


def test_behind_a_proxy_production_trusts_its_https_header_and_not_otherwise():
    show = [
        sys.executable,
        "-c",
        "import cdthub.web.settings.prod as s; print(s.__dict__.get("
        "'SECURE_PROXY_SSL_HEADER'), s.SECURE_SSL_REDIRECT)",
    ]
    assert _production(*show, **READY).stdout.split() == ["None", "True"]
    behind = _production(*show, **READY, CDTHUB_TRUSTED_PROXY_HOPS="1").stdout
    assert "HTTP_X_FORWARDED_PROTO" in behind


def test_serve_and_wsgi_refuse_until_static_files_are_collected_then_check_deploy_is_clean(
    tmp_path,
):
    cdthub = str(Path(sys.executable).with_name("cdthub"))
    ready = {**READY, "CDTHUB_VAR_DIR": str(tmp_path)}
    refused = _production(cdthub, "serve", "--port", "1", **ready)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "cdthub manage collectstatic --noinput" in refused.stderr
    import_wsgi = [sys.executable, "-c", "import cdthub.web.wsgi"]  # as gunicorn does
    refused = _production(*import_wsgi, **ready)
    assert refused.returncode != 0 and "collectstatic" in refused.stderr
    assert _production(cdthub, "manage", "collectstatic", "--noinput", **ready).returncode == 0
    assert _production(*import_wsgi, **ready).returncode == 0
    deploy = _production(cdthub, "manage", "check", "--deploy", **ready)
    assert deploy.returncode == 0 and "no issues" in deploy.stdout + deploy.stderr
