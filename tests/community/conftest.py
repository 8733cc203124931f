import pytest
from django.core.cache import cache

from cdthub.community.accounts import create_user
from cdthub.community.forms import stamp
from cdthub.community.models import Comment

PASSWORD = "a-long-test-passphrase-42"


@pytest.fixture(autouse=True)
def fresh_counters():
    """Rate-limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return create_user("edna", "editor", PASSWORD, email="edna@example.org")


@pytest.fixture
def staff_user(db):
    return create_user("stan", "staff", PASSWORD)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def make_comment(db):
    def make(code="D9992", status=Comment.Status.PENDING, **fields):
        fields.setdefault("name", "Pat Reader")
        fields.setdefault("email", "pat@example.org")
        fields.setdefault("body", "Does this apply to nursing homes?")
        return Comment.objects.create(code=code, status=status, **fields)

    return make


def comment_data(**overrides):
    data = {
        "name": "Pat Reader",
        "email": "pat@example.org",
        "body": "Payers in our state want a narrative with this code.",
        "website": "",
        "ts": stamp(),
    }
    data.update(overrides)
    return data
