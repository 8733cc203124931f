import pytest

pytestmark = pytest.mark.usefixtures("loaded_db")


def test_empty_page_shows_the_form_and_examples(client):
    r = client.get("/suggest/")
    page = r.content.decode()
    assert r.status_code == 200
    assert 'method="get"' in page and 'name="text"' in page and "Coding assistant" in page
    assert "MOD+composite+%2330" in page  # an example link works without JavaScript
    assert "Link" not in r


def test_results_link_to_code_pages_with_reasons_and_questions(client):
    r = client.get("/suggest/", {"text": "MOD composite #30"})
    page = r.content.decode()
    assert r.status_code == 200
    assert 'href="/codes/D2393/"' in page
    assert "3 surfaces (MOD)" in page and "tooth 30" in page
    assert "/api/v1/suggest?text=MOD+composite+%2330" in r["Link"]
    questions = client.get("/suggest/", {"text": "root canal"}).content.decode()
    assert "Open questions" in questions and "front tooth, premolar or molar?" in questions


def test_text_is_escaped(client):
    page = client.get("/suggest/", {"text": '<script>alert("x")</script> crown'}).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_nav_links_to_the_assistant(client):
    assert 'href="/suggest/"' in client.get("/").content.decode()
