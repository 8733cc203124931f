"""deploy/nginx/ for real, with Debian's nginx on a loopback port: the configuration passes
`nginx -t`; the micro-cache keeps only what the app marks, never a response that sets a cookie,
never for a reader with a session; static files come from disk with long cache headers; and a
reader of a cached code page can still post the comment form (its per-reader values come from
/holes/)."""

import gzip
import http.server
import json
import re
import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from cdthub.ops.nginx import ScratchNginx, check_config, free_port, nginx_available

SRC = Path(__file__).resolve().parents[2] / "src" / "cdthub"


@pytest.fixture(scope="module", autouse=True)
def needs_nginx():
    if not nginx_available():
        pytest.fail("nginx not found: apt-get install nginx-light (Debian)")


def get(url, **headers):
    """(status, headers, body) without following redirects or raising on 4xx/5xx."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def test_deploy_configuration_passes_nginx_t():
    done = check_config()
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr


# nginx's own rules, against a stand-in app that marks every answer cacheable ----------------
class StandIn(http.server.BaseHTTPRequestHandler):
    """Answers every GET with a numbered page marked X-Accel-Expires (what cdthub does for the
    shared variant), and with a Set-Cookie when the path asks for one."""

    protocol_version = "HTTP/1.1"
    seen: list[dict[str, str]] = []

    def do_GET(self):
        StandIn.seen.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
        body = f"answer {len(StandIn.seen)}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Accel-Expires", "30")
        self.send_header("Vary", "Cookie")
        if "set-cookie" in self.path:
            self.send_header("Set-Cookie", "csrftoken=one-reader-only; Path=/")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def static_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("static")
    (folder / "cdthub").mkdir()
    (folder / "cdthub" / "site.0123456789ab.css").write_text("body { color: #123; }\n" * 100)
    (folder / "cdthub" / "site.css").write_text("body { color: #123; }\n")
    return folder


@pytest.fixture(scope="module")
def stand_in_nginx(static_dir):
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with ScratchNginx(f"127.0.0.1:{port}", static_dir) as nginx:
            yield nginx
    finally:
        server.shutdown()
        server.server_close()


def test_a_code_page_is_kept_and_served_again(stand_in_nginx):
    first = get(stand_in_nginx.url + "/codes/D0120/")
    again = get(stand_in_nginx.url + "/codes/D0120/?utm_source=x")  # the query is not in the key
    assert first[1]["X-Cache"] == "MISS" and again[1]["X-Cache"] == "HIT"
    assert again[2] == first[2]
    assert "X-Accel-Expires" not in first[1]  # nginx keeps that to itself


def test_a_response_that_sets_a_cookie_is_never_kept(stand_in_nginx):
    url = stand_in_nginx.url + "/codes/D0140/?set-cookie"
    first, second = get(url), get(url)
    assert first[1]["X-Cache"] == second[1]["X-Cache"] == "MISS"
    assert first[2] != second[2]
    assert second[1]["Set-Cookie"].startswith("csrftoken=")


@pytest.mark.parametrize(
    "cookie", ["sessionid=abc123", "csrftoken=x; messages=abc", "a=1;sessionid=z"]
)
def test_a_reader_with_a_session_or_messages_skips_the_cache(stand_in_nginx, cookie):
    url = stand_in_nginx.url + "/codes/D0150/"
    cached = get(url)[2]
    assert get(url)[1]["X-Cache"] == "HIT"
    status, headers, body = get(url, Cookie=cookie)
    assert headers["X-Cache"] == "BYPASS" and body != cached
    assert "x-cdthub-microcache" not in StandIn.seen[-1]  # it asked for the reader's own page
    assert get(url)[2] == cached  # and that personal page was not stored


def test_only_code_pages_are_cached_and_proxy_headers_are_nginxs(stand_in_nginx):
    url = stand_in_nginx.url + "/search/?q=crown"
    first, second = get(url, **{"X-Cdthub-Microcache": "1", "X-Forwarded-For": "6.6.6.6"}), get(url)
    assert "X-Cache" not in first[1] and first[2] != second[2]
    sent = StandIn.seen[-2]
    assert "x-cdthub-microcache" not in sent  # a reader cannot ask for the shared variant
    assert sent["x-forwarded-for"] == "6.6.6.6, 127.0.0.1"  # the app takes the last entry
    assert sent["x-forwarded-proto"] == "http"
    assert len(sent["x-request-id"]) == 32
    get(stand_in_nginx.url + "/codes/D0160/")
    assert StandIn.seen[-1]["x-cdthub-microcache"] == "1"


def test_static_files_from_disk_with_cache_headers_and_gzip(stand_in_nginx):
    before = len(StandIn.seen)
    status, headers, body = get(stand_in_nginx.url + "/static/cdthub/site.0123456789ab.css")
    assert status == 200 and body.startswith("body { color: #123; }")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["X-Content-Type-Options"] == "nosniff"
    plain = get(stand_in_nginx.url + "/static/cdthub/site.css")[1]
    assert plain["Cache-Control"] == "public, max-age=3600"
    zipped = urllib.request.Request(
        stand_in_nginx.url + "/static/cdthub/site.0123456789ab.css",
        headers={"Accept-Encoding": "gzip"},
    )
    with urllib.request.urlopen(zipped) as r:
        assert r.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(r.read()).decode() == body
    assert get(stand_in_nginx.url + "/static/cdthub/missing.css")[0] == 404
    assert len(StandIn.seen) == before  # the app was never asked


# the real site behind it ------------------------------------------------------------------
@pytest.fixture
def site_nginx(live_catalog, tmp_path):
    static = tmp_path / "static"
    for app in ("catalog", "community", "checker"):
        shutil.copytree(SRC / app / "static", static, dirs_exist_ok=True)
    upstream = live_catalog.url.removeprefix("http://")
    with ScratchNginx(upstream, static) as nginx:
        yield nginx


def test_cached_code_page_carries_no_reader_values_and_its_form_still_posts(site_nginx):
    from cdthub.community.models import Comment

    url = site_nginx.url + "/codes/D9992/"
    status, headers, page = get(url)
    assert status == 200 and headers["X-Cache"] == "MISS"
    assert "Set-Cookie" not in headers
    assert 'name="csrfmiddlewaretoken" value="" data-cdthub-hole="csrfmiddlewaretoken"' in page
    assert 'name="ts" value="" data-cdthub-hole="form_stamp"' in page
    assert "cdthub/holes.js" in page
    assert '<noscript><p class="notice">Without JavaScript' in page
    assert 'use <a href="/codes/D9992/comments/new/">the form on its own page</a>' in page
    again = get(url)
    assert again[1]["X-Cache"] == "HIT" and again[2] == page

    # what holes.js does when the reader starts on the form
    status, headers, body = get(site_nginx.url + "/holes/")
    assert status == 200 and "no-cache" in headers["Cache-Control"]
    values = json.loads(body)
    cookie = headers["Set-Cookie"].split(";")[0]
    assert cookie.startswith("csrftoken=")
    form = {
        "name": "Pat Reader",
        "email": "pat@example.org",
        "body": "Posted from a page the micro-cache served.",
        "website": "",
        "ts": values["form_stamp"],
        "csrfmiddlewaretoken": values["csrfmiddlewaretoken"],
    }
    request = urllib.request.Request(
        site_nginx.url + "/codes/D9992/comments/new/",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Cookie": cookie},
    )
    with urllib.request.urlopen(request) as response:  # follows the redirect to the thanks page
        assert response.status == 200 and "/comments/thanks/" in response.url
    assert Comment.objects.filter(body=form["body"]).exists()


def test_logged_in_editor_gets_the_own_page(site_nginx, client, editor):
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    url = site_nginx.url + "/codes/D9992/"
    get(url)
    status, headers, page = get(url, Cookie=f"sessionid={session}")
    assert headers["X-Cache"] == "BYPASS"
    assert "data-cdthub-hole" not in page and "holes.js" not in page
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', page)  # a token of their own
