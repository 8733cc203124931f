"""The Content-Security-Policy holds in a real browser: the pages (and the API docs) work with
nothing from elsewhere, no inline script, and the browser reports no violation, not even for
the JSON-LD block of a code page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = ["/", "/codes/D9992/", "/search/?q=night+guard", "/check/", "/suggest/", "/api/v1/docs"]


def test_pages_load_everything_from_the_site_without_csp_violations(page, live_catalog):
    console, requests = [], []
    page.on("console", lambda msg: console.append(msg.text))
    page.on("request", lambda req: requests.append(req.url))
    # violations also reach the page as events, which the console may not show
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', "
        "e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    violations = {}
    for path in PAGES:
        response = page.goto(live_catalog.url + path)
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__csp")
        if found:
            violations[path] = found
    assert not violations
    assert not [text for text in console if "Content Security Policy" in text]
    outside = [
        url
        for url in requests
        if not url.startswith((live_catalog.url + "/", "data:"))  # data: stays in the page
    ]
    assert outside == []


def test_api_docs_show_the_operations_offline(page, live_catalog):
    page.goto(live_catalog.url + "/api/v1/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    expect(page.locator(".swagger-ui")).to_contain_text("/api/v1/codes")


def test_code_page_keeps_its_json_ld(page, live_catalog):
    page.goto(live_catalog.url + "/codes/D9992/")
    data = page.locator('script[type="application/ld+json"]').text_content()
    assert '"codeValue": "D9992"' in data
