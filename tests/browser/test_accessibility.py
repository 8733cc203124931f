"""Every kind of page a reader or an editor meets passes axe-core's checks (WCAG 2.x A/AA and
best practices), and the as-you-type search behaves as a WAI-ARIA combobox."""

import json
import re

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from .conftest import axe_violations

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/codes/D9992/",
    "/codes/",
    "/search/?q=deep+cleaning",
    "/suggest/?text=crown+on+tooth+30",
    "/check/",
    "/contact/",
    "/codes/D9992/suggest/",
    "/nope/",
]


def test_public_pages_have_no_axe_violations(axe_page, live_catalog, axe_script):
    problems = {}
    for path in PUBLIC_PAGES:
        axe_page.goto(live_catalog.url + path)
        found = axe_violations(axe_page, axe_script)
        if found:
            problems[path] = found
    assert not problems, problems


def test_open_suggestions_have_no_axe_violations(axe_page, live_catalog, axe_script):
    axe_page.goto(live_catalog.url + "/")
    box = axe_page.get_by_role("combobox", name="Search codes").first
    box.press_sequentially("night gu", delay=30)
    expect(axe_page.get_by_role("listbox", name="Suggested codes").first).to_be_visible()
    box.press("ArrowDown")
    assert axe_violations(axe_page, axe_script) == []


CHECKED_CLAIM = {
    "id": "A-100",
    "patient": {"birth_date": "1984-02-11"},
    "lines": [
        {"date": "2026-03-02", "code": "D2393", "tooth": "30", "surfaces": "MO"},
        {"date": "2026-03-02", "code": "D3330", "tooth": "8"},
        {"date": "2026-03-02", "code": "D9992"},
        {"date": "2026-03-02", "code": "D2391", "tooth": "3", "surfaces": "O"},
    ],
}


@pytest.mark.parametrize("width", [1280, 375])
def test_check_results_have_no_axe_violations(browser, live_catalog, axe_script, width):
    """The findings table, the tooth chart (SVG) and the CSV link, after a check with errors,
    a warning and a clean line, on a desk and on a phone."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(live_catalog.url + "/check/")
    page.get_by_label("Claims as JSON, CSV or X12 837D text").fill(json.dumps(CHECKED_CLAIM))
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("1 claim: 2 errors, 1 warning")
    expect(page.locator("svg.tooth-chart")).to_be_visible()
    found = axe_violations(page, axe_script)
    context.close()
    assert found == []


@pytest.mark.parametrize("width", [1280, 390])
def test_typed_lines_with_refused_fields_have_no_axe_violations(
    browser, live_catalog, axe_script, width
):
    """The line form sent back with a refused quantity and fee, each marked and explained."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(live_catalog.url + "/check/")
    page.get_by_label("Type lines").check()
    page.get_by_label("Line 1 code").fill("D1110")
    page.get_by_label("Line 1 quantity").fill("0")
    page.get_by_label("Line 1 fee").fill("12,50")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("alert")).to_contain_text("line 1: quantity must be")
    found = axe_violations(page, axe_script)
    context.close()
    assert found == []


@pytest.fixture
def desk_content(transactional_db, make_comment):
    from cdthub.community.models import ContactMessage, Suggestion

    make_comment(body="Is this billed per call or per day?")
    suggestion = Suggestion.objects.create(
        code="D9992",
        part=Suggestion.Part.SUMMARY,
        proposed_text="Arranging and following up a patient's care with other providers.",
        source="State dental manual, 4.2",
    )
    ContactMessage.objects.create(
        name="Ann", email="ann@example.org", topic="coding", message="Which code for a recall?"
    )
    return suggestion


def test_desk_pages_have_no_axe_violations(axe_page, live_catalog, axe_script, desk_content):
    from cdthub.community.accounts import create_user

    create_user("ada", "admin", PASSWORD)
    axe_page.goto(live_catalog.url + "/community/")
    axe_page.get_by_label("Username").fill("ada")
    axe_page.get_by_label("Password").fill(PASSWORD)
    problems = {"/accounts/login/": axe_violations(axe_page, axe_script)}
    axe_page.get_by_role("button", name="Log in").click()
    expect(axe_page.get_by_role("heading", name="Editor desk")).to_be_visible()
    for path in (
        "/community/",
        "/community/moderation/",
        "/community/suggestions/",
        f"/community/suggestions/{desk_content.pk}/",
        "/community/contact/",
        "/codes/D9992/history/",
    ):
        axe_page.goto(live_catalog.url + path)
        problems[path] = axe_violations(axe_page, axe_script)
    problems = {path: found for path, found in problems.items() if found}
    assert not problems, problems


def test_suggestions_work_as_a_combobox_from_the_keyboard(page, live_catalog):
    page.goto(live_catalog.url + "/")
    box = page.get_by_role("combobox", name="Search codes").first
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_attribute("aria-autocomplete", "list")
    box.press_sequentially("night gu", delay=30)
    listbox = page.get_by_role("listbox", name="Suggested codes").first
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
    options = listbox.get_by_role("option")
    expect(options.first).to_contain_text("D994")
    assert listbox.locator("a").count() == 0  # options hold text, not links

    box.press("ArrowDown")
    box.press("ArrowDown")
    second = options.nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    expect(box).to_be_focused()
    box.press("ArrowUp")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(second).to_have_attribute("aria-selected", "false")

    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    expect(box).to_have_value("night gu")

    box.press("ArrowDown")  # opens the list again on the first option
    expect(options.first).to_have_attribute("aria-selected", "true")
    code = options.first.locator("code").inner_text()
    box.press("Enter")
    expect(page).to_have_url(re.compile(rf"/codes/{code}/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_choosing_a_suggestion_with_the_mouse_opens_its_code(page, live_catalog):
    page.goto(live_catalog.url + "/search/")
    box = page.get_by_role("combobox", name="Search codes").first
    box.press_sequentially("bitewing", delay=30)
    option = page.get_by_role("option").first
    expect(option).to_be_visible()
    code = option.locator("code").inner_text()
    option.click()
    expect(page).to_have_url(re.compile(rf"/codes/{code}/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_enter_without_a_chosen_suggestion_searches(page, live_catalog):
    page.goto(live_catalog.url + "/")
    box = page.get_by_role("combobox", name="Search codes").first
    box.press_sequentially("night gu", delay=30)
    expect(page.get_by_role("option").first).to_be_visible()
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=night\+gu"))
    expect(page.locator("ol.results > li").first).to_be_visible()
