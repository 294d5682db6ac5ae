"""The HTML grading report in a real headless Chromium (Debian's chromium + chromedriver).

Skips when the browser, the driver or selenium is missing; ``.ci/run`` installs
them, so CI runs it. The screenshot is written to ``$NETLINT_SCREENSHOT_DIR``
(default: the test's temporary folder).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from netlint.cli import main

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "exercises"

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = pytest.mark.skipif(
    not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)),
    reason="chromium and chromium-driver are not installed (apt-get install chromium "
           "chromium-driver)")

PAYLOAD = ('<script>window.__netlint_pwned = 1; document.title = "PWNED";</script>'
           '<img src=x onerror="window.__netlint_pwned = 2; document.title = \'PWNED\'">')
MALICIOUS = f"""scenario: injection
channel: chat
customer: "Is my order coming today? <script>window.__netlint_pwned = 3</script>"
drafts:
  - id: injected-draft
    agent: mallory
    reply: |
      Hi, your order is out for delivery today. {PAYLOAD}
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = tmp_path_factory.mktemp("course")
    for f in EXAMPLES.glob("*.yml"):
        shutil.copy(f, course / f.name)
    (course / "99-injection.yml").write_text(MALICIOUS, encoding="utf-8")
    out = course.parent / "report.html"
    result = CliRunner().invoke(main, ["grade", str(course), "--report", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                 "--window-size=1200,900", "--hide-scrollbars"):
        options.add_argument(flag)
    # An explicit driver path: selenium must not try to fetch one.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver, path: Path) -> None:  # type: ignore[no-untyped-def]
    driver.get(path.as_uri())
    driver.execute_script("return document.readyState")


def test_charts_render_with_a_real_size(browser, report: Path) -> None:  # type: ignore[no-untyped-def]
    _open(browser, report)
    sizes = browser.execute_script("""
        return Array.from(document.querySelectorAll('svg.chart')).map(svg => {
            const r = svg.getBoundingClientRect();
            const bars = Array.from(svg.querySelectorAll('rect.bar')).map(b => {
                const q = b.getBoundingClientRect(); return [q.width, q.height]; });
            return {id: svg.closest('section').id, w: r.width, h: r.height, bars: bars};
        });""")
    assert {s["id"] for s in sizes} == {"chart-distribution", "chart-categories",
                                         "chart-trainees", "chart-findings"}
    for s in sizes:
        assert s["w"] > 100 and s["h"] > 50, s
        assert s["bars"], f"{s['id']} draws no bars"
        assert any(w > 0 and h > 0 for w, h in s["bars"]), s
    # The distribution's bar heights add up to the number of drafts (counts on the bars).
    counts = browser.execute_script("""
        return Array.from(document.querySelectorAll('#chart-distribution text.val'))
            .map(t => Number(t.textContent));""")
    assert sum(counts) == browser.execute_script(
        "return document.querySelectorAll('article.draft').length") == 26


def test_screenshot(browser, report: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open(browser, report)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1200, min(int(height), 2400))
    folder = Path(os.environ.get("NETLINT_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shot = folder / "grade-report.png"
    assert browser.save_screenshot(str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    browser.set_window_size(1200, 900)


@pytest.mark.parametrize("strip_csp", [False, True], ids=["as-written", "without-csp"])
def test_a_draft_holding_script_does_not_execute(browser, report: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 strip_csp: bool) -> None:
    page = report
    if strip_csp:
        # Without the Content-Security-Policy, escaping alone must keep the script inert.
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "",
                      report.read_text(encoding="utf-8"))
        assert "Content-Security-Policy" not in html
        page = tmp_path / "no-csp.html"
        page.write_text(html, encoding="utf-8")
    _open(browser, page)
    assert browser.title == "netlint grading report"
    assert browser.execute_script("return typeof window.__netlint_pwned") == "undefined"
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.execute_script("return document.querySelectorAll('main img').length") == 0
    reply_text, customer_text = browser.execute_script("""
        const d = Array.from(document.querySelectorAll('article.draft'))
            .find(a => a.querySelector('h3').textContent === 'injected-draft');
        const reply = d.querySelector('pre.reply').cloneNode(true);
        reply.querySelectorAll('sup, .caret').forEach(n => n.remove());  // finding numbers
        return [reply.textContent, d.querySelector('blockquote.customer').textContent];""")
    # The payload is on the page as visible text, character for character.
    assert PAYLOAD in reply_text
    assert "<script>window.__netlint_pwned = 3</script>" in customer_text


def test_control_the_same_payload_unescaped_does_run(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Proves the browser runs scripts from file pages here, so the test above can fail."""
    page = tmp_path / "control.html"
    page.write_text(f"<!doctype html><title>control</title><pre>{PAYLOAD}</pre>",
                    encoding="utf-8")
    _open(browser, page)
    assert browser.execute_script("return window.__netlint_pwned") in (1, 2)
    assert browser.title == "PWNED"
