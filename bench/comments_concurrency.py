"""Comments under concurrent load: nothing may be lost.

Runs the real site under gunicorn (2 workers x 4 threads) on a temporary SQLite database (WAL,
busy timeout, IMMEDIATE transactions, as settings/base.py configures it), then 20 readers post
10 comments each at the same time through the real form: CSRF cookie and token, the signed
time stamp (with the 3-second minimum), the honeypot and the rate limit (every post comes from
its own address through X-Real-IP, so the limit counts but never blocks). Prints how many of
the 200 comments were stored, and the baseline: one reader posting 40 comments one by one.

    .venv/bin/python bench/comments_concurrency.py [--threads 20] [--per-thread 10]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import itertools
import os
import re
import signal
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

CODE = "D9992"
MIN_SECONDS = 3
DEADLINE = 180  # seconds for a whole run; a stuck server fails the run instead of hanging it
SETTINGS = textwrap.dedent(f"""
    from cdthub.web.settings.dev import *  # noqa: F403
    DEBUG = False
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    CDTHUB_FORM_MIN_SECONDS = {MIN_SECONDS}
    CDTHUB_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    LOGGING = {{"version": 1, "disable_existing_loggers": False}}
""")
_ips = itertools.count(1)
_ip_lock = threading.Lock()


def _next_ip() -> str:
    with _ip_lock:
        n = next(_ips)
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


@dataclass
class Result:
    posted: int
    accepted: int
    failed: int
    stored: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.posted / self.seconds if self.seconds else 0.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """gunicorn serving cdthub on a fresh SQLite database in a temporary directory."""

    def __init__(self, workers: int = 2, threads: int = 4):
        self.tmp = tempfile.TemporaryDirectory(prefix="cdthub-bench-")
        root = Path(self.tmp.name)
        (root / "cdthub_bench_settings.py").write_text(SETTINGS)
        (root / "static").mkdir()
        self.db = root / "cdthub.sqlite3"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "CDTHUB_VAR_DIR": str(root),
            "PYTHONPATH": str(root),
            "DJANGO_SETTINGS_MODULE": "cdthub_bench_settings",
        }
        self.env.pop("DATABASE_URL", None)
        self.workers, self.threads = workers, threads
        self.proc: subprocess.Popen | None = None
        self.log = root / "gunicorn.log"

    def __enter__(self) -> Site:
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup();"
                "from django.core.management import call_command;"
                "call_command('migrate', verbosity=0);"
                "from cdthub.catalog.loading import load_dataset; load_dataset()",
            ],
            env=self.env,
            check=True,
        )
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cdthub.web.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--log-level",
                "warning",
                "--error-logfile",
                str(self.log),
            ],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/contact/", timeout=2).read()
                return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.tmp.cleanup()

    def stored(self) -> int:
        with sqlite3.connect(self.db) as db:
            return db.execute("select count(*) from community_comment").fetchone()[0]


def _reader(site: Site, reader: int, count: int) -> tuple[int, int]:
    """One reader: open the code page once, then post `count` comments. (accepted, failed)"""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{site.url}/codes/{CODE}/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    stamp = re.search(r'name="ts" value="([^"]+)"', page).group(1)
    time.sleep(MIN_SECONDS + 0.2)  # people take a moment to write
    accepted = failed = 0
    for n in range(count):
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "ts": stamp,
                "website": "",
                "parent": "",
                "name": f"Reader {reader}",
                "email": f"reader{reader}@example.org",
                "body": f"Comment {n} from reader {reader}: does this apply to group homes?",
            }
        ).encode()
        request = urllib.request.Request(
            f"{site.url}/codes/{CODE}/comments/new/",
            data=form,
            headers={"X-Real-IP": _next_ip(), "Referer": f"{site.url}/codes/{CODE}/"},
        )
        try:
            with opener.open(request, timeout=30) as response:
                ok = response.geturl().endswith("/comments/thanks/")
        except urllib.error.HTTPError:
            ok = False
        accepted += ok
        failed += not ok
    return accepted, failed


def run(threads: int = 20, per_thread: int = 10, site: Site | None = None) -> Result:
    own = site is None
    site = site or Site().__enter__()
    try:
        before = site.stored()
        start = time.perf_counter()
        pool = ThreadPoolExecutor(max_workers=threads)
        futures = [pool.submit(_reader, site, r, per_thread) for r in range(threads)]
        try:
            results = [
                f.result(timeout=max(0.0, DEADLINE - (time.perf_counter() - start)))
                for f in futures
            ]
        except FutureTimeout:
            log = site.log.read_text()[-2000:] if site.log.exists() else ""
            raise RuntimeError(f"the run took over {DEADLINE} s; server log:\n{log}") from None
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        seconds = time.perf_counter() - start - (MIN_SECONDS + 0.2)
        accepted = sum(a for a, _ in results)
        failed = sum(f for _, f in results)
        return Result(threads * per_thread, accepted, failed, site.stored() - before, seconds)
    finally:
        if own:
            site.__exit__(None, None, None)


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still stop gunicorn
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--per-thread", type=int, default=10)
    args = parser.parse_args()
    with Site() as site:
        load = run(args.threads, args.per_thread, site)
        base = run(1, 40, site)
    print(
        f"concurrent: {args.threads} readers x {args.per_thread} comments = "
        f"{load.posted} posted, "
        f"{load.accepted} accepted, {load.failed} failed, {load.stored} stored, "
        f"{load.per_second:.0f} posts/s"
    )
    print(
        f"baseline:   1 reader x 40 comments = {base.posted} posted, {base.accepted} accepted, "
        f"{base.failed} failed, {base.stored} stored, {base.per_second:.0f} posts/s"
    )
    lost = load.posted - load.stored
    print("nothing lost" if lost == 0 else f"LOST {lost} comments")
    return 0 if lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
