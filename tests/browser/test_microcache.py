"""A reader of a code page served from nginx's micro-cache (deploy/nginx/) writes a comment in a
real browser: holes.js fetches the CSRF token and the form's time stamp, the comment arrives."""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cdthub.ops.nginx import ScratchNginx, nginx_available

pytestmark = pytest.mark.browser
SRC = Path(__file__).resolve().parents[2] / "src" / "cdthub"


@pytest.fixture
def site_nginx(live_catalog, tmp_path):
    if not nginx_available():
        pytest.fail("nginx not found: apt-get install nginx-light (Debian)")
    static = tmp_path / "static"
    for app in ("catalog", "community", "checker"):
        shutil.copytree(SRC / app / "static", static, dirs_exist_ok=True)
    with ScratchNginx(live_catalog.url.removeprefix("http://"), static) as nginx:
        yield nginx


def test_reader_comments_on_a_page_from_the_micro_cache(page, site_nginx):
    from cdthub.community.models import Comment

    url = site_nginx.url + "/codes/D9992/"
    page.request.get(url)  # someone else read it first: the page is in the cache
    response = page.goto(url)
    assert response.headers["x-cache"] == "HIT"
    stamp = page.locator('#reply input[name="ts"]')
    expect(stamp).to_have_value("")

    reply = page.locator("#reply")
    reply.get_by_label("Name").fill("Pat from the front desk")
    expect(stamp).not_to_have_value("")  # filled in once the reader started on the form
    reply.get_by_label("Email").fill("pat@example.org")
    reply.get_by_label("Comment").fill("Seen on a cached page: still reaches the editors.")
    reply.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("heading", name="Thank you for your comment")).to_be_visible()
    assert Comment.objects.filter(body__startswith="Seen on a cached page").count() == 1


def test_sending_at_once_waits_for_the_values(page, site_nginx):
    """The reader presses the button before anything was fetched (e.g. an autofilled form)."""
    from cdthub.community.models import Comment

    page.goto(site_nginx.url + "/codes/D0120/")
    reply = page.locator("#reply")
    reply.evaluate(
        """box => {
            box.querySelector('[name=name]').value = 'Autofill';
            box.querySelector('[name=email]').value = 'auto@example.org';
            box.querySelector('[name=body]').value = 'Sent without touching the form first.';
            box.querySelector('form').requestSubmit();
        }"""
    )
    expect(page.get_by_role("heading", name="Thank you for your comment")).to_be_visible()
    assert Comment.objects.filter(name="Autofill").count() == 1
