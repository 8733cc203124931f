import pytest

pytestmark = pytest.mark.usefixtures("loaded_db")

CODE_FIELDS = {
    "code",
    "title",
    "summary",
    "category",
    "area",
    "teeth",
    "surfaces",
    "by_report",
    "added",
    "deleted",
    "related",
    "official",
    "source",
}


def test_code_has_the_design_fields(client):
    data = client.get("/api/v1/codes/D9992").json()
    assert CODE_FIELDS <= set(data)
    assert data["code"] == "D9992" and data["category"] == "adjunctive-general-services"
    assert data["area"] == "none" and data["added"] == 2017 and data["source"] == "cdthub"
    assert all({"code", "note"} <= set(r) for r in data["related"])


def test_a_code_that_names_its_arch_says_which(client):
    """From the database the site reads (the field travels through CodeEntry and the loader)."""
    assert client.get("/api/v1/codes/D5110").json()["arch"] == "upper"
    assert client.get("/api/v1/codes/D5120").json()["arch"] == "lower"
    assert client.get("/api/v1/codes/D7970").json()["arch"] is None


def test_code_lookup_is_forgiving_and_errors_are_json(client):
    assert client.get("/api/v1/codes/d9992").json()["code"] == "D9992"
    r = client.get("/api/v1/codes/D0000")
    assert r.status_code == 404
    err = r.json()["error"]
    assert err["code"] == "code_not_found" and "D0000" in err["message"]


def test_an_unknown_code_near_real_ones_names_the_nearest(client):
    r = client.get("/api/v1/codes/D239")
    assert r.status_code == 404
    err = r.json()["error"]
    assert err["code"] == "code_not_found"
    assert err["nearest"] == ["D2390", "D2391", "D2392", "D2393", "D2394"]
    assert "Nearest codes: D2390, D2391" in err["message"]


def test_list_with_filters(client):
    data = client.get("/api/v1/codes", {"category": "restorative"}).json()
    assert data["count"] == len(data["results"]) > 50
    assert {c["category"] for c in data["results"]} == {"restorative"}
    old = client.get("/api/v1/codes", {"edition": 2024, "category": "implant-services"}).json()
    assert "D6095" in {c["code"] for c in old["results"]}
    assert client.get("/api/v1/codes", {"category": "nope"}).status_code == 400
    assert (
        client.get("/api/v1/codes", {"edition": "abc"}).json()["error"]["code"] == "invalid_request"
    )


def test_search_shape(client):
    data = client.get("/api/v1/search", {"q": "deep cleaning", "limit": 3}).json()
    assert data["query"] == "deep cleaning" and len(data["results"]) == 3
    assert {"code", "title", "score", "why"} <= set(data["results"][0])
    assert client.get("/api/v1/search", {"q": ""}).json()["results"] == []


def test_changes_shape(client):
    data = client.get("/api/v1/changes/2025/2026").json()
    assert data["from"] == 2025 and data["to"] == 2026
    assert "D6280" in {c["code"] for c in data["added"]}
    assert client.get("/api/v1/changes/2026/2025").status_code == 400
    assert client.get("/api/v1/changes/1800/2026").status_code == 404


def test_openapi_and_docs(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/codes/{code}" in spec["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_search_as_you_type(client):
    data = client.get("/api/v1/search", {"q": "laughing g", "complete": "true", "limit": 3}).json()
    assert "D9230" in [r["code"] for r in data["results"]]
