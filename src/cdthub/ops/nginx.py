"""The deploy/ nginx configuration, run for real on a loopback port: for the tests and for
`make bench-nginx`.

`ScratchNginx` copies deploy/nginx/ into a temporary folder with its paths pointed there (cache,
snippets, static files) and the upstream pointed at a running cdthub, and starts Debian's nginx
in the foreground as a child of this process, in a process group of its own; `stop()` ends it
whatever happened. `check_config()` runs `nginx -t` on the full deploy configuration (TLS
server included, with a throwaway self-signed certificate).

    with ScratchNginx(upstream="127.0.0.1:8123", static_dir=folder) as nginx:
        urllib.request.urlopen(nginx.url + "/codes/D9992/")
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

from .processes import stop_process_group

DEPLOY = Path(__file__).resolve().parents[3] / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
START_SECONDS = 20

# where deploy/nginx/ expects things on a server -> where the scratch copy puts them
CACHE = "/var/cache/nginx/cdthub"
SNIPPETS = "/etc/nginx/snippets/"
STATIC = "/srv/cdthub/var/static/"
UPSTREAM = "unix:/run/cdthub/gunicorn.sock"
CERTS = "/etc/letsencrypt/live/cdthub.example.org/"
LOGS = "/var/log/nginx/cdthub/"

MAIN = """
daemon off;
{user}
worker_processes {workers};
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    client_body_temp_path {root}/tmp/body;
    proxy_temp_path {root}/tmp/proxy;
    fastcgi_temp_path {root}/tmp/fastcgi;
    uwsgi_temp_path {root}/tmp/uwsgi;
    scgi_temp_path {root}/tmp/scgi;
    include {root}/{site_file};
{servers}
}}
"""
PLAIN_SERVER = """
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1 localhost;
        include {root}/cdthub-site.conf;
    }}
"""


def _user() -> str:
    # as root, nginx's workers would run as nobody, who cannot open this process's temporary
    # folders (0700); a throwaway on a loopback port, so they stay root's
    return "user root root;" if os.geteuid() == 0 else ""


def nginx_available() -> bool:
    return Path(NGINX).exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _render(text: str, root: Path, upstream: str, static_dir: Path) -> str:
    return (
        text.replace(CACHE, str(root / "cache"))
        .replace(SNIPPETS, f"{root}/")
        .replace(STATIC, f"{static_dir}/")
        .replace(UPSTREAM, upstream)
        .replace(CERTS, f"{root}/")
        .replace(LOGS, f"{root}/")
    )


def _prepare(root: Path, upstream: str, static_dir: Path) -> None:
    for sub in ("cache", "tmp"):
        (root / sub).mkdir(exist_ok=True)
    for source in DEPLOY.glob("*.conf"):
        (root / source.name).write_text(_render(source.read_text(), root, upstream, static_dir))


def _http_part(conf: str) -> str:
    """cdthub.conf up to its first server block: the cache, the upstream and the maps."""
    return conf[: conf.index("\nserver {")]


def check_config() -> subprocess.CompletedProcess[str]:
    """`nginx -t` on deploy/nginx/ as a server would have it (both server blocks, TLS)."""
    with tempfile.TemporaryDirectory(prefix="cdthub-nginx-t-") as tmp:
        root = Path(tmp)
        _prepare(root, "127.0.0.1:9", root / "static")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=cdthub.example.org", "-keyout", str(root / "privkey.pem"),
             "-out", str(root / "fullchain.pem")],
            check=True, capture_output=True,
        )  # fmt: skip
        (root / "nginx.conf").write_text(
            MAIN.format(root=root, user=_user(), workers=1, site_file="cdthub.conf", servers="")
        )
        return _run_nginx(root, "-t")


def _run_nginx(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NGINX, "-p", str(root), "-c", str(root / "nginx.conf"), "-e", str(root / "error.log"),
         *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


class ScratchNginx:
    def __init__(self, upstream: str, static_dir: Path, workers: int | str = 1) -> None:
        self.upstream, self.static_dir, self.workers = upstream, Path(static_dir), workers
        self.port = 0
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def root(self) -> Path:
        assert self._tmp is not None, "nginx is not started"
        return Path(self._tmp.name)

    def start(self) -> ScratchNginx:
        self._tmp = tempfile.TemporaryDirectory(prefix="cdthub-nginx-")
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        root = self.root
        _prepare(root, self.upstream, self.static_dir)
        (root / "cdthub-http.conf").write_text(_http_part((root / "cdthub.conf").read_text()))
        self.port = free_port()
        (root / "nginx.conf").write_text(
            MAIN.format(
                root=root,
                user=_user(),
                workers=self.workers,
                site_file="cdthub-http.conf",
                servers=PLAIN_SERVER.format(port=self.port, root=root),
            )
        )
        checked = _run_nginx(root, "-t")
        if checked.returncode:
            raise RuntimeError(f"nginx refused the configuration:\n{checked.stderr}")
        self._proc = subprocess.Popen(
            [NGINX, "-p", str(root), "-c", str(root / "nginx.conf"), "-e",
             str(root / "error.log")],
            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"nginx stopped at start:\n{self.error_log()}")
            try:
                urllib.request.urlopen(f"{self.url}/static/", timeout=2).close()
                return
            except urllib.error.HTTPError:
                return  # it answers (403/404 for the folder itself)
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("nginx did not answer in time")

    def error_log(self) -> str:
        log = self.root / "error.log"
        return log.read_text() if log.exists() else ""

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            stop_process_group(proc)  # its own group: master and workers
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> ScratchNginx:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
