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
    chart.get_by_role("link", name="tooth 30: error found").click()  # the tooth leads to its line
    assert page.url.endswith("#claim-1-line-2")
    expect(page.locator("#claim-1-line-2")).to_contain_text("D2393 is for three surfaces")


def typed_lines_on_a_phone(browser, live_catalog, width: int, height: int):
    """A phone-sized page on /check/ with the line form open: (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True)
    page = context.new_page()
    page.goto(live_catalog.url + "/check/")
    page.get_by_label("Type lines").check()
    return context, page


def test_type_lines_on_a_phone(browser, live_catalog):
    context, page = typed_lines_on_a_phone(browser, live_catalog, 375, 740)
    page.get_by_label("Line 1 date").fill("2026-03-02")
    page.get_by_label("Line 1 code").fill("D3330")
    page.get_by_label("Line 1 tooth").fill("8")
    expect(page.get_by_label("Format")).to_be_hidden()  # typed lines have no format
    page.get_by_role("button", name="Add a line").click()
    expect(page.get_by_label("Line 7 date")).to_be_focused()
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


def test_a_file_over_the_limit_is_stopped_before_it_is_sent(page, live_catalog, tmp_path):
    big = tmp_path / "day.json"
    big.write_bytes(b" " * 2_200_000)
    page.goto(live_catalog.url + "/check/")
    page.get_by_label("Upload a file").check()
    page.locator("input[name=file]").set_input_files(big)
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("the file is 2.1 MB; up to 2 MB can")
    assert page.locator("input[name=file]").evaluate("(el) => el.files.length") == 1
    assert page.url.endswith("/check/")


def test_a_refused_fee_keeps_the_line_and_says_why_on_a_phone(browser, live_catalog):
    context, page = typed_lines_on_a_phone(browser, live_catalog, 390, 844)
    page.get_by_label("Line 1 date").fill("2026-03-02")
    page.get_by_label("Line 1 code").fill("D1110")
    page.get_by_label("Line 1 quantity").fill("2")
    page.get_by_label("Line 1 fee").fill("12,50")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("alert")).to_contain_text("line 1: fee '12,50' has a decimal comma")
    fee = page.get_by_label("Line 1 fee")
    expect(fee).to_be_visible()  # the typed lines stay open, as typed
    expect(fee).to_have_value("12,50")
    expect(fee).to_have_attribute("aria-invalid", "true")
    expect(fee).to_have_accessible_description(
        "Line 1: fee '12,50' has a decimal comma: write it with a point, as 12.50"
    )
    expect(page.get_by_label("Line 1 quantity")).to_have_value("2")
    expect(page.get_by_label("Line 1 code")).to_have_value("D1110")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
    page.get_by_role("button", name="Add a line").click()
    expect(page.get_by_label("Line 7 fee")).not_to_have_attribute("aria-invalid", "true")
    fee.fill("12.50")
    page.get_by_role("button", name="Check").click()
    row = page.locator(".claim-lines tbody tr").first
    expect(row).to_contain_text("one unit of D1110 is one visit, but the line has quantity 2")
    expect(row.locator('td[data-label="Code"]')).to_have_text("D1110 qty 2, fee 12.50")
    expect(page.locator(".line-errors")).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
    context.close()
