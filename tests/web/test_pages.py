"""The reading pages: about (independence), privacy, the guide to CDT codes, and the footer,
nav and sitemap that lead to them."""

import re

import pytest

from cdthub.core.codes import CATEGORIES

pytestmark = pytest.mark.usefixtures("loaded_db")


def text(response) -> str:
    """The page's visible words, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_about_says_what_cdthub_is_and_that_it_is_independent(client):
    r = client.get("/about/")
    assert r.status_code == 200
    words = text(r)
    assert (
        "not affiliated with, sponsored by or endorsed by the American Dental Association" in words
    )
    for who in ("dental society", "payer", "government body"):
        assert who in words
    assert "© American Dental Association" in words
    assert "check the patient’s plan and the payer’s policy before you bill" in words
    for reader in ("Billers and office managers", "Dentists", "Patients"):
        assert reader in words
    # how content is written and reviewed
    assert "Suggest an update" in words and "not been reviewed yet" in words


@pytest.mark.parametrize("path", ["/", "/codes/D2393/", "/search/?q=crown", "/check/", "/privacy/"])
def test_every_page_has_the_independence_line_linking_to_about(client, path):
    r = client.get(path)
    footer = r.content.decode().split('<footer class="site-footer">')[1]
    assert "not affiliated with or endorsed by the ADA" in footer
    assert 'href="/about/"' in footer and 'href="/privacy/"' in footer


def test_privacy_says_what_is_kept_for_how_long_and_how_to_delete_it(client, settings):
    settings.CDTHUB_RETENTION = {"rejected_comments": 21, "handled_messages": 200}
    words = text(client.get("/privacy/"))
    for item in ("name, e-mail address and comment", "contact message", "suggested update"):
        assert item in words
    assert "Server logs" in words
    assert "deleted 21 days later" in words and "Deleted 200 days after" in words
    assert "removed 90 days after an editor" in words  # the default
    for cookie in ("csrftoken", "sessionid", "messages", "cdthub_commenter"):
        assert cookie in words
    assert "never appears on a page" in words
    assert "Having your data deleted" in words
    assert 'href="/contact/"' in client.get("/privacy/").content.decode()


@pytest.mark.parametrize(
    "path", ["/contact/", "/codes/D9992/suggest/", "/codes/D9992/comments/new/", "/check/"]
)
def test_every_form_links_to_privacy(client, path):
    page = client.get(path).content.decode()
    main = page.split('<main id="main"')[1].split("</main>")[0]
    assert 'href="/privacy/"' in main


def test_the_comment_form_on_a_code_page_links_to_privacy(client):
    page = client.get("/codes/D9992/").content.decode()
    reply = page.split('id="reply"')[1].split("</form>")[0]
    assert 'href="/privacy/"' in reply


def test_the_guide_explains_the_codes_in_our_words(client):
    r = client.get("/about/cdt-codes/")
    assert r.status_code == 200
    words = text(r)
    assert "Code Maintenance Committee" in words and "1 January" in words
    for term in ("Added", "Revised", "Deleted", "date of service"):
        assert term in words
    assert "A code is not a fee, and not a coverage decision" in words
    assert "How to read a cdthub code page" in words and "The claim line needs" in words
    assert "Where the official text comes from" in words


def test_the_guide_lists_the_twelve_categories_from_the_catalog(client, catalog):
    page = client.get("/about/cdt-codes/").content.decode()
    rows = re.findall(r'<tr><th scope="row"><a href="/codes/category/([a-z-]+)/">', page)
    assert rows == [c.slug for c in CATEGORIES]
    for c in CATEGORIES:
        count = len(catalog.in_category(c.slug))
        assert re.search(
            rf"/codes/category/{c.slug}/\">{re.escape(c.name)}</a></th>"
            rf"<td class=\"nowrap\">{c.range_label}</td><td class=\"num\">{count}</td>",
            page,
        )
    year = catalog.current_year
    added = len(catalog.changes_in(year).added)
    assert f"In CDT {year}, {added} code" in text(client.get("/about/cdt-codes/"))


@pytest.mark.parametrize("path", ["/", "/codes/D2393/"])
def test_home_and_code_pages_link_to_the_guide(client, path):
    main = client.get(path).content.decode().split('<main id="main"')[1].split("</main>")[0]
    assert 'href="/about/cdt-codes/' in main


def test_nav_has_check_a_claim_and_the_api_moved_to_the_footer(client):
    page = client.get("/").content.decode()
    nav = page.split('<nav aria-label="Main">')[1].split("</nav>")[0]
    assert 'href="/check/">Check a claim</a>' in nav
    assert "/api/v1/docs" not in nav
    footer = page.split('<footer class="site-footer">')[1]
    assert 'href="/api/v1/docs">API</a>' in footer


def test_the_sitemap_lists_the_reading_pages_and_changes(client):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/about/", "/about/cdt-codes/", "/privacy/", "/changes/", "/changes/2026/"):
        assert f"<loc>http://testserver{path}</loc>" in xml
