"""What a reader meets when something goes wrong: the site's own 400, 403, 404 and 500 pages,
never Django's debug page, and the Content-Security-Policy on every response."""

import pytest
from django.test import RequestFactory
from django.views.defaults import bad_request, server_error

pytestmark = pytest.mark.django_db


def test_unknown_address_gets_our_404_with_a_search_box(client, loaded_db):
    response = client.get("/nope/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert 'name="q"' in page and 'value="nope"' in page
    assert "Were you looking for a code?" not in page


def test_404_for_an_address_holding_a_code_number_lists_the_nearest_codes(client, loaded_db):
    response = client.get("/code/D9992")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Were you looking for a code?" in page
    assert 'href="/codes/D9992/"' in page


def test_404_escapes_what_the_address_holds(client, loaded_db):
    response = client.get("/%3Cscript%3Ealert(1)%3C%2Fscript%3E999/")
    assert response.status_code == 404
    assert b"<script>alert" not in response.content


def test_unknown_host_gets_our_400(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "This request could not be read" in response.content.decode()


def test_400_and_500_pages_need_no_request_context():
    request = RequestFactory().get("/")
    assert "could not be read" in bad_request(request, Exception("bad")).content.decode()
    response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "cdthub/site.css" in response.content.decode()


def test_403_is_our_page(client, loaded_db, editor):
    client.force_login(editor)
    response = client.get("/community/contact/")  # staff only
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode()


def test_every_response_carries_a_strict_csp(client, loaded_db):
    for path in ("/", "/codes/D9992/", "/nope/", "/api/v1/codes/D9992", "/api/v1/docs"):
        policy = client.get(path)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["default-src"] == "'self'", path
        assert directives["script-src"] == "'self'", path
        assert directives["frame-ancestors"] == "'none'", path
        assert "unsafe-inline" not in policy and "http" not in policy, path


def test_api_docs_use_our_static_files(client, loaded_db):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/ninja/swagger-ui.css" in page
    assert "cdn" not in page.lower() and "https://" not in page
    assert '"validatorUrl": null' in page
