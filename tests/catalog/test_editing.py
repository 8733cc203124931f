"""Editorial edits: one field written, remembered as edited, and shown at once."""

import pytest

from cdthub.catalog import editing, snapshot
from cdthub.catalog.loading import load_dataset
from cdthub.catalog.models import CatalogState, CodeEntry

SUMMARY = "Care coordination as an editor put it, for this test."


@pytest.mark.usefixtures("loaded_db")
def test_an_edit_writes_marks_and_moves_the_catalog(client):
    before = CatalogState.objects.get(pk=1).version
    previous = editing.edit_field("D9992", "summary", SUMMARY)
    assert previous and previous != SUMMARY
    assert CodeEntry.objects.get(code="D9992").edited == ["summary"]
    assert CatalogState.objects.get(pk=1).version == before + 1
    assert snapshot.get().catalog.get("D9992").summary == SUMMARY
    assert SUMMARY in client.get("/codes/D9992/").content.decode()
    load_dataset(force=True)  # a reload keeps what editors changed
    assert CodeEntry.objects.get(code="D9992").summary == SUMMARY


@pytest.mark.django_db
def test_what_cannot_be_edited_is_refused():
    with pytest.raises(editing.NotLoaded, match="load the dataset first"):
        editing.edit_field("D9992", "summary", SUMMARY)
    with pytest.raises(ValueError, match="not an editable field"):
        editing.edit_field("D9992", "title", "A new title")
