"""Code pages speak to readers (no developer talk, a quiet review line, a copy button), the
list of editions at /changes/, and the layout hooks of an edition's changes."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("loaded_db")


def main_of(response) -> str:
    return response.content.decode().split('<main id="main"')[1].split("</main>")[0]


def test_a_code_page_has_no_developer_text_but_keeps_its_link_header(client):
    r = client.get("/codes/D2393/")
    body = main_of(r)
    for developer_text in ("cdthub import", "This page as JSON", "/api/v1/", "Not shown:"):
        assert developer_text not in body
    assert "/api/v1/codes/D2393" in r["Link"]
    assert "cdthub’s own words, not the ADA’s" in body


def test_not_yet_reviewed_is_a_quiet_line(client):
    body = main_of(client.get("/codes/D2393/"))
    line = re.search(r'<span class="([^"]*)">Not yet reviewed by a cdthub editor', body)
    assert line and "not-reviewed" in line.group(1)
    assert "<strong>Not yet reviewed" not in body


def test_the_code_heading_has_a_copy_button_from_a_static_script(client):
    page = client.get("/codes/D2393/").content.decode()
    assert re.search(r'<button type="button" class="copy-code" data-copy="D2393" hidden>', page)
    assert re.search(r'<script src="/static/cdthub/copy\.js[^"]*" defer></script>', page)
    assert "onclick" not in page


def test_changes_lists_every_edition_with_its_counts(client, catalog):
    r = client.get("/changes/")
    assert r.status_code == 200
    page = r.content.decode()
    years = catalog.years()
    rows = re.findall(r'<a href="/changes/(\d{4})/">CDT \1</a></th>(.*?)</tr>', page)
    assert [int(y) for y, _ in rows] == sorted(years, reverse=True)
    for year, cells in rows:
        changes = catalog.changes_in(int(year))
        counts = (len(changes.added), len(changes.revised), len(changes.deleted))
        if any(counts):
            assert re.findall(r'<td class="num">(\d+)</td>', cells) == [str(n) for n in counts]
        else:  # the second year of a two-year edition
            assert "no changes recorded" in cells
    assert client.get(f"/changes/{years[-1]}/").status_code == 200


def test_the_footer_links_to_the_editions(client):
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert 'href="/changes/"' in footer


def test_print_styles_hide_the_chrome_of_a_code_page(client):
    from django.contrib.staticfiles import finders

    page = client.get("/codes/D2393/").content.decode()
    assert re.search(r'href="/static/cdthub/reading\.css[^"]*"', page)
    css = Path(finders.find("cdthub/reading.css")).read_text(encoding="utf-8")
    printed = css.split("@media print{", 1)[1]
    selectors = printed.split("{display:none!important}")[0].rsplit("}", 1)[-1]
    hidden = {s.strip() for s in selectors.split(",")}
    for part in (".site-header", ".site-footer", ".search-form", ".comments", "form", ".copy-code"):
        assert part in hidden
