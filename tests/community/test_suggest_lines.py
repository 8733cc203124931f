"""Suggesting an update line by line (one guidance section or the related codes), with and
without JavaScript, and the editors' side: a review that shows only what changed, and their own
version of a proposal before approving it."""

import html

import pytest
from django.test import Client
from django.utils.html import escape

from cdthub.catalog.models import CodeEntry
from cdthub.community import parts
from cdthub.community.forms import stamp
from cdthub.community.models import AuditEntry, Revision, Suggestion

pytestmark = pytest.mark.usefixtures("loaded_db")

CODE = "D9992"
URL = f"/codes/{CODE}/suggest/"


def guidance():
    return CodeEntry.objects.get(code=CODE).guidance


def lines_data(section="use", lines=(), **overrides):
    d = {
        "part": "guidance",
        "section": section,
        "line": list(lines),
        "source": "Our billing office, 2026 claims",
        "email": "",
        "website": "",
        "ts": stamp("suggestion"),
    }
    d.update(overrides)
    return d


def inputs(page: str) -> list[str]:
    """The text of the line boxes, in order."""
    block = page.split('id="lines"')[1].split("</ol>")[0]
    return [
        html.unescape(chunk.split(">", 1)[1].split("</textarea>")[0])
        for chunk in block.split('name="line"')[1:]
    ]


def test_a_section_opens_with_one_input_per_current_point(client):
    points = guidance()["use"]
    page = client.get(URL, {"part": "guidance", "section": "use"}).content.decode()
    assert "Coding guidance: When to use it" in page
    assert len(inputs(page)) == len(points)
    assert [p[:20] for p in inputs(page)] == [p[:20] for p in points]
    assert page.count("Add a line below") == len(points)


def test_a_reader_changes_adds_and_removes_lines_of_one_section(client):
    before = guidance()
    points = list(before["use"])
    sent = [points[0] + " Also after a hospital stay.", "A new point in the middle.", *points[2:]]
    r = client.post(URL, lines_data(lines=sent))
    assert r.status_code == 302
    s = Suggestion.objects.get()
    assert s.part == "guidance" and s.section == "use"
    proposed = parts.parse("guidance", s.proposed_text, CODE)
    assert proposed["use"] == sent
    assert {k: v for k, v in proposed.items() if k != "use"} == {
        k: v for k, v in before.items() if k != "use"
    }
    assert guidance() == before  # nothing changes until an editor approves it


def test_without_javascript_add_below_and_remove_come_back_with_the_form(client):
    points = guidance()["use"]
    r = client.post(URL, lines_data(lines=points, insert="0"))
    page = r.content.decode()
    assert r.status_code == 200 and not Suggestion.objects.exists()
    assert inputs(page) == [points[0], "", *points[1:]]
    assert "Please check the form" not in page  # nothing was checked yet
    r = client.post(URL, lines_data(lines=inputs(page), remove="0"))
    assert inputs(r.content.decode()) == ["", *points[1:]]


def test_an_empty_section_can_be_started(client):
    entry, empty = next(
        (e, k)
        for e in CodeEntry.objects.exclude(guidance={}).order_by("code")
        for k, _ in parts.GUIDANCE_SECTIONS
        if k not in e.guidance
    )
    url = f"/codes/{entry.code}/suggest/"
    page = client.get(url, {"part": "guidance", "section": empty}).content.decode()
    assert inputs(page) == [""]
    r = client.post(url, lines_data(section=empty, lines=["A first point for this section."]))
    assert r.status_code == 302
    proposed = parts.parse("guidance", Suggestion.objects.get().proposed_text, entry.code)
    assert proposed[empty] == ["A first point for this section."]


def test_unchanged_lines_are_refused(client):
    r = client.post(URL, lines_data(lines=guidance()["use"]))
    assert r.status_code == 400 and "same as the current text" in r.content.decode()


def _suggest_one_change(client) -> Suggestion:
    points = list(guidance()["use"])
    points[0] = "Changed first point for the review."
    client.post(URL, lines_data(lines=points))
    return Suggestion.objects.get()


def test_the_review_shows_only_what_changed_with_a_little_context(editor_client):
    s = _suggest_one_change(Client())
    g = guidance()
    review = editor_client.get(f"/community/suggestions/{s.pk}/").content.decode()
    diff = review.split('class="diff-changes"')[1].split("</table>")[0]
    assert "Added: </span>- Changed first point for the review." in diff
    assert f"Removed: </span>- {escape(g['use'][0])[:30]}" in diff
    assert "When to use it:" in diff  # context: the heading above the change
    last_section = [k for k, _ in parts.GUIDANCE_SECTIONS if k in g][-1]
    assert g[last_section][-1][:30] not in diff  # far from the change: not shown
    assert "(When to use it)" in review


def test_an_editor_edits_the_proposal_then_approves_their_version(editor_client):
    reader = Client()
    s = _suggest_one_change(reader)
    mine = s.proposed_text.replace("Changed first point", "Editor's first point")
    r = editor_client.post(f"/community/suggestions/{s.pk}/", {"action": "save", "text": mine})
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.edited_text == mine and "Changed first point" in s.proposed_text
    assert AuditEntry.objects.filter(action="suggestion.edited", actor__username="edna").exists()
    review = editor_client.get(f"/community/suggestions/{s.pk}/").content.decode()
    assert "your version" in review and "How your version differs" in review
    editor_client.post(f"/community/suggestions/{s.pk}/", {"action": "approve", "text": mine})
    page = reader.get(f"/codes/{CODE}/").content.decode()
    assert "Editor&#x27;s first point for the review." in page
    assert "Changed first point" not in page
    s.refresh_from_db()
    assert s.status == "approved" and "Changed first point" in s.proposed_text
    assert Revision.objects.get(suggestion=s).new_value["use"][0].startswith("Editor's first")


def test_an_editors_version_that_does_not_parse_is_refused_and_kept(editor_client):
    s = _suggest_one_change(Client())
    bad = "- a point without a heading"
    r = editor_client.post(f"/community/suggestions/{s.pk}/", {"action": "approve", "text": bad})
    page = r.content.decode()
    assert r.status_code == 400 and "heading" in page and bad in page
    s.refresh_from_db()
    assert s.status == "pending" and not s.edited_text
