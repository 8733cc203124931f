"""The community in a real browser: a reader comments and suggests, an editor reviews, the
reader sees the result; bad and too frequent forms get helpful pages."""

import re

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def editor_page(browser, live_catalog, editor):
    """A second browser (own cookies) where an editor has logged in."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.goto(live_catalog.url + "/community/")
    expect(pg).to_have_url(re.compile(r"/accounts/login/\?next=/community/"))
    pg.get_by_label("Username").fill("edna")
    pg.get_by_label("Password").fill(PASSWORD)
    pg.get_by_role("button", name="Log in").click()
    expect(pg.get_by_role("heading", name="Editor desk")).to_be_visible()
    yield pg
    context.close()


def test_reader_comments_editor_approves_reader_sees_it(page, editor_page, live_catalog):
    page.goto(live_catalog.url + "/codes/D9992/")
    reply = page.locator("#reply")
    expect(reply.get_by_role("heading", name="Leave a reply")).to_be_visible()
    reply.get_by_label("Name").fill("Pat from the front desk")
    reply.get_by_label("Email").fill("pat@example.org")
    reply.get_by_label("Comment").fill("Our state plan pays this once a month per patient.")
    reply.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("heading", name="Thank you for your comment")).to_be_visible()

    page.goto(live_catalog.url + "/codes/D9992/")
    expect(page.locator("#comments")).not_to_contain_text("once a month")

    editor_page.goto(live_catalog.url + "/community/moderation/")
    item = editor_page.locator(".queue-item", has_text="once a month per patient")
    expect(item).to_contain_text("Pat from the front desk")
    item.get_by_role("button", name="Approve").click()
    expect(editor_page.locator(".messages")).to_contain_text("1 comment approved")

    page.reload()
    comments = page.locator("#comments")
    expect(comments).to_contain_text("Our state plan pays this once a month per patient.")
    expect(comments).to_contain_text("Pat from the front desk")
    assert "pat@example.org" not in page.content()


def test_reader_suggests_editor_approves_page_and_history_show_it(page, editor_page, live_catalog):
    new_summary = (
        "Time the dental office spends arranging and following up a patient's care "
        "with other providers, checked in a browser test."
    )
    page.goto(live_catalog.url + "/codes/D9992/")
    page.get_by_role("link", name="Suggest an update").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Suggest an update")
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    page.get_by_label("Your text").fill(new_summary)
    page.get_by_label("Source or citation").fill("State Medicaid dental manual 2026, 4.2")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", name="Thank you for your suggestion")).to_be_visible()

    editor_page.goto(live_catalog.url + "/community/suggestions/")
    editor_page.get_by_role("link", name=re.compile("Time the dental office spends")).click()
    expect(editor_page.locator("table.diff-changes")).to_contain_text("Added: " + new_summary)
    editor_page.get_by_role("button", name="Approve and apply").click()
    expect(editor_page.locator(".messages")).to_contain_text("Approved")

    page.goto(live_catalog.url + "/codes/D9992/")
    expect(page.locator(".summary")).to_have_text(new_summary)
    expect(page.locator(".review-bar")).to_contain_text("Last reviewed by an editor on")
    page.get_by_role("link", name="History").click()
    expect(page).to_have_url(re.compile(r"/codes/D9992/history/$"))
    expect(page.locator(".revision").first).to_contain_text("Approved suggestion: summary")
    expect(page.locator(".revision").first).to_contain_text("State Medicaid dental manual")


def test_a_bad_contact_form_shows_its_errors(page, live_catalog):
    page.goto(live_catalog.url + "/contact/")
    page.get_by_label("Name").fill("Ann")
    page.get_by_label("Email").fill("ann@")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("alert")).to_contain_text("Please check the form")
    email = page.get_by_label("Email")
    expect(email).to_have_value("ann@")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_email_error")).to_contain_text("valid email")
    expect(page.locator("#id_topic_error")).to_be_visible()
    expect(page.locator("#id_message_error")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Ann")


def test_a_rate_limited_reader_sees_the_429_page(page, live_catalog, settings):
    settings.CDTHUB_RATE_LIMITS = {"contact": (1, 600)}

    def send():
        page.goto(live_catalog.url + "/contact/")
        page.get_by_label("Name").fill("Ann")
        page.get_by_label("Email").fill("ann@example.org")
        page.get_by_label("Topic").select_option("coding")
        page.get_by_label("Message").fill("Which code covers a care coordination call?")
        page.get_by_role("button", name="Send message").click()

    send()
    thanks = page.get_by_role("heading", name="Thank you, your message is on its way")
    expect(thanks).to_be_visible()
    send()
    expect(page.get_by_role("heading", name="Please wait a little")).to_be_visible()
    expect(page.locator("main")).to_contain_text("about 10 minutes")
