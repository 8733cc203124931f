"""Reloading the bundled dataset keeps what editors changed (cdthub.community revisions)."""

import pytest

from cdthub.catalog import snapshot
from cdthub.catalog.loading import load_dataset
from cdthub.catalog.models import CodeEntry
from cdthub.community import services
from cdthub.community.accounts import create_user

pytestmark = pytest.mark.usefixtures("loaded_db")

EDITED = "An editor's improved summary of care coordination, kept across reloads."


def test_a_reload_keeps_approved_edits_and_refreshes_the_rest():
    editor = create_user("edna", "editor", "a-long-test-passphrase-42")
    bundled_title = CodeEntry.objects.get(code="D9992").title
    s = services.submit_suggestion(
        code=snapshot.get().catalog.get("D9992"),
        part="summary",
        proposed_text=EDITED,
        source="editor",
    )
    services.approve_suggestion(s, editor)
    CodeEntry.objects.filter(code="D9992").update(title="stale title")
    bundled_d0120 = CodeEntry.objects.get(code="D0120").summary
    CodeEntry.objects.filter(code="D0120").update(summary="stale, not edited by an editor")

    load_dataset(force=True)

    d9992 = CodeEntry.objects.get(code="D9992")
    assert d9992.summary == EDITED  # the editor's text survives
    assert d9992.title == bundled_title  # fields nobody edited follow the dataset
    assert CodeEntry.objects.get(code="D0120").summary == bundled_d0120
    assert snapshot.get().catalog.get("D9992").summary == EDITED
