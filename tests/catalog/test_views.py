import pytest

pytestmark = pytest.mark.usefixtures("loaded_db")


def test_home_lists_the_twelve_categories_with_counts(client):
    page = client.get("/").content.decode()
    for name in [
        "Diagnostic",
        "Preventive",
        "Restorative",
        "Endodontics",
        "Periodontics",
        "Prosthodontics, removable",
        "Maxillofacial prosthetics",
        "Implant services",
        "Prosthodontics, fixed",
        "Oral and maxillofacial surgery",
        "Orthodontics",
        "Adjunctive general services",
    ]:
        assert name in page
    assert "D9000–D9999" in page and 'name="q"' in page
    assert "What changed in CDT 2026" in page


def test_code_page_shows_what_a_biller_needs(client):
    r = client.get("/codes/D2392/")
    page = r.content.decode()
    assert r.status_code == 200
    assert "D2392" in page and "The claim line needs" in page and "surfaces" in page
    assert "Years valid" in page and "Related and alternative codes" in page
    assert 'rel="alternate" type="application/json"' in page
    assert 'rel="alternate"' in r["Link"] and "/api/v1/codes/D2392" in r["Link"]
    assert "Official ADA text" not in page  # no licensed text imported: no empty panel


@pytest.mark.parametrize("path", ["/codes/d9992/", "/codes/9992/", "/codes/D9992"])
def test_code_spellings_redirect(client, path):
    r = client.get(path)
    assert r.status_code == 301 and r["Location"] == "/codes/D9992/"


def test_unknown_code_is_404_with_nearest(client):
    r = client.get("/codes/D9998/")
    assert r.status_code == 404
    assert "/codes/D9999/" in r.content.decode() or "/codes/D9997/" in r.content.decode()
    assert client.get("/codes/banana/").status_code == 404


def test_lists_advertise_their_json(client):
    assert "</api/v1/codes>" in client.get("/codes/")["Link"]
    category = client.get("/codes/category/restorative/")
    assert "/api/v1/codes?category=restorative" in category["Link"]
    assert not client.get("/codes/D9998/").has_header("Link")  # no JSON twin for a 404


def test_deleted_code_page_says_what_to_use(client):
    page = client.get("/codes/D6095/").content.decode()
    assert "Not valid since CDT 2025" in page


def test_conditional_get_on_code_page(client):
    first = client.get("/codes/D9992/")
    etag = first["ETag"]
    assert client.get("/codes/D9992/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert (
        client.get("/codes/", HTTP_IF_NONE_MATCH=client.get("/codes/")["ETag"]).status_code == 304
    )


def test_lists_group_by_category_and_family(client):
    page = client.get("/codes/category/restorative/").content.decode()
    assert "D2391" in page and "D2140" in page
    assert client.get("/codes/category/nope/").status_code == 404
    assert "D9992" in client.get("/codes/").content.decode()


def test_search_for_a_code_with_go_opens_its_page(client):
    r = client.get("/search/", {"q": "d2392", "go": "1"})
    assert r.status_code == 302 and r["Location"] == "/codes/D2392/"
    assert client.get("/search/", {"q": "D2392"}).status_code == 200  # without go: the list
    assert client.get("/search/", {"q": "D9998", "go": "1"}).status_code == 200  # no such code


@pytest.mark.parametrize("q", ["", "deep cleaning", "x" * 2000, "<b>bold</b>", "%00"])
def test_search_page_never_fails(client, q):
    r = client.get("/search/", {"q": q})
    assert r.status_code == 200
    assert "<b>bold</b>" not in r.content.decode()


def test_search_page_gives_one_plain_reason_per_row(client):
    page = client.get("/search/", {"q": "deep cleaning"}).content.decode()
    assert "D4341" in page and "Also known as &quot;deep cleaning&quot;" in page
    assert "terms:" not in page and "summary:" not in page
    assert "D9222" not in page  # deep sedation: the list stops where relevance drops


def test_search_page_says_a_typo_correction_once(client):
    page = client.get("/search/", {"q": "extration"}).content.decode()
    assert page.count("you typed “extration”") == 1
    assert "<strong>extraction</strong>" in page and "D7140" in page


def test_search_api_adds_the_reason_and_the_corrections(client):
    data = client.get("/api/v1/search", {"q": "extration", "limit": 30}).json()
    assert data["corrections"] == [{"typed": "extration", "read_as": "extraction"}]
    first = data["results"][0]
    assert first["code"] == "D7140" and first["reason"] == first["why"][0]
    assert not any("extration" in w for r in data["results"] for w in r["why"])
    assert len(data["results"]) < 30


def test_changes_page_and_feed(client):
    page = client.get("/changes/2026/").content.decode()
    assert "D6280" in page and "D1352" in page
    assert client.get("/changes/1800/").status_code == 404
    feed = client.get("/feeds/changes/")
    assert feed.status_code == 200 and b"<feed" in feed.content and b"D6280" in feed.content


def test_sitemap_lists_every_code_page(client, catalog):
    body = client.get("/sitemap.xml").content.decode()
    assert body.count("/codes/D") >= len(catalog)
