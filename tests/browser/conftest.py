"""Shared fixtures for browser tests: Playwright driving Debian's chromium against live_server.

Browsers cannot be downloaded here, so we launch /usr/bin/chromium (installed by .ci/run).
"""

import fcntl
import os
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CDTHUB_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"chromium not found at {CHROMIUM}: run .ci/run or apt-get install chromium")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


# accessibility --------------------------------------------------------------------------------
HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's script, installed from package-lock.json by `npm ci` the first time (a lock
    file keeps parallel test workers from installing at once)."""
    with open(HERE / ".npm-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not AXE.exists():
            npm = shutil.which("npm")
            if npm is None:
                pytest.fail("npm not found: apt-get install npm (the axe-core checks need it)")
            subprocess.run(
                [npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund", "--silent"],
                check=True,
                timeout=600,
            )
    return AXE


def axe_violations(page, axe_script: Path) -> list[str]:
    """axe-core's WCAG 2.x A/AA (and best-practice) violations on the page as it is now, one
    readable line each: rule, impact, help and the first offending elements."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    found = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:4])
        for v in found
    ]


@pytest.fixture
def axe_page(browser):
    """A page whose CSP lets Playwright inject axe-core (the site's own CSP forbids inline
    scripts, which is what an injected script is); the CSP test uses `page` instead."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()
