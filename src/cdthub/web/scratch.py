"""A throwaway cdthub server for benchmarks and end-to-end tests, and readers who use it.

`ScratchSite` runs gunicorn on a fresh SQLite database (WAL, busy timeout and IMMEDIATE
transactions, as settings/base.py configures it) in a temporary directory, in a process group
of its own: stopping it stops its workers too, whatever happened meanwhile. Given a
`database_url` (PostgreSQL) and a `redis_url`, it uses those instead: several scratch sites
sharing them are several app servers of one site (cdthub.web.services starts throwaway ones).

`post_comments` sends readers through the real "Leave a reply" form at the same time (CSRF
cookie and token, a signed single-use time stamp per comment, honeypot, rate limit with an
address of their own each) and counts what was accepted and what was stored; `post_burst` sends
many comments at one moment from one address (the rate limit must hold).

    with ScratchSite(min_seconds=3) as site:
        result = post_comments(site, readers=20, per_reader=10)
"""

from __future__ import annotations

import itertools
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ..ops.processes import stop_process_group

CODE = "D9992"
START_SECONDS = 180  # to build its snapshot and answer a first request on a very busy machine
PREPARE_SECONDS = 120  # more for `cdthub serve`, which migrates and loads before it listens
STOP_SECONDS = 10
DEADLINE = 240  # seconds for a whole run of readers; a stuck server fails it instead of hanging
_SETTINGS = """
from cdthub.web.settings.local import *  # noqa: F403
DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CDTHUB_FORM_MIN_SECONDS = {min_seconds}
CDTHUB_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
LOGGING = {{"version": 1, "disable_existing_loggers": False}}
"""


class ScratchSite:
    def __init__(
        self,
        workers: int = 2,
        threads: int = 4,
        min_seconds: int = 3,
        database_url: str = "",
        redis_url: str = "",
        serve: bool = False,
    ):
        self.workers, self.threads, self.min_seconds = workers, threads, min_seconds
        self.database_url, self.redis_url = database_url, redis_url
        self.serve = (
            serve  # started as `cdthub serve --port N` (which prepares, then runs gunicorn)
        )
        self.url = ""
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def root(self) -> Path:
        assert self._tmp is not None, "the site is not started"
        return Path(self._tmp.name)

    @property
    def pid(self) -> int | None:
        """gunicorn's master, whose process id is also its process group's."""
        return self._proc.pid if self._proc else None

    @property
    def db(self) -> Path:
        return self.root / "cdthub.sqlite3"

    def env(self) -> dict[str, str]:
        """The environment of this site's processes (also for `cdthub` commands run on it)."""
        return {
            **os.environ,
            "CDTHUB_VAR_DIR": str(self.root),
            "PYTHONPATH": str(self.root),
            "DJANGO_SETTINGS_MODULE": "cdthub_scratch_settings",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
        }

    def start(self) -> ScratchSite:
        self._tmp = tempfile.TemporaryDirectory(prefix="cdthub-scratch-")
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        settings = _SETTINGS.format(min_seconds=self.min_seconds)
        (self.root / "cdthub_scratch_settings.py").write_text(textwrap.dedent(settings))
        env = self.env()
        if self.serve:
            self._proc = self._cdthub_serve(env)
        else:
            self._proc = self._gunicorn(env)
        deadline = time.monotonic() + START_SECONDS + (PREPARE_SECONDS if self.serve else 0)
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start:\n{self.log()}")
            try:
                urllib.request.urlopen(f"{self.url}/codes/{CODE}/", timeout=10).read()
                return
            except OSError:  # not listening yet, or busy building its first snapshot
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {START_SECONDS} s:\n{self.log()}")

    def _gunicorn(self, env: dict[str, str]) -> subprocess.Popen[bytes]:
        prepare = (
            "import django; django.setup()\n"
            "from cdthub.catalog.preparing import prepare_database; prepare_database()\n"
        )
        subprocess.run([sys.executable, "-c", prepare], env=env, check=True)
        # the socket is bound here and handed over, so no other process can take the port
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            self.url = f"http://127.0.0.1:{listener.getsockname()[1]}"
            return subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "cdthub.web.wsgi:application"),
                    *("--bind", f"fd://{listener.fileno()}"),
                    *("--workers", str(self.workers), "--threads", str(self.threads)),
                    *("--log-level", "warning", "--error-logfile", str(self.root / "gunicorn.log")),
                ],
                env=env,
                pass_fds=(listener.fileno(),),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop() ends master and workers
            )

    def _cdthub_serve(self, env: dict[str, str]) -> subprocess.Popen[bytes]:
        with socket.socket() as probe:  # a free port (serve binds it itself, a moment later)
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        with open(self.root / "gunicorn.log", "ab") as log:
            return subprocess.Popen(
                [
                    *(sys.executable, "-m", "cdthub.cli", "serve", "--port", str(port)),
                    *("--workers", str(self.workers)),
                ],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def stop(self) -> None:
        """Stop gunicorn and its workers and remove the directory; safe to call twice."""
        proc, self._proc = self._proc, None
        if proc is not None:
            stop_process_group(proc, STOP_SECONDS)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> ScratchSite:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def log(self) -> str:
        path = self.root / "gunicorn.log"
        return path.read_text()[-2000:] if path.exists() else ""

    def query(self, sql: str) -> list[tuple]:
        """Rows of one read-only SQL statement, straight from the site's database."""
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as db:
                return db.execute(sql).fetchall()
        with sqlite3.connect(self.db) as db:
            return db.execute(sql).fetchall()

    def stored_comments(self) -> int:
        count: int = self.query("select count(*) from community_comment")[0][0]
        return count


@dataclass
class Posted:
    posted: int
    accepted: int
    failed: int
    stored: int
    seconds: float  # posting time, from the moment every reader has its forms

    @property
    def per_second(self) -> float:
        return self.posted / self.seconds if self.seconds else 0.0


_addresses = itertools.count(1)
_address_lock = threading.Lock()


def _next_address() -> str:
    with _address_lock:
        n = next(_addresses)
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def _forms(site: ScratchSite, count: int) -> tuple[urllib.request.OpenerDirector, list[dict]]:
    """One reader opening the code page `count` times: a form (CSRF token and a single-use time
    stamp) for each comment to come, and the cookies that go with them."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    forms = []
    for _ in range(count):
        page = opener.open(f"{site.url}/codes/{CODE}/", timeout=60).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        stamp = re.search(r'name="ts" value="([^"]+)"', page)
        if token and stamp:
            forms.append({"csrfmiddlewaretoken": token.group(1), "ts": stamp.group(1)})
    return opener, forms


def _post(
    site: ScratchSite, opener: urllib.request.OpenerDirector, form: dict, text: str, address: str
) -> bool:
    """Send one comment from `address`; True when it was accepted."""
    data = {**form, "website": "", "parent": "", "name": "Reader", "email": "r@example.org"}
    request = urllib.request.Request(
        f"{site.url}/codes/{CODE}/comments/new/",
        data=urllib.parse.urlencode({**data, "body": text}).encode(),
        headers={"X-Real-IP": address, "Referer": f"{site.url}/codes/{CODE}/"},
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.geturl().endswith("/comments/thanks/")
    except urllib.error.HTTPError:
        return False


def _reader(site: ScratchSite, reader: int, count: int, go: threading.Barrier) -> tuple[int, int]:
    """One reader: open the code page for each comment, wait for `go`, then post them one by
    one. (accepted, failed)"""
    opener, forms = _forms(site, count)
    time.sleep(site.min_seconds + 0.2)  # people take a moment to write
    go.wait(timeout=DEADLINE)
    accepted = 0
    for n, form in enumerate(forms):
        text = f"Comment {n} from reader {reader}: does this apply to group homes?"
        accepted += _post(site, opener, form, text, _next_address())
    return accepted, count - accepted


def post_burst(site: ScratchSite, count: int, address: str = "10.99.0.1") -> int:
    """`count` comments sent at the same moment from one address; how many were accepted."""
    opener, forms = _forms(site, count)
    time.sleep(site.min_seconds + 0.2)
    start = threading.Barrier(len(forms))

    def send(n: int) -> bool:
        start.wait(timeout=60)
        return _post(site, opener, forms[n], f"Burst comment {n}: does this apply?", address)

    with ThreadPoolExecutor(max_workers=len(forms)) as pool:
        return sum(pool.map(send, range(len(forms)), timeout=DEADLINE))


def post_comments(site: ScratchSite, readers: int, per_reader: int) -> Posted:
    """`readers` readers at once, each posting `per_reader` comments (timed from the moment all
    of them have their forms)."""
    before = site.stored_comments()
    go = threading.Barrier(readers + 1)
    pool = ThreadPoolExecutor(max_workers=readers)
    futures = [pool.submit(_reader, site, r, per_reader, go) for r in range(readers)]
    try:
        go.wait(timeout=DEADLINE)
        start = time.perf_counter()
        results = [
            f.result(timeout=max(0.0, DEADLINE - (time.perf_counter() - start))) for f in futures
        ]
    except (FutureTimeout, threading.BrokenBarrierError):
        raise RuntimeError(f"the run took over {DEADLINE} s; server log:\n{site.log()}") from None
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    seconds = time.perf_counter() - start
    accepted = sum(a for a, _ in results)
    failed = sum(f for _, f in results)
    return Posted(readers * per_reader, accepted, failed, site.stored_comments() - before, seconds)
