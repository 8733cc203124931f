"""The claim checker in a real browser: paste a claim, see the findings and the tooth chart;
type lines on a phone."""

import json

from playwright.sync_api import expect

CLAIM = {
    "id": "A-100",
    "patient": {"birth_date": "1984-02-11"},
    "lines": [
        {"date": "2026-03-02", "code": "D0120"},
        {"date": "2026-03-02", "code": "D2393", "tooth": "30", "surfaces": "MO"},
    ],
}


def test_paste_a_claim_and_see_findings_and_chart(page, live_catalog):
    page.goto(live_catalog.url + "/check/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Claim checker")
    page.get_by_label("Claims as JSON, CSV or X12 837D text").fill(json.dumps(CLAIM))
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("1 claim: 1 error, 0 warnings")
    row = page.locator(".claim-lines tbody tr").nth(1)
    expect(row).to_contain_text("D2393 is for three surfaces but MO is two: use D2392")
    chart = page.locator("svg.tooth-chart")
    expect(chart).to_be_visible()
    expect(chart.locator('g.error[data-tooth="30"]')).to_have_count(1)
    expect(chart.locator("g.error")).to_have_count(1)
    expect(page.get_by_role("link", name="Download the findings (CSV)")).to_be_visible()


def test_type_lines_on_a_phone(browser, live_catalog):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(live_catalog.url + "/check/")
    page.get_by_label("Type lines").check()
    page.get_by_label("Line 1 date").fill("2026-03-02")
    page.get_by_label("Line 1 code").fill("D3330")
    page.get_by_label("Line 1 tooth").fill("8")
    page.get_by_role("button", name="Add a line").click()
    page.get_by_label("Line 7 code").fill("D0120")
    page.get_by_label("Line 7 date").fill("2026-03-02")
    page.get_by_role("button", name="Check").click()
    expect(page.locator(".claim-lines")).to_contain_text("use D3310")
    expect(page.locator('svg.tooth-chart g.error[data-tooth="8"]')).to_have_count(1)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways on a phone ({width}px)"
    context.close()


def test_a_paste_over_the_limit_is_stopped_and_kept(page, live_catalog):
    page.goto(live_catalog.url + "/check/")
    box = page.get_by_label("Claims as JSON, CSV or X12 837D text")
    box.evaluate("(el) => { el.value = 'x'.repeat(2200000); }")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("alert")).to_contain_text("up to 2 MB can be checked here")
    assert box.evaluate("(el) => el.value.length") == 2200000
    assert page.url.endswith("/check/")
