"""The shared variant of a code page, for the proxy's micro-cache: no reader's values in it,
marked cacheable only when it is that variant; /holes/ gives a reader their own values."""

import re

import pytest

pytestmark = pytest.mark.usefixtures("loaded_db")
SHARED = {"X-Cdthub-Microcache": "1"}


def test_shared_variant_has_empty_marked_holes_and_is_cacheable(client):
    response = client.get("/codes/D9992/", headers=SHARED)
    page = response.content.decode()
    assert response["X-Accel-Expires"] == "5"
    assert not response.cookies  # nothing set for one reader
    assert 'value="" data-cdthub-hole="csrfmiddlewaretoken"' in page
    assert 'value="" data-cdthub-hole="form_stamp"' in page
    assert "cdthubHole" not in page and "cdthubCsrfHole" not in page
    assert re.search(r'<script src="/static/cdthub/holes\.js" data-holes="/holes/" defer>', page)


def test_reader_page_is_never_marked_for_the_proxy(client):
    response = client.get("/codes/D9992/")
    assert "X-Accel-Expires" not in response
    assert "data-cdthub-hole" not in response.content.decode()
    assert "csrftoken" in response.cookies


def test_logged_in_reader_never_gets_the_shared_variant(editor_client):
    response = editor_client.get("/codes/D9992/", headers=SHARED)
    assert "X-Accel-Expires" not in response
    assert "data-cdthub-hole" not in response.content.decode()


def test_holes_gives_this_readers_values_uncached(client):
    from cdthub.community.forms import CommentForm

    response = client.get("/holes/")
    values = response.json()
    assert set(values) == {"csrfmiddlewaretoken", "form_stamp"}
    assert "no-store" in response["Cache-Control"]
    assert "csrftoken" in response.cookies
    form = CommentForm(
        {"name": "Pat", "email": "p@example.org", "body": "Hello there", "ts": values["form_stamp"]}
    )
    assert form.is_valid(), form.errors
    assert client.post("/holes/").status_code == 405
