"""Two app servers (`cdthub serve`: gunicorn, two workers each) sharing one PostgreSQL database
and one Redis behave as one site: they start together without loading the data twice, the
contact form's limit is counted once for both, a comment approved on one shows on the other,
and both follow a change of the catalog's data. Servers and databases are throwaway and
stopped whatever happens (tests/conftest.py, cdthub.web.scratch)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from cdthub.core.dataset import records_and_families
from cdthub.web.scratch import CODE, ScratchSite

from ..catalog.import_files import HEADER, write_csv
from ..conftest import PASSWORD

pytestmark = pytest.mark.services

ADDRESS = "203.0.113.77"
MIN_SECONDS = 1  # a public form sent sooner after it was shown is refused
FOLLOW_SECONDS = 15  # how long the other server may take to follow a change (it takes ~1 s)


class Reader:
    """A browser-like client of one server: cookies, CSRF tokens, form stamps."""

    def __init__(self, site: ScratchSite):
        self.site = site
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())

    def get(self, path: str) -> str:
        return self.opener.open(self.site.url + path, timeout=60).read().decode()

    def form(self, path: str) -> dict[str, str]:
        """The CSRF token and time stamp of the form at `path`, as a reader opening it."""
        page = self.get(path)
        found = {
            "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page),
            "ts": re.search(r'name="ts" value="([^"]+)"', page),
        }
        return {name: match.group(1) for name, match in found.items() if match}

    def post(self, path: str, data: dict[str, str], form: dict[str, str]) -> tuple[int, str]:
        """Send `data` with a `form` opened before; (status, the address that answered after
        redirects)."""
        request = urllib.request.Request(
            self.site.url + path,
            data=urllib.parse.urlencode({**form, **data}).encode(),
            headers={"X-Real-IP": ADDRESS, "Referer": self.site.url + path},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.geturl()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.geturl()

    def fill_in(self, path: str, data: dict[str, str], shown_on: str = "") -> tuple[int, str]:
        """Open the form (on the page `shown_on`, or at `path`), take a moment (the scratch
        sites refuse forms sent within a second), send it."""
        form = self.form(shown_on or path)
        time.sleep(MIN_SECONDS + 0.2)
        return self.post(path, data, form)


def _eventually(check, what: str) -> None:
    deadline = time.monotonic() + FOLLOW_SECONDS
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {FOLLOW_SECONDS} s")
        time.sleep(0.2)


@pytest.fixture
def two_servers(postgres, redis):
    """Two `cdthub serve` on one database and one Redis, started at the same moment (both
    prepare the empty database)."""
    sites = [
        ScratchSite(min_seconds=MIN_SECONDS, database_url=postgres, redis_url=redis, serve=True)
        for _ in range(2)
    ]
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda site: site.start(), sites))
        yield sites
    finally:
        for site in sites:
            site.stop()


def test_two_servers_on_one_database_and_redis_are_one_site(two_servers, tmp_path):
    a, b = two_servers

    # started together: the schema was migrated and the dataset loaded once
    codes = len(records_and_families()[0])
    assert a.query("select count(*) from catalog_codeentry") == [(codes,)]
    assert a.query("select version from catalog_catalogstate") == [(1,)]

    # the contact form's limit (5 per address) counts posts to both servers together
    message = {
        "name": "Pat Reader",
        "email": "pat@example.org",
        "topic": "coding",
        "message": "Which code fits a night guard adjustment?",
        "website": "",
    }
    readers = [Reader(site) for site in (a, b, a, b, a, b, a)]
    forms = [reader.form("/contact/") for reader in readers]
    time.sleep(MIN_SECONDS + 0.2)
    answers = [
        reader.post("/contact/", message, form) for reader, form in zip(readers, forms, strict=True)
    ]
    assert [status for status, _ in answers] == [200] * 5 + [429] * 2
    assert all(url.endswith("/contact/thanks/") for _, url in answers[:5])
    assert a.query("select count(*) from community_contactmessage") == [(5,)]

    # a comment sent to one server and approved on it shows on the other's cached code page
    reader_on_b = Reader(b)
    before = reader_on_b.get(f"/codes/{CODE}/")  # B caches the page (in the shared Redis)
    body = "Our payer asks for a narrative with this one; is that usual?"
    comment = {"name": "Sam", "email": "sam@example.org", "body": body, "website": ""}
    status, url = Reader(a).fill_in(f"/codes/{CODE}/comments/new/", comment, f"/codes/{CODE}/")
    assert url.endswith("/comments/thanks/")
    assert body not in before and body not in reader_on_b.get(f"/codes/{CODE}/")  # pending
    subprocess.run(
        [sys.executable, "-m", "cdthub.cli", "createuser", "edna", "--role", "editor",
         "--password-stdin"],
        input=PASSWORD + "\n", env=a.env(), text=True, check=True, capture_output=True,
    )  # fmt: skip
    editor = Reader(a)
    status, url = editor.fill_in("/accounts/login/", {"username": "edna", "password": PASSWORD})
    assert url.endswith("/community/")
    [(comment_id,)] = a.query("select id from community_comment")
    editor.fill_in("/community/moderation/", {"single": f"approve:{comment_id}"})
    assert a.query("select status from community_comment") == [("approved",)]
    _eventually(
        lambda: body in reader_on_b.get(f"/codes/{CODE}/"), "the approved comment on server B"
    )

    # the catalog's data changes (a licensed import run beside the servers): both follow
    nomenclature = "Made-up nomenclature for the two-server test"
    rows = [HEADER, [CODE, nomenclature, "Made-up descriptor."]]
    subprocess.run(
        [sys.executable, "-m", "cdthub.cli", "import", str(write_csv(tmp_path / "cdt.csv", rows)),
         "--edition", "2026"],
        env=a.env(), check=True, capture_output=True,
    )  # fmt: skip
    for site in (a, b):
        reader = Reader(site)

        def official(reader=reader):
            code = json.loads(reader.get(f"/api/v1/codes/{CODE}"))
            return (code.get("official") or {}).get("nomenclature")

        _eventually(lambda official=official: official() == nomenclature, f"{site.url} following")
        assert nomenclature in reader.get(f"/codes/{CODE}/")
