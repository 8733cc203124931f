"""Code pages come from a cache for anonymous readers, yet every reader gets a working form."""

import json
import re

import pytest
from django.test import Client

from cdthub.catalog.code_page import code_page
from cdthub.catalog.page_cache import CSRF_HOLE
from cdthub.community import services
from cdthub.community.models import Comment

pytestmark = pytest.mark.usefixtures("loaded_db")

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STAMP = re.compile(r'name="ts" value="([^"]+)"')


def _form(page: str) -> tuple[str, str]:
    return TOKEN.search(page).group(1), STAMP.search(page).group(1)


def test_two_readers_get_their_own_token_and_stamp():
    first, second = Client(), Client()
    a = first.get("/codes/D9992/").content.decode()
    b = second.get("/codes/D9992/").content.decode()
    assert CSRF_HOLE not in b and all(hole.placeholder not in b for hole in code_page.holes)
    assert _form(a)[0] != _form(b)[0]
    assert [hole.name for hole in code_page.holes] == ["form_stamp"]  # the community's


def test_a_reader_can_post_from_a_cached_page(settings):
    settings.CDTHUB_FORM_MIN_SECONDS = 0
    Client().get("/codes/D9992/")  # fills the cache
    reader = Client(enforce_csrf_checks=True)
    token, stamp = _form(reader.get("/codes/D9992/").content.decode())
    r = reader.post(
        "/codes/D9992/comments/new/",
        {
            "csrfmiddlewaretoken": token,
            "ts": stamp,
            "website": "",
            "name": "Sam",
            "email": "sam@example.org",
            "body": "Works from a cached page.",
        },
    )
    assert r.status_code == 302
    assert Comment.objects.filter(name="Sam").exists()


def test_a_published_comment_shows_at_once_and_changes_the_etag(django_user_model):
    reader = Client()
    before = reader.get("/codes/D9992/")
    comment = Comment.objects.create(
        code="D9992", name="Kim", email="kim@example.org", body="Visible after approval."
    )
    editor = django_user_model.objects.create(username="ed")
    services.approve_comment(comment, editor)
    after = reader.get("/codes/D9992/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and "Visible after approval." in after.content.decode()


def test_staff_get_a_fresh_page(client, django_user_model):
    client.force_login(django_user_model.objects.create(username="staffer", is_staff=True))
    page = client.get("/codes/D9992/").content.decode()
    assert CSRF_HOLE not in page and TOKEN.search(page)


def test_the_cached_page_never_carries_the_first_readers_query_string_or_host(settings):
    settings.CDTHUB_SITE_URL = "https://cdthub.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "other.example.org"]
    first = Client().get("/codes/D9992/?ref=x", HTTP_HOST="other.example.org").content.decode()
    assert "ref=x" not in first and "other.example.org" not in first
    page = Client().get("/codes/D9992/").content.decode()  # the next reader, from the cache
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert json.loads(block)["url"] == "https://cdthub.example.org/codes/D9992/"
    assert '<link rel="canonical" href="https://cdthub.example.org/codes/D9992/">' in page
    assert "ref=x" not in page and "other.example.org" not in page
