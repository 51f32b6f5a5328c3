"""seedsearch serve in a real browser: Debian's headless Chromium driven by
Playwright, against uvicorn serving the seeds (2,000 vowelled hadith) plus
a document that carries script.

It proves what in-process tests cannot: a typed, fully vowelled query goes
through the real form, the marked word is the vowelled original, facet and
page links work by clicking (with JavaScript on and off), the back button
returns to the previous state, no script from a document runs, and the
page does not overflow a phone's width.  For a reader: a hit opens its own
page and leads back, the sort switch orders by date across pages, a second
collection is added to the first, «نصوص مشابهة» finds a hadith's parallel,
suggestions appear while typing and one searches when chosen, a link
decorated by a tracker opens, and a notice is said in Arabic.  Screenshots
(1280 and 390 px wide) go to the test's tmp folder; with
SEEDSEARCH_SAVE_SCREENSHOT=1 the search and the hit's page at 1280 px are
also copied to docs/serve.png and docs/doc-page.png (the README's pictures).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

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
#: Display names of the collections, as the demo has them.
LABELS = {"collection": {"bukhari": "صحيح البخاري", "muslim": "صحيح مسلم", "news": "أخبار"}}
#: Short news about a president, each on its own date: two pages of them.
PRESIDENT_NEWS = [
    ("2019-03-04", "استقبل الرئيس وفدا برلمانيا في القصر"),
    ("2020-07-21", "أصدر الرئيس مرسوما بتعديل قانون الانتخابات"),
    ("2021-01-15", "هنأ الرئيس المنتخب نظيره بالفوز في الانتخابات"),
    ("2021-11-02", "افتتح الرئيس معرض الكتاب في العاصمة"),
    ("2022-05-09", "ألقى الرئيس كلمة أمام مجلس الشعب"),
    ("2022-12-30", "وقع الرئيس موازنة العام الجديد"),
    ("2023-04-18", "زار الرئيس المناطق المتضررة من الزلزال"),
    ("2023-09-27", "تحدث الرئيس في الجمعية العامة للأمم المتحدة"),
    ("2024-02-11", "التقى الرئيس وزير الخارجية الروسي"),
    ("2024-08-05", "أعلن الرئيس خطة لإعادة الإعمار"),
    ("2025-03-22", "استقبل الرئيس سفراء الدول العربية"),
    ("2025-10-14", "ناقش الرئيس مع الحكومة أسعار الوقود"),
]
XSS_DOC = {"id": "xss-hadith", "collection": "muslim", "category": "book-5",
           "title": "<script>window.__xss = 1</script> تَحْذِيرٌ",
           "text": "<script>window.__xss = 2</script><img src=x onerror=\"window.__xss = 3\"> "
                   "قَالَ تَحْذِيرٌ مِنَ الرَّسَائِلِ"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uvicorn in a thread on a free localhost port; yields the base URL."""
    ix = Index.create(tmp_path_factory.mktemp("browser") / "ix", vowels=True, labels=LABELS)
    ix.add_documents(load_documents(SEEDS), procs=1)
    ix.add_documents([XSS_DOC] + [
        {"id": f"president-{i}", "title": text.split(" في ")[0], "text": text + ".",
         "collection": "news", "category": "politics", "date": date}
        for i, (date, text) in enumerate(PRESIDENT_NEWS)])
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

    page.locator("aside .facet-collection a", has_text="صحيح مسلم").click()
    page.wait_for_url("**collection=muslim*")
    assert state(page)["q"] == QUERY and "page" not in state(page)
    assert set(page.locator("li.hit .collection").all_inner_texts()) == {"صحيح مسلم"}
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
    title = page.locator("li.hit h2 a").first.inner_text()
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
    page.locator("aside .facet-collection a", has_text="صحيح البخاري").click()
    page.wait_for_url("**collection=bukhari*")
    assert set(page.locator("li.hit .collection").all_inner_texts()) == {"صحيح البخاري"}
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


def all_params(page) -> dict:
    return parse_qs(urlparse(page.url).query)


def test_a_hit_opens_its_page_and_leads_back_to_the_search(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
    page.goto(server + "/?q=" + quote("يحب لأخيه") + "&collection=bukhari&sort=oldest")
    search_url = page.url
    first = page.locator("li.hit h2 a").first
    first.click()
    page.wait_for_url("**/doc/**")
    assert urlparse(page.url).path == "/doc/bukhari%3A13"
    assert page.locator("h2.doc-title").inner_text() == "صحيح البخاري 13"
    marks = page.locator("main.document .text mark").all_inner_texts()
    assert "يُحِبَّ" in marks and "لأَخِيهِ" in marks
    assert page.locator(".similar-list li").count() == 5
    page.locator("p.back a").click()  # the page's own link back ...
    page.wait_for_url(lambda url: "/doc/" not in url)
    assert all_params(page) == parse_qs(urlparse(search_url).query)
    page.go_back()  # ... and the browser's back button both work
    page.wait_for_url("**/doc/**")
    page.go_back()
    page.wait_for_url(lambda url: "/doc/" not in url)
    assert page.locator("li.hit h2 a").first.inner_text() == "صحيح البخاري 13"
    page.close()


def test_the_sort_switch_orders_by_date_across_two_pages(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
    page.goto(server + "/?q=" + quote("الرئيس"))
    page.locator("nav.sort a", has_text="الأحدث").click()
    page.wait_for_url("**sort=newest*")
    first = page.locator("li.hit .date").all_inner_texts()
    assert len(first) == 10 and first == sorted(first, reverse=True)
    page.locator("nav.pages a[rel=next]").click()
    page.wait_for_url("**page=2*")
    assert all_params(page)["sort"] == ["newest"]
    second = page.locator("li.hit .date").all_inner_texts()
    assert second and second == sorted(second, reverse=True) and second[0] <= first[-1]
    page.locator("nav.sort a", has_text="الأقدم").click()
    page.wait_for_url("**sort=oldest*")
    assert "page" not in all_params(page)  # a new order starts at page 1
    assert page.locator("li.hit .date").first.inner_text() == "2019-03-04"
    page.close()


def test_a_second_collection_is_added_to_the_first(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
    page.goto(server + "/?q=" + quote("الوضوء"))
    total = int(page.locator(".total").inner_text().replace(",", ""))
    page.locator("aside .facet-collection a", has_text="صحيح البخاري").click()
    page.wait_for_url("**collection=bukhari*")
    muslim = page.locator("aside .facet-collection a", has_text="صحيح مسلم")
    assert muslim.count() == 1  # still offered, with its count
    bukhari_total = int(page.locator(".total").inner_text().replace(",", ""))
    assert bukhari_total < total
    muslim.click()
    page.wait_for_url("**collection=muslim*")
    assert all_params(page)["collection"] == ["bukhari", "muslim"]
    assert int(page.locator(".total").inner_text().replace(",", "")) == total
    assert page.locator("aside .facet-collection a.on").count() == 2
    page.close()


def test_similar_texts_from_a_hit_find_the_parallel(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
    page.goto(server + "/?q=" + quote("لا عدوى ولا صفر") + "&collection=bukhari")
    hit = page.locator("li.hit").first
    assert hit.locator(".id").inner_text() == "bukhari:5770"
    hit.locator("a.similar").click()
    page.wait_for_url("**similar=bukhari*")
    assert "نصوص مشابهة لـ" in page.locator("h2.similar-to").inner_text()
    assert page.locator("li.hit .id").first.inner_text() == "muslim:5788"
    page.close()


def test_typing_three_letters_offers_words_and_choosing_one_searches(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
    page.goto(server + "/?collection=muslim")
    box = page.locator("input[name=q]")
    box.press_sequentially("الوض")
    options = page.locator("#suggestions a")
    options.first.wait_for()
    words = options.all_inner_texts()
    assert "الوضوء" in words and all(w.startswith("الوض") for w in words)
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")  # the keyboard reaches them too
    assert page.evaluate("document.activeElement.id") == "suggestion-0"
    options.filter(has_text="الوضوء").first.click()
    page.wait_for_url("**/?*q=*")
    assert state(page)["q"] == "الوضوء" and state(page)["collection"] == "muslim"
    assert page.locator("ol.hits li").count() > 0
    # a second word: only the last one is completed, the first kept
    box = page.locator("input[name=q]")
    box.fill("")
    box.press_sequentially("صلاة الجم")
    page.locator("#suggestions a").first.wait_for()
    assert page.locator("#suggestions a").first.inner_text().startswith("صلاة الجم")
    page.close()


def test_a_link_shared_with_fbclid_opens_and_a_notice_is_in_arabic(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ar")
    response = page.goto(server + "/?q=" + quote("«صلاة الجماعة") + "&fbclid=IwAR0xyz"
                         "&utm_source=facebook")
    assert response.status == 200
    assert page.locator("ol.hits li").count() > 0
    notice = page.locator(".notice.warnings li").first.inner_text()
    assert notice == "علامة الاقتباس « لم تُغلق، فقُرئ ما بعدها كلمات."
    # the links of the page do not carry the tracker on
    assert "fbclid" not in page.locator("nav.pages a[rel=next]").get_attribute("href")
    page.close()


def test_screenshots_of_the_reader_s_pages(server, browser, tmp_path):
    """1280 and 390 px: a search with a chosen collection, and a hit's page."""
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="ar",
                                      is_mobile=width < 500)
        page = context.new_page()
        page.goto(server + "/?q=" + quote("صَلاَةُ الْجَمَاعَةِ") + "&collection=bukhari")
        page.screenshot(path=tmp_path / f"reader-search-{width}.png", full_page=width < 500)
        page.locator("li.hit h2 a").first.click()
        page.wait_for_url("**/doc/**")
        page.screenshot(path=tmp_path / f"reader-doc-{width}.png", full_page=width < 500)
        widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"the page overflows {width} px: {widths}"
        context.close()
    if os.environ.get("SEEDSEARCH_SAVE_SCREENSHOT"):  # the README's pictures
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copy(tmp_path / "reader-search-1280.png", ROOT / "docs" / "serve.png")
        shutil.copy(tmp_path / "reader-doc-1280.png", ROOT / "docs" / "doc-page.png")
