"""Production logs: one JSON line per request with its id, method, path (no query string),
status and duration; the id honoured from X-Request-ID or made, and sent back; nothing a reader
typed, no address."""

import io
import json
import logging
import logging.config
import subprocess
import sys
from pathlib import Path

import pytest

from cdthub.ops.requestlog import HEADER, json_logging

pytestmark = pytest.mark.django_db
GUNICORN_CONF = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


@pytest.fixture
def log_lines(settings):
    """The production middleware and logging; returns what was logged, one dict a line."""
    settings.MIDDLEWARE = ["cdthub.ops.requestlog.RequestLogMiddleware", *settings.MIDDLEWARE]
    stream = io.StringIO()
    config = json_logging()
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)

    def lines():
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    logging.config.dictConfig(settings.LOGGING)


def test_one_json_line_per_request(client, log_lines, loaded_db):
    response = client.get("/codes/D9992/?ref=newsletter&email=pat@example.org")
    assert response.status_code == 200
    (line,) = [entry for entry in log_lines() if entry["logger"] == "cdthub.request"]
    assert line["method"] == "GET"
    assert line["path"] == "/codes/D9992/"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["request_id"] == response[HEADER] and len(response[HEADER]) == 32
    assert line["level"] == "INFO" and line["time"].endswith("Z")
    assert "newsletter" not in json.dumps(line) and "example.org" not in json.dumps(line)


def test_the_proxys_request_id_is_honoured_and_sent_back(client, log_lines):
    response = client.get("/healthz", headers={"X-Request-ID": "5f0c8e1a9b2d4c6e"})
    assert response[HEADER] == "5f0c8e1a9b2d4c6e"
    assert log_lines()[-1]["request_id"] == "5f0c8e1a9b2d4c6e"


@pytest.mark.parametrize("sent", ["short", "has spaces in it ok", "<script>alert(1)</script>"])
def test_an_odd_request_id_is_replaced_not_logged(client, log_lines, sent):
    response = client.get("/healthz", headers={"X-Request-ID": sent})
    assert response[HEADER] != sent
    assert sent not in json.dumps(log_lines())


def test_what_a_reader_posts_never_reaches_the_log(client, log_lines, loaded_db):
    from tests.conftest import comment_data

    data = comment_data(name="Dr Jane Secretname", email="jane.secret@example.org")
    client.post("/codes/D9992/comments/new/?utm=x", data, REMOTE_ADDR="203.0.113.77")
    logged = json.dumps(log_lines())
    assert '"method": "POST"' in logged and "/codes/D9992/comments/new/" in logged
    for private in ("Secretname", "jane.secret", "example.org", "203.0.113.77", "utm"):
        assert private not in logged


def test_a_server_error_is_one_request_line_and_one_error_with_the_same_id(
    client, log_lines, monkeypatch
):
    from cdthub.ops import health

    def broken(*args):
        raise RuntimeError("the health check fell over")

    monkeypatch.setattr(health, "_caches", broken)
    client.raise_request_exception = False
    response = client.get("/healthz")
    assert response.status_code == 500
    lines = log_lines()
    error = next(entry for entry in lines if entry["logger"] == "django.request")
    request = next(entry for entry in lines if entry["logger"] == "cdthub.request")
    assert error["level"] == "ERROR" and "RuntimeError" in error["exception"]
    assert error["request_id"] == request["request_id"] == response[HEADER]
    assert request["status"] == 500


def test_production_settings_log_json_per_request():
    code = (
        "from django.conf import settings; import django; django.setup(); "
        "print(settings.MIDDLEWARE[0]); "
        "print(settings.LOGGING['handlers']['console']['formatter'])"
    )
    from tests.web.settings.test_env import READY, _production

    done = _production(sys.executable, "-c", code, **READY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["cdthub.ops.requestlog.RequestLogMiddleware", "json"]


def test_gunicorn_config_keeps_its_own_access_log_off():
    done = subprocess.run(
        [sys.executable, "-c", f"import runpy; c = runpy.run_path({str(GUNICORN_CONF)!r}); "
         "print(c['accesslog'], c['wsgi_app'], c['worker_class'])"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.split() == ["None", "cdthub.web.wsgi:application", "gthread"]
