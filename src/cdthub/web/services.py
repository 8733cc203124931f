"""Throwaway PostgreSQL and Redis servers from Debian's packages, for the tests (`make test`),
the end-to-end checks of several app servers and anyone trying the production path locally.

Each server lives in a temporary directory, listens on 127.0.0.1 on a free port, and is stopped
and removed whatever happens: `stop()` is safe to call twice, the context managers call it, and
an atexit hook stops whatever is still running when the interpreter exits. A process killed
outright runs none of that, so each directory names its owner (`owner.pid`) and the server's
process (`server.pid`): starting a server first stops and removes any left by a dead owner.

    python -m cdthub.web.services --postgres --redis -- pytest -m db

runs a command with DATABASE_URL and REDIS_URL pointing at fresh servers, and stops them after
(also on Ctrl-C or SIGTERM). PostgreSQL refuses to run as root: as root the cluster belongs to
the `postgres` user the Debian package creates.
"""

from __future__ import annotations

import argparse
import atexit
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from ..ops.processes import stop_process_group

START_SECONDS = 60
STOP_SECONDS = 10
PACKAGES = "scripts/test-deps.sh"  # where the list of Debian packages the tests need is kept


class MissingPackage(RuntimeError):
    """A server's binaries are not installed (the message names the Debian package)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def postgres_bindir() -> Path:
    """The newest installed PostgreSQL's binaries (Debian keeps them per major version)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if not found:
        path = shutil.which("initdb")
        if path is None:
            raise MissingPackage(
                "PostgreSQL's server is not installed (no initdb in /usr/lib/postgresql/*/bin): "
                "install Debian's postgresql package, e.g. `sudo apt-get install postgresql`"
            )
        return Path(path).parent
    return Path(found[-1]).parent


def redis_binary() -> str:
    path = shutil.which("redis-server")
    if path is None:
        raise MissingPackage(
            "redis-server is not installed: install Debian's redis-server package, e.g. "
            "`sudo apt-get install redis-server`"
        )
    return path


_running: set[_Server] = set()


@atexit.register
def _stop_all() -> None:
    for server in list(_running):
        server.stop()


class _Server:
    """Start/stop bookkeeping shared by both servers: a temporary directory, a port, atexit."""

    name = "server"

    def __init__(self) -> None:
        self.port = 0
        self.url = ""
        self._tmp: Path | None = None

    @property
    def root(self) -> Path:
        assert self._tmp is not None, f"the {self.name} is not started"
        return self._tmp

    def start(self) -> _Server:
        reap_leftovers()
        self._tmp = Path(tempfile.mkdtemp(prefix=f"cdthub-{self.name}-"))
        (self._tmp / OWNER_FILE).write_text(str(os.getpid()))
        _running.add(self)
        try:
            for _ in range(3):  # another process may take the free port before us
                self.port = free_port()
                if self._start():
                    return self
                self._halt()
            raise RuntimeError(f"the throwaway {self.name} did not start:\n{self.log()}")
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server and remove its directory; safe to call twice."""
        _running.discard(self)
        if self._tmp is not None:
            try:
                self._halt()
            finally:
                shutil.rmtree(self._tmp, ignore_errors=True)
                self._tmp = None

    def __enter__(self) -> _Server:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def log(self) -> str:
        path = self.root / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def _start(self) -> bool:
        raise NotImplementedError

    def _halt(self) -> None:
        raise NotImplementedError


class Postgres(_Server):
    """A PostgreSQL cluster made by initdb, run by pg_ctl; `url` is its superuser's (trust
    authentication, loopback only), `database_url(name)` another database's."""

    name = "postgres"

    def __init__(self) -> None:
        super().__init__()
        self.bindir = postgres_bindir()
        self._user: str | None = None  # whom the cluster runs as when we are root

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            user=self._user,
            cwd=self.root,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=START_SECONDS,
        )

    def _start(self) -> bool:
        if not self.data.exists():
            if os.geteuid() == 0:
                self._user = "postgres"
                try:
                    owner = pwd.getpwnam(self._user)
                except KeyError:
                    raise MissingPackage(
                        "PostgreSQL refuses to run as root and there is no `postgres` user: "
                        "install Debian's postgresql package, which creates it"
                    ) from None
                os.chown(self.root, owner.pw_uid, owner.pw_gid)
            made = self._run(
                "initdb",
                *("-D", str(self.data), "-U", "postgres", "-A", "trust"),
                *("-E", "UTF8", "--no-locale", "--no-sync"),
            )
            if made.returncode != 0:
                raise RuntimeError(f"initdb failed:\n{made.stdout}{made.stderr}")
        options = " ".join(
            [
                "-c listen_addresses=127.0.0.1",
                f"-p {self.port}",
                f"-k {self.root}",  # its unix socket stays in our directory
                "-c max_connections=200",
                # a throwaway cluster: durability buys nothing here
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            ]
        )
        started = self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options,
            "-w", "-t", str(START_SECONDS), "start",
        )  # fmt: skip
        if started.returncode != 0:
            return False
        self.url = self.database_url("postgres")
        return True

    def _halt(self) -> None:
        if (self.data / "postmaster.pid").exists():
            stopped = self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
            if stopped.returncode != 0:
                _kill_pidfile(self.data / "postmaster.pid")

    def database_url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> str:
        """Make an empty database; its URL."""
        psql = self._run(
            "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-v",
            "ON_ERROR_STOP=1", "-c", f'CREATE DATABASE "{name}"', "postgres",
        )  # fmt: skip
        if psql.returncode != 0:
            raise RuntimeError(f"could not create database {name}: {psql.stderr}")
        return self.database_url(name)


class Redis(_Server):
    """redis-server without persistence; `url` points at its database 0 (64 databases, so test
    processes can each have one: clearing a cache empties a whole database)."""

    name = "redis"

    def __init__(self) -> None:
        super().__init__()
        self.binary = redis_binary()
        self._proc: subprocess.Popen[bytes] | None = None

    def _start(self) -> bool:
        log = open(self.root / "server.log", "ab")  # noqa: SIM115 - the server writes to it
        with log:
            self._proc = subprocess.Popen(
                [
                    self.binary,
                    *("--bind", "127.0.0.1", "--port", str(self.port)),
                    *("--dir", str(self.root), "--save", "", "--appendonly", "no"),
                    *("--databases", "64", "--daemonize", "no", "--protected-mode", "yes"),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        (self.root / PID_FILE).write_text(str(self._proc.pid))
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                return False
            if self.ping():
                self.url = f"redis://127.0.0.1:{self.port}/0"
                return True
            time.sleep(0.1)
        return False

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def _halt(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            stop_process_group(proc, STOP_SECONDS)


OWNER_FILE, PID_FILE = "owner.pid", "server.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reap_leftovers() -> None:
    """Stop and remove the throwaway servers whose owning process is gone."""
    for owner in glob.glob(os.path.join(tempfile.gettempdir(), f"cdthub-*/{OWNER_FILE}")):
        root = Path(owner).parent
        try:
            if _alive(int(Path(owner).read_text())):
                continue
        except (OSError, ValueError):
            continue
        for pidfile in (root / PID_FILE, root / "data" / "postmaster.pid"):
            _kill_pidfile(pidfile)
        shutil.rmtree(root, ignore_errors=True)


def _kill_pidfile(path: Path) -> None:
    """Kill the server whose process id `path` holds, if that process is still one of ours."""
    try:
        pid = int(path.read_text().split()[0])
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"redis-server" in command or b"postgres" in command:  # not a reused process id
            os.kill(pid, signal.SIGKILL)
            _wait_gone(pid)
    except (OSError, ValueError, IndexError):
        pass


def _wait_gone(pid: int, seconds: float = 10) -> None:
    """Until the killed process has died (gone, or a zombie with no thread left, so its sockets
    are closed): SIGKILL is delivered asynchronously, and a server's other threads outlive its
    main one for a moment; its port must be free when reap_leftovers returns."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            threads = len(os.listdir(f"/proc/{pid}/task"))
        except (OSError, IndexError):
            return
        if state in ("Z", "X") and threads <= 1:
            return
        time.sleep(0.02)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cdthub.web.services",
        description="Run a command with DATABASE_URL and/or REDIS_URL pointing at throwaway "
        "servers, stopped afterwards whatever happens.",
    )
    parser.add_argument("--postgres", action="store_true", help="a PostgreSQL cluster")
    parser.add_argument("--redis", action="store_true", help="a redis-server")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")

    child: subprocess.Popen[bytes] | None = None

    def stop_on_signal(signum: int, frame: object) -> None:
        if child is not None and child.poll() is None:
            child.send_signal(signum)  # let the command stop first, then stop the servers
            try:
                child.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                child.kill()
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop_on_signal)
    servers: list[_Server] = []
    env = dict(os.environ)
    try:
        if args.postgres:
            pg = Postgres()
            servers.append(pg)
            pg.start()
            env["DATABASE_URL"] = pg.database_url("cdthub")
            env["CDTHUB_TEST_POSTGRES"] = pg.url  # the cluster, for tests that make databases
        if args.redis:
            redis = Redis()
            servers.append(redis)
            redis.start()
            env["REDIS_URL"] = redis.url
        child = subprocess.Popen(command, env=env)
        return child.wait()
    except MissingPackage as exc:
        print(f"cdthub: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C reached the command too: let it finish stopping
        if child is not None:
            try:
                child.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                child.kill()
        return 130
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    sys.exit(main())
