"""The OpenAPI document describes every response the API gives, errors included, and the
schemas stay in step with what the core returns."""

import pytest

from cdthub.api import schemas
from cdthub.core.codes import Changes

pytestmark = pytest.mark.usefixtures("loaded_db")


def test_the_code_schema_has_every_field_the_core_gives(catalog):
    assert set(catalog.get("D9992").to_dict()) == set(schemas.Code.model_fields)
    revised = Changes(2025, 2026, (), (catalog.get("D9992"),), ()).to_dict()["revised"][0]
    assert set(revised) == set(schemas.RevisedCode.model_fields)


def test_the_openapi_document_names_the_shapes_and_the_errors(client):
    spec = client.get("/api/v1/openapi.json").json()
    one = spec["paths"]["/api/v1/codes/{code}"]["get"]["responses"]
    assert {"200", "400", "404"} <= set(one)
    assert one["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    suggest = spec["paths"]["/api/v1/suggest"]["get"]["responses"]
    assert suggest["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Suggestions")
    changes = spec["components"]["schemas"]["Changes"]["properties"]
    assert {"from", "to", "added", "revised", "deleted"} <= set(changes)
    check = spec["paths"]["/api/v1/claims/check"]["post"]["responses"]
    assert {"200", "400", "411", "413", "429"} <= set(check)
    # the answers no endpoint lists (unknown address, method not taken) are in the description
    assert all(c in spec["info"]["description"] for c in ("404", "405", "method_not_allowed"))


def test_answers_keep_their_contract_shape(client):
    assert "valid_in_edition" not in client.get("/api/v1/codes/D9992").json()
    assert client.get("/api/v1/codes/D6095", {"edition": 2026}).json()["valid_in_edition"] is False
    data = client.get("/api/v1/changes/2025/2026").json()
    assert data["from"] == 2025 and "what_changed" in data["revised"][0]


def test_an_unknown_edition_is_the_same_error_everywhere(client):
    for url, params in (
        ("/api/v1/codes", {"edition": 1800}),
        ("/api/v1/codes/D0120", {"edition": 1800}),
        ("/api/v1/changes/1800/2026", {}),
    ):
        r = client.get(url, params)
        assert r.status_code == 404
        assert r.json()["error"]["code"] == "unknown_edition"
        assert "editions run" in r.json()["error"]["message"]
