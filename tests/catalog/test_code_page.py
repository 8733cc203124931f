"""What other apps add to a code page arrives through the catalog's registry."""

import pytest
from django.test import Client

from cdthub.catalog.code_page import CodePage, code_page


def test_fragments_go_to_known_places():
    page = CodePage()
    page.add_fragment("end", "x.html", lambda code, context: {})
    page.add_fragment("end", "x.html", lambda code, context: {})  # registering twice is once
    assert [f.template for f in page.fragments("end")] == ["x.html"]
    assert page.fragments("review") == []
    with pytest.raises(ValueError, match="no place"):
        page.add_fragment("sidebar", "y.html", lambda code, context: {})


def test_the_community_registered_its_fragments_and_hole():
    assert [f.template for f in code_page.fragments("end")] == ["community/_comments.html"]
    assert [f.template for f in code_page.fragments("review")] == [
        "community/_resources.html",
        "community/_review_bar.html",
    ]
    assert [h.name for h in code_page.holes] == ["form_stamp"]


@pytest.mark.usefixtures("loaded_db")
def test_a_cached_page_fills_every_hole_for_each_reader():
    first, second = (Client().get("/codes/D9992/").content.decode() for _ in range(2))
    for html in (first, second):
        assert "Leave a reply" in html and "cdthubHole" not in html
