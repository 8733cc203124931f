"""The throwaway PostgreSQL and Redis servers of `make test`: they start, serve, and leave
nothing behind; a missing package is named in one sentence."""

import os
import signal
import socket
import subprocess
import sys

import pytest

from cdthub.web import services


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


def test_a_missing_server_names_the_debian_package(monkeypatch):
    monkeypatch.setattr(services.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(services.shutil, "which", lambda name: None)
    with pytest.raises(services.MissingPackage, match="postgresql package"):
        services.Postgres()
    with pytest.raises(services.MissingPackage, match="redis-server package"):
        services.Redis()


@pytest.mark.services
def test_postgres_serves_then_leaves_nothing_behind():
    import psycopg

    server = services.Postgres().start()
    root, port = server.root, server.port
    try:
        with psycopg.connect(server.create_database("scratch")) as db:
            assert db.execute("select current_database()").fetchone() == ("scratch",)
    finally:
        server.stop()
    assert not _listening(port) and not root.exists()
    server.stop()  # twice is fine


@pytest.mark.services
def test_a_command_gets_redis_and_redis_stops_after_it():
    show = "import os; print(os.environ['REDIS_URL'])"
    run = subprocess.run(
        [sys.executable, "-m", "cdthub.web.services", "--redis", "--", sys.executable, "-c", show],
        capture_output=True,
        text=True,
        env={**os.environ, "REDIS_URL": ""},
        check=True,
    )
    url = run.stdout.strip()
    assert url.startswith("redis://127.0.0.1:")
    assert not _listening(int(url.rsplit(":", 1)[1].split("/")[0]))


@pytest.mark.services
def test_the_command_s_failure_is_passed_on_and_the_servers_still_stop():
    fail = "import os, sys; print(os.environ['REDIS_URL']); sys.exit(3)"
    run = subprocess.run(
        [sys.executable, "-m", "cdthub.web.services", "--redis", "--", sys.executable, "-c", fail],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 3
    assert not _listening(int(run.stdout.strip().rsplit(":", 1)[1].split("/")[0]))


@pytest.mark.services
def test_stopping_the_runner_stops_its_command_and_the_servers():
    wait = "import os, time; print(os.environ['REDIS_URL'], flush=True); time.sleep(120)"
    runner = subprocess.Popen(
        [sys.executable, "-m", "cdthub.web.services", "--redis", "--", sys.executable, "-c", wait],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = int(runner.stdout.readline().strip().rsplit(":", 1)[1].split("/")[0])
        assert _listening(port)
        runner.terminate()
        assert runner.wait(timeout=60) == 128 + signal.SIGTERM
        assert not _listening(port)
    finally:
        runner.kill()
        runner.wait()
        runner.stdout.close()


@pytest.mark.services
def test_a_server_whose_owner_was_killed_is_stopped_by_the_next_start():
    orphan = (
        "import os; from cdthub.web.services import Redis\n"
        "server = Redis().start(); print(server.port, server.root, flush=True); os._exit(0)\n"
    )  # exits without stopping it, as a process killed outright would
    run = subprocess.run([sys.executable, "-c", orphan], capture_output=True, text=True, check=True)
    port, root = run.stdout.split()
    assert _listening(int(port))
    services.reap_leftovers()
    assert not _listening(int(port)) and not os.path.exists(root)
