"""seedsearch serve in a real browser: Debian's headless Chromium driven by
Playwright, against uvicorn serving the seeds (2,000 vowelled hadith) plus
a document that carries script.

It proves what in-process tests cannot: a typed, fully vowelled query goes
through the real form, the marked word is the vowelled original, facet and
page links work by clicking (with JavaScript on and off), the back button
returns to the previous state, no script from a document runs, and the
page does not overflow a phone's width.  Screenshots go to the test's tmp
folder; with SEEDSEARCH_SAVE_SCREENSHOT=1 the first one is also copied to
docs/serve.png (the README's picture).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
pytest.importorskip("uvicorn", reason="the web extra is not installed (pip install -e '.[test]')")
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="playwright is not installed (pip install -e '.[test]')")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)",
                allow_module_level=True)

import uvicorn  # noqa: E402
from conftest import ROOT, SEEDS  # noqa: E402

from seedsearch import Index, load_documents  # noqa: E402
from seedsearch.web import create_app  # noqa: E402

#: Starts Chromium: slow; `pytest -m 'not slow'` leaves it out, CI runs it.
pytestmark = pytest.mark.slow

QUERY = "صَلاَةُ الْجَمَاعَةِ"
#: Would set window.__xss if any of it reached the page as markup.
XSS_DOC = {"id": "xss-hadith", "collection": "muslim", "category": "book-5",
           "title": "<script>window.__xss = 1</script> تَحْذِيرٌ",
           "text": "<script>window.__xss = 2</script><img src=x onerror=\"window.__xss = 3\"> "
                   "قَالَ تَحْذِيرٌ مِنَ الرَّسَائِلِ"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uvicorn in a thread on a free localhost port; yields the base URL."""
    ix = Index.create(tmp_path_factory.mktemp("browser") / "ix", vowels=True)
    ix.add_documents(load_documents(SEEDS), procs=1)
    ix.add_documents([XSS_DOC])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    server = uvicorn.Server(uvicorn.Config(create_app(ix), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start in 30 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=30)
    ix.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def state(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_search_facet_pages_and_no_script_in_chromium(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
    page.goto(server + "/")
    box = page.locator("input[name=q]")
    box.press_sequentially(QUERY)
    box.press("Enter")
    page.wait_for_url("**/?q=*")
    assert state(page)["q"] == QUERY
    # the vowelled words of the hadith are marked as written
    marks = page.locator("ol.hits mark").all_inner_texts()
    assert "صَلاَةُ" in marks and "الْجَمَاعَةِ" in marks
    total = int(page.locator(".total").inner_text())
    assert total > 20
    page.screenshot(path=tmp_path / "serve.png")
    if os.environ.get("SEEDSEARCH_SAVE_SCREENSHOT"):
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copy(tmp_path / "serve.png", ROOT / "docs" / "serve.png")

    page.locator("aside .facet-collection a", has_text="muslim").click()
    page.wait_for_url("**collection=muslim*")
    assert state(page)["q"] == QUERY and "page" not in state(page)
    assert set(page.locator("li.hit .collection").all_inner_texts()) == {"muslim"}
    muslim_total = int(page.locator(".total").inner_text())
    assert 10 < muslim_total < total

    page.locator("nav.pages a[rel=next]").click()
    page.wait_for_url("**page=2*")
    assert state(page)["collection"] == "muslim"
    assert page.locator("nav.pages [aria-current=page]").inner_text() == "2"
    assert page.locator("ol.hits").get_attribute("start") == "11"
    assert page.locator("ol.hits mark").count() > 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.screenshot(path=tmp_path / "serve-page2.png", full_page=True)

    page.go_back()  # every state is a URL: back is the first page of the facet
    page.wait_for_url(lambda url: "page=2" not in url)
    assert state(page)["collection"] == "muslim"

    # a new query keeps the facet; the document's markup is shown as text and never runs
    box.fill("تحذير")
    box.press("Enter")
    page.wait_for_url("**/?q=%D8%AA%D8%AD%D8%B0%D9%8A%D8%B1*")
    assert state(page)["collection"] == "muslim"
    title = page.locator("li.hit h2").first.inner_text()
    assert title == "<script>window.__xss = 1</script> تَحْذِيرٌ"
    assert "<img src=x" in page.locator("li.hit p.snippet").first.inner_text()
    assert page.locator("ol.hits mark").first.inner_text() == "تَحْذِيرٌ"
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.close()


def test_works_with_javascript_off_and_fits_a_phone(server, browser, tmp_path):
    context = browser.new_context(java_script_enabled=False, locale="ar",
                                  viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(server + "/")
    page.locator("input[name=q]").fill("الوضوء")
    page.locator("input[name=exact]").check()
    page.locator("form.search button").click()
    page.wait_for_url("**exact=1*")
    assert page.locator("ol.hits li").count() > 0
    page.locator("aside .facet-collection a", has_text="bukhari").click()
    page.wait_for_url("**collection=bukhari*")
    assert set(page.locator("li.hit .collection").all_inner_texts()) == {"bukhari"}
    assert page.locator("input[name=exact]").is_checked()
    page.screenshot(path=tmp_path / "serve-phone.png", full_page=True)
    context.close()
    # layout is measured with script on (the measuring needs it), same viewport
    context = browser.new_context(locale="ar", viewport={"width": 390, "height": 844},
                                  is_mobile=True)
    page = context.new_page()
    page.goto(server + "/?q=" + QUERY)
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page overflows a phone: {widths}"
    context.close()
