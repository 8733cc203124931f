"""The coding assistant in a real browser, with JavaScript off: the GET form is all it needs."""

import re

from playwright.sync_api import expect


def test_describe_a_procedure_and_open_the_best_code(browser, live_catalog):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(live_catalog.url + "/")
    page.get_by_role("link", name="Coding assistant").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coding assistant")
    page.get_by_label("Procedure description").fill("MOD composite #30")
    page.get_by_role("button", name="Suggest codes").click()
    expect(page).to_have_url(re.compile(r"/suggest/\?text=MOD\+composite\+%2330"))
    best = page.locator("ol.suggestions > li").first
    expect(best).to_contain_text("D2393")
    expect(best.locator(".reasons")).to_contain_text("3 surfaces (MOD)")
    best.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/codes/D2393/$"))
    context.close()


def test_open_questions_on_a_phone(browser, live_catalog):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(live_catalog.url + "/suggest/?text=root+canal")
    expect(page.locator(".questions")).to_contain_text("front tooth, premolar or molar?")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways on a phone ({width}px)"
    context.close()
