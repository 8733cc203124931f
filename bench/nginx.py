"""The code page through nginx's micro-cache against nginx serving the same HTML as a static
file, in the same run, with the same nginx (deploy/nginx/ as cdthub.ops.nginx runs it on a
loopback port) in front of gunicorn started from deploy/gunicorn.conf.py on a unix socket
(production-like settings, SQLite). Load: wrk (Debian's package), DURATION per line, CONNS
connections, 2 threads. Third line, for scale: the same page through nginx but past the cache
(a reader with a session cookie), so gunicorn renders it.

    .venv/bin/python bench/nginx.py [DURATION] [CONNS]      (make bench-nginx)
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from cdthub.ops.nginx import ScratchNginx

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PAGE = "/codes/D9992/"
TARGET = 0.5  # the micro-cache should give at least half of nginx's static figure


def wrk(url: str, duration: str, conns: int, *headers: str) -> dict[str, str]:
    extra = [arg for h in headers for arg in ("-H", h)]
    out = subprocess.run(
        ["wrk", "--latency", "-t2", f"-c{conns}", f"-d{duration}", *extra, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    found = {"rps": re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)}  # type: ignore[union-attr]
    for p in ("50", "99"):
        found[p] = re.search(rf"^\s+{p}%\s+(\S+)", out, re.M).group(1)  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    found["errors"] = errors.group(1) if errors else "0"
    return found


def start_gunicorn(tmp: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    sock = tmp / "gunicorn.sock"
    proc = subprocess.Popen(
        [BIN / "gunicorn", "-c", ROOT / "deploy" / "gunicorn.conf.py"],
        env={**env, "GUNICORN_BIND": f"unix:{sock}", "GUNICORN_WORKERS": "2",
             "GUNICORN_LOG_LEVEL": "warning"},
        stdout=subprocess.DEVNULL, stderr=open(tmp / "gunicorn.log", "wb"),
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while not sock.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError((tmp / "gunicorn.log").read_text())
        time.sleep(0.2)
    return proc


def stop(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def main() -> int:
    duration = sys.argv[1] if len(sys.argv) > 1 else "10s"
    conns = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    if not shutil.which("wrk"):
        print("bench-nginx needs wrk: apt-get install wrk", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="cdthub-bench-nginx-"))
    env = {
        **os.environ,
        "CDTHUB_VAR_DIR": str(tmp),
        "DJANGO_SETTINGS_MODULE": "cdthub.web.settings.bench",
        "DATABASE_URL": "",
        "CDTHUB_TRUSTED_PROXY_HOPS": "1",
    }
    for command in (
        ["manage", "migrate", "-v0"],
        ["manage", "collectstatic", "--noinput", "-v0"],
        ["manage", "load_dataset"],
    ):
        subprocess.run([BIN / "cdthub", *command], env=env, check=True, stdout=subprocess.DEVNULL)
    gunicorn = None
    try:
        gunicorn = start_gunicorn(tmp, env)
        with ScratchNginx(f"unix:{tmp / 'gunicorn.sock'}", tmp / "static", workers=2) as nginx:
            with urllib.request.urlopen(nginx.url + PAGE) as r:  # the shared variant, as cached
                html = r.read()
            (tmp / "static" / "bench").mkdir()
            (tmp / "static" / "bench" / "D9992.html").write_bytes(html)
            cached, static = nginx.url + PAGE, nginx.url + "/static/bench/D9992.html"
            wrk(cached, "2s", conns)  # warm: workers, the cache entry
            wrk(static, "2s", conns)
            rows = [
                ("nginx micro-cache: GET /codes/D9992/", wrk(cached, duration, conns)),
                ("baseline: same HTML as a static file", wrk(static, duration, conns)),
                (
                    "past the cache (session cookie): gunicorn",
                    wrk(cached, duration, conns, "Cookie: sessionid=bench"),
                ),
            ]
    finally:
        stop(gunicorn)
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        f"nginx 2 workers -> gunicorn 2 workers x 4 threads (unix socket), {len(html):,} bytes "
        f"of HTML, wrk {duration}, {conns} connections, {os.cpu_count()} cores"
    )
    for label, r in rows:
        print(
            f"{label:<46} {float(r['rps']):>10,.0f} req/s   p50 {r['50']:>8}   "
            f"p99 {r['99']:>8}   non-2xx {r['errors']}"
        )
    ratio = float(rows[0][1]["rps"]) / float(rows[1][1]["rps"])
    verdict = "met" if ratio >= TARGET else "NOT met"
    print(f"micro-cache / static: {ratio:.0%} (target >= {TARGET:.0%}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
