"""/healthz: 200 with the data version when the database and caches answer, 503 naming what
does not, never cached, no secrets."""

import json

import pytest
from django.core.cache import caches
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_healthy_site_answers_200_with_the_data_version(client, loaded_db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "data_version": "db-1.0",
    }
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]


def test_data_version_follows_a_published_change(client, loaded_db):
    from cdthub.catalog.versions import pages_changed

    before = client.get("/healthz").json()["data_version"]
    pages_changed()
    assert client.get("/healthz").json()["data_version"] != before


def test_before_any_load_the_bundled_dataset_is_named(client):
    assert client.get("/healthz").json()["data_version"] == "bundled"


def test_unreachable_cache_gives_503_without_details(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to redis.internal:6379. Connection refused.")

    monkeypatch.setattr(caches["shared"], "set", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable" and body["cache"] == "unreachable"
    assert body["database"] == "ok"
    assert "redis" not in response.content.decode()


def test_unreachable_database_gives_503(client, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise DatabaseError('could not connect to server at "db.internal" (password=…)')

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body == {
        "status": "unavailable",
        "database": "unreachable",
        "cache": "ok",
        "data_version": None,
    }
    assert "db.internal" not in response.content.decode()


def test_only_get(client):
    assert client.post("/healthz").status_code == 405
