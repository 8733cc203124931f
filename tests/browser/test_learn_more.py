"""In a real browser: a reader edits one guidance section line by line (the script adds and
removes lines in place), an editor reviews only what changed; a reader proposes a learn-more
link and an editor approves it from the desk; the code page shows it under "Learn more"."""

import re

import pytest
from playwright.sync_api import expect

from .test_community import editor_page  # noqa: F401 - a fixture

pytestmark = pytest.mark.browser


def test_reader_edits_guidance_lines_in_place(page, editor_page, live_catalog):  # noqa: F811
    page.goto(live_catalog.url + "/codes/D9992/suggest/")
    page.get_by_role("link", name=re.compile("When to use it")).click()
    expect(page.get_by_role("heading", name="Coding guidance: When to use it")).to_be_visible()
    lines = page.locator("#lines textarea[name=line]")
    count = lines.count()
    assert count >= 2
    first = lines.nth(0).input_value()
    page.get_by_role("button", name="Add a line below line 1").click()
    expect(lines).to_have_count(count + 1)  # no reload: the script added it
    expect(lines.nth(1)).to_be_focused()
    lines.nth(1).fill("Checked in a browser: a point added below the first.")
    page.get_by_role("button", name=f"Remove line {count + 1}").click()
    expect(lines).to_have_count(count)
    page.get_by_label("Source or citation").fill("Front-desk experience, 2026")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", name="Thank you for your suggestion")).to_be_visible()

    editor_page.goto(live_catalog.url + "/community/suggestions/")
    editor_page.locator("table a").first.click()
    diff = editor_page.locator("table.diff-changes")
    expect(diff).to_contain_text("Added: - Checked in a browser: a point added below the first.")
    expect(diff).to_contain_text(first)  # the line above, as context
    editor_page.get_by_role("button", name="Approve and apply").click()
    expect(editor_page.locator(".messages")).to_contain_text("Approved")
    page.goto(live_catalog.url + "/codes/D9992/")
    guidance = page.locator(".guidance ul").first
    expect(guidance.locator("li").nth(1)).to_have_text(
        "Checked in a browser: a point added below the first."
    )


def test_reader_proposes_a_link_editor_approves_it_page_shows_it(
    page,
    editor_page,  # noqa: F811
    live_catalog,
):
    page.goto(live_catalog.url + "/codes/D9992/")
    page.get_by_role("link", name="Suggest an update").click()
    page.get_by_role("link", name="A link to learn more").click()
    page.get_by_label("Kind of link").select_option("payer_policy")
    page.get_by_label("Title of the page").fill("Care coordination: what the plan pays")
    page.get_by_label("Address (URL)").fill("https://payer.example.com/policies/d9992")
    page.get_by_label("Published by").fill("Example Payer")
    page.get_by_label("One line on why it helps").fill("Which visits count, in one page.")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", name="Thank you for your suggestion")).to_be_visible()

    editor_page.goto(live_catalog.url + "/community/suggestions/")
    editor_page.locator("table a").first.click()
    expect(editor_page.locator("table.diff-changes")).to_contain_text("Example Payer")
    editor_page.get_by_role("button", name="Approve and add the link").click()
    expect(editor_page.locator(".messages")).to_contain_text("Learn more")
    editor_page.goto(live_catalog.url + "/community/resources/?code=D9992")
    expect(editor_page.locator(".desk-table")).to_contain_text("proposed by a reader")

    page.goto(live_catalog.url + "/codes/D9992/")
    learn = page.locator("section.learn-more")
    expect(learn.get_by_role("heading", name="Learn more")).to_be_visible()
    link = learn.get_by_role("link", name="Care coordination: what the plan pays")
    expect(link).to_have_attribute("rel", "noopener noreferrer nofollow")
    expect(learn).to_contain_text("payer.example.com")
    expect(learn).to_contain_text("Payer policy")
