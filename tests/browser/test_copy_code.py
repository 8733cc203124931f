"""The copy-code button on a code page, used by keyboard, and the page as printed."""

from playwright.sync_api import expect


def test_copy_code_by_keyboard_puts_the_code_on_the_clipboard(browser, live_catalog):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        pg = context.new_page()
        pg.set_default_timeout(30_000)
        pg.clock.install()  # the label goes back after a pause: time moves only when told
        pg.goto(live_catalog.url + "/codes/D2393/")
        expect(pg.get_by_role("button", name="Copy code")).to_be_visible()
        button = pg.locator("button[data-copy]")  # its name changes to "Copied"
        button.press("Enter")  # focuses the button, then the key
        expect(button).to_have_text("Copied")
        expect(pg.locator("[data-copy-status]")).to_have_text("D2393 copied to the clipboard")
        assert pg.evaluate("navigator.clipboard.readText()") == "D2393"
        pg.clock.run_for(3000)
        expect(button).to_have_text("Copy code")
    finally:
        context.close()


def test_a_printed_code_page_shows_the_content_without_the_chrome(page, live_catalog):
    page.goto(live_catalog.url + "/codes/D2393/")
    page.emulate_media(media="print")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".guidance")).to_be_visible()
    for chrome in (".site-header", ".site-footer", "#comments", ".copy-code", ".review-bar > p"):
        expect(page.locator(chrome).first).to_be_hidden()
