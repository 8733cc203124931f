import pytest

pytestmark = pytest.mark.usefixtures("loaded_db")


def test_suggest_shape_follows_the_design(client):
    r = client.get("/api/v1/suggest", {"text": "MOD composite #30", "limit": 3})
    assert r.status_code == 200
    data = r.json()
    assert data["text"] == "MOD composite #30"
    assert [s["code"] for s in data["suggestions"]][0] == "D2393"
    assert len(data["suggestions"]) == 3
    for s in data["suggestions"]:
        assert {"code", "title", "score", "reasons"} <= set(s) and s["reasons"]
    assert data["open_questions"] == []
    assert data["read"]["teeth"] == ["30"] and data["read"]["surfaces"] == "MOD"


def test_open_questions_come_back(client):
    data = client.get("/api/v1/suggest", {"text": "composite filling"}).json()
    assert "number of surfaces not given" in data["open_questions"]


def test_examples_from_the_issue(client):
    for text, best in [
        ("deep cleaning LL quadrant, 2 teeth", "D4342"),
        ("pulled a baby tooth", "D7140"),
        ("6-month checkup", "D0120"),
        ("night guard upper", "D9944"),
    ]:
        data = client.get("/api/v1/suggest", {"text": text}).json()
        assert data["suggestions"][0]["code"] == best, text


@pytest.mark.parametrize(
    "params, status, code",
    [
        ({}, 400, "missing_text"),
        ({"text": "   "}, 400, "missing_text"),
        ({"text": "x" * 301}, 400, "text_too_long"),
        ({"text": "crown", "limit": 0}, 400, "bad_limit"),
        ({"text": "crown", "limit": 51}, 400, "bad_limit"),
        ({"text": "crown", "limit": "many"}, 400, "invalid_request"),
    ],
)
def test_bad_requests_are_json_errors(client, params, status, code):
    r = client.get("/api/v1/suggest", params)
    assert r.status_code == status
    err = r.json()["error"]
    assert err["code"] == code and err["message"]


def test_markup_in_text_comes_back_as_data(client):
    data = client.get("/api/v1/suggest", {"text": "<b>crown</b>"}).json()
    assert data["text"] == "<b>crown</b>" and data["suggestions"]


def test_suggest_is_in_the_openapi_spec(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/suggest" in spec["paths"]
