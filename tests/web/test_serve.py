"""`cdthub serve` as `make run` starts it, on a fresh SQLite file: DEBUG off, so a mistyped
address or a strange Host gets the site's own pages, and the static files (ours, the admin's,
Swagger UI's) are served without collectstatic."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from cdthub import cli

START_SECONDS = 180  # migrate and load the dataset first, on a busy machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.fixture
def served(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PORT")}
    env.update(CDTHUB_VAR_DIR=str(tmp_path), DATABASE_URL="")
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from cdthub.cli import main; raise SystemExit(main())",
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: gunicorn's workers are stopped too
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if _get(url + "/codes/D9992/")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "cdthub serve did not answer"
            time.sleep(0.5)
        yield url, tmp_path / "serve.log"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def test_serve_shows_our_error_pages_and_static_files(served):
    url, log = served
    status, page = _get(url + "/nope/")
    assert status == 404
    assert "Page not found" in page and "DEBUG" not in page and "Traceback" not in page
    status, page = _get(url + "/", host="evil.example")
    assert status == 400
    assert "This request could not be read" in page and "DisallowedHost" not in page
    for path in (
        "/static/cdthub/site.css",
        "/static/cdthub/suggest.js",
        "/static/ninja/swagger-ui-bundle.js",
        "/static/admin/css/base.css",
    ):
        assert _get(url + path)[0] == 200, path
    status, page = _get(url + "/api/v1/docs")
    assert status == 200 and "/static/ninja/swagger-ui-init.js" in page
    said = log.read_text()
    assert "DEBUG on" not in said
    assert "Warning" not in said, said  # a clean start: nothing that looks like a fault


def test_serve_dev_refuses_other_settings(monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "cdthub.web.settings.prod")
    assert cli.main(["serve", "--dev"]) == 2
    assert "--dev uses cdthub.web.settings.dev" in capsys.readouterr().err


def test_serve_on_a_port_in_use_says_so_before_preparing_anything(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert cli.main(["serve", "--port", str(port)]) == 2
    said = capsys.readouterr().err
    assert f"port {port} is in use" in said and f"make run PORT={port + 1}" in said
    assert "serving on" not in said and "loaded" not in said


def test_serve_on_an_address_of_another_machine_says_so(capsys):
    assert cli.main(["serve", "--host", "192.0.2.1", "--port", str(_free_port())]) == 2
    assert "192.0.2.1 is not an address of this machine" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["70000", "0", "-5", "http"])
def test_serve_on_a_port_that_is_no_port_is_a_usage_error(port, capsys):
    assert cli.main(["serve", "--port", port]) == 2
    assert "expected a port number from 1 to 65535" in capsys.readouterr().err
