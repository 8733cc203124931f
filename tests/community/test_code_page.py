"""On every code page: the review bar and the comments, each from the community."""

import pytest

from cdthub.catalog import snapshot
from cdthub.community import services

pytestmark = pytest.mark.usefixtures("loaded_db")


def test_a_code_page_shows_the_review_bar_and_published_comments(client, editor, make_comment):
    services.approve_comment(make_comment(body="Published, so on the page."), editor)
    make_comment(body="Still waiting for an editor.")
    services.mark_reviewed(snapshot.get().catalog.get("D9992"), editor, "checked")
    page = client.get("/codes/D9992/").content.decode()
    assert "Suggest an update" in page and "Last reviewed by an editor on" in page
    assert "Published, so on the page." in page and "Still waiting" not in page
    assert 'name="ts"' in page and "pat@example.org" not in page


def test_comments_are_closed_on_deleted_codes(client):
    page = client.get("/codes/D6095/").content.decode()
    assert 'role="note"' in page and "Post comment" not in page
