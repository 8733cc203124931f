"""The main reader flow in a real browser: home → search → a code page."""

import re

from playwright.sync_api import expect


def test_search_deep_cleaning_and_open_a_result(page, live_catalog):
    page.goto(live_catalog.url + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Find the right CDT code")
    box = page.get_by_role("combobox", name="Search codes").first
    box.fill("deep cleaning")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=deep\+cleaning"))
    results = page.locator("ol.results > li > a")
    expect(results.first).to_be_visible()
    assert "D4341" in " ".join(results.all_inner_texts()[:5])
    page.locator("ol.results a", has_text="D4341").first.click()
    expect(page).to_have_url(re.compile(r"/codes/D4341/$"))
    expect(page.locator("h1")).not_to_be_empty()
    expect(page.locator(".facts")).to_contain_text("The claim line needs")


def test_typing_shows_suggestions(page, live_catalog):
    page.goto(live_catalog.url + "/")
    box = page.get_by_role("combobox", name="Search codes").first
    box.press_sequentially("night gu", delay=30)
    option = page.get_by_role("option").first
    expect(option).to_be_visible()
    expect(page.locator(".suggest-list")).to_contain_text("D994")


def test_code_page_on_a_phone(browser, live_catalog):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    pg = context.new_page()
    pg.goto(live_catalog.url + "/codes/D9992/")
    expect(pg.locator("h1")).to_be_visible()
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways on a phone ({width}px)"
    context.close()
