"""seedsearch serve, in process: the page and the JSON API over real Arabic
documents, bad input (400 with a message, never a 500), escaping of
document text, and the serve command itself."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed")
pytest.importorskip("jinja2", reason="the web extra is not installed")
from conftest import ROOT, SMALL_CORPUS  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st
from starlette.testclient import TestClient  # noqa: E402

from seedsearch import Index  # noqa: E402
from seedsearch.cli.main import main  # noqa: E402
from seedsearch.web import create_app  # noqa: E402
from seedsearch.web.params import Params, parse_params  # noqa: E402

#: A document whose title and text would run script if they reached the page raw.
XSS_DOC = {"id": "xss-1", "title": "<script>alert(1)</script> تحذير",
           "text": "تحذير من الرسائل: <script>alert(1)</script> "
                   "<img src=x onerror=alert(2)> في موسكو",
           "collection": "news\"><script>alert(3)</script>", "category": "politics",
           "date": "2026-02-01"}


@pytest.fixture
def small_client(tmp_path):
    ix = Index.create(tmp_path / "web", vowels=True)
    ix.add_documents(SMALL_CORPUS + [XSS_DOC])
    with TestClient(create_app(ix)) as client:
        yield client, ix
    ix.close()


@pytest.fixture(scope="module")
def seeds_client(seeds_index):
    return TestClient(create_app(seeds_index)), seeds_index


def hit_ids(html: str) -> list[str]:
    return [unescape(m) for m in re.findall(r'<span class="id"><bdi dir="ltr">([^<]*)</bdi>',
                                            html)]


def alert_text(html: str) -> str:
    """The error page's Arabic message and, below it, the English."""
    match = re.search(r'role="alert"><p>(.*?)</p>\s*(?:<p class="detail"[^>]*>(.*?)</p>)?',
                      html, re.S)
    return unescape(" | ".join(g for g in match.groups() if g)) if match else ""


def test_page_is_arabic_rtl_phone_ready_and_marks_the_vowelled_original(small_client):
    client, _ = small_client
    response = client.get("/", params={"q": "الرَّئِيسُ السُّورِيُّ"})
    assert response.status_code == 200
    html = response.text
    assert '<html lang="ar" dir="rtl">' in html
    assert 'name="viewport" content="width=device-width' in html
    assert "line-height: 1.9" in html and "Noto Naskh Arabic" in html
    # the bare stored text is found from a vowelled query, and marked as written
    assert "<mark>والرئيسُ</mark> <mark>السوريُّ</mark>" in html
    assert hit_ids(html)[0] == "news-1"
    assert 'value="الرَّئِيسُ السُّورِيُّ"' in html  # the box keeps the query


def test_page_and_api_render_the_same_to_dict(seeds_client):
    client, ix = seeds_client
    query = "صَلاَةُ الْجَمَاعَةِ"
    api = client.get("/api/search", params={"q": query, "page": 2}).json()
    expected = ix.search(query, page=2).to_dict(tag="mark")
    switches = ("filters", "exact", "vowels", "root", "word_roots")
    assert {k: v for k, v in api.items() if k not in switches} == expected
    assert api["filters"] == {} and api["exact"] is False and api["vowels"] is False
    page = client.get("/", params={"q": query, "page": 2}).text
    assert hit_ids(page) == [h["id"] for h in expected["hits"]]
    assert f'<span class="total">{expected["total"]}</span>' in page
    assert expected["hits"][0]["rank"] == 11  # page 2 of 10


def test_a_collection_facet_link_filters_and_keeps_the_query(seeds_client):
    client, _ = seeds_client
    html = client.get("/", params={"q": "الوضوء"}).text
    link = unescape(re.search(r'<a href="([^"]*collection=muslim[^"]*)"', html).group(1))
    assert "q=" in link and "page=" not in link  # a new filter starts at page 1
    filtered = client.get(link)
    ids = hit_ids(filtered.text)
    assert ids and all(i.startswith("muslim:") for i in ids)
    api = client.get("/api" + link.replace("/?", "/search?", 1)).json()
    # the facet still lists bukhari with its count (facets combine), muslim's is the total
    assert api["facets"]["collection"]["muslim"] == api["total"]
    assert api["facets"]["collection"]["bukhari"] > 0
    # the same link again (now on) removes the filter
    again = unescape(re.search(r'<a href="([^"]*)" data-value="muslim" class="on"',
                               filtered.text).group(1))
    assert "collection" not in again


def test_a_year_facet_filters_on_date_and_a_chip_removes_it(small_client):
    client, _ = small_client
    html = client.get("/", params={"q": "الروسي"}).text
    assert hit_ids(html) == ["news-1", "news-2"]  # 2026 and 2025
    link = unescape(re.search(r'<a href="([^"]*date=2025[^"]*)"', html).group(1))
    filtered = client.get(link).text
    assert hit_ids(filtered) == ["news-2"]
    chip = unescape(re.search(r'<a href="([^"]*)" title="إزالة المرشح">2025 ×</a>',
                              filtered).group(1))
    assert "date" not in chip


def test_pages_link_to_each_other_with_the_whole_state(seeds_client):
    client, _ = seeds_client
    html = client.get("/", params={"q": "الصلاة", "exact": "1", "collection": "bukhari"}).text
    nxt = unescape(re.search(r'<a rel="next" href="([^"]*)"', html).group(1))
    assert "page=2" in nxt and "exact=1" in nxt and "collection=bukhari" in nxt
    second = client.get(nxt).text
    assert '<span class="current" aria-current="page">2</span>' in second
    assert 'rel="prev"' in second and 'name="exact" value="1" checked' in second


def test_did_you_mean_links_to_the_corrected_query(seeds_client):
    client, _ = seeds_client
    html = client.get("/", params={"q": "صلاه الجماعت"}).text
    link = re.search(r'هل تقصد:\s*<a href="([^"]*)">([^<]*)</a>', html)
    assert link and link.group(2) == "صلاه الجماعة"
    assert client.get(unescape(link.group(1))).status_code == 200


def test_no_hits_and_a_page_past_the_last_say_so(small_client):
    client, _ = small_client
    assert "لا نتائج." in client.get("/", params={"q": "بطريق"}).text
    past = client.get("/", params={"q": "موسكو", "page": "5"})
    assert past.status_code == 200 and "لا نتائج في هذه الصفحة" in past.text
    assert "الصفحة الأولى" in past.text and hit_ids(past.text) == []


def test_warnings_are_shown_in_arabic(small_client):
    client, _ = small_client
    html = client.get("/", params={"q": '"موسكو'}).text
    assert "علامة الاقتباس &#34; لم تُغلق، فقُرئ ما بعدها كلمات." in html
    assert "read leniently" not in html


def test_the_vowels_switch_is_offered_only_when_the_index_has_vowel_data(small_client,
                                                                          empty_index):
    client, _ = small_client
    assert 'name="vowels"' in client.get("/").text
    assert 'name="exact"' in TestClient(create_app(empty_index)).get("/").text
    assert 'name="vowels"' not in TestClient(create_app(empty_index)).get("/").text


def test_vowels_switch_makes_harakat_count(small_client):
    client, _ = small_client
    plain = client.get("/api/search", params={"q": "عَلِمَ"}).json()
    strict = client.get("/api/search", params={"q": "عَلِمَ", "vowels": "1"}).json()
    assert strict["vowels"] is True and strict["total"] <= plain["total"]


BAD = [
    ({"q": "موسكو", "page": "abc"}, "page must be a whole number"),
    ({"q": "موسكو", "page": "0"}, "page must be a whole number"),
    ({"q": "موسكو", "page": "-1"}, "page must be a whole number"),
    ({"q": "موسكو", "page": "١"}, "page must be a whole number"),
    ({"q": "موسكو", "limit": "100000"}, "limit must be a whole number from 1 to 100"),
    ({"q": "موسكو", "limit": "0"}, "limit must be a whole number"),
    ({"q": "موسكو", "limit": "50", "page": "201"}, "from 1 to 200"),
    ({"q": "موسكو", "sort": "date"}, "sort must be one of relevance, newest, oldest"),
    ({"q": "موسكو", "date": "أمس"}, "cannot read the date filter"),
    ({"q": "موسكو", "date": "2024-13"}, "cannot read the date filter"),
    ({"q": "موسكو", "exact": "ربما"}, "exact is a switch"),
    ({"q": "ا" * 1001}, "the most is 1,000"),
    ([("q", "موسكو"), ("q", "روسيا")], "give 'q' once"),
]


@pytest.mark.parametrize("params, message", BAD)
def test_bad_input_is_a_400_with_a_clear_message(small_client, params, message):
    client, _ = small_client
    page = client.get("/", params=params)
    assert page.status_code == 400 and message in alert_text(page.text), alert_text(page.text)
    assert '<html lang="ar" dir="rtl">' in page.text and "Traceback" not in page.text
    api = client.get("/api/search", params=params)
    assert api.status_code == 400 and message in api.json()["error"]


def test_api_needs_a_query_and_the_page_does_not(small_client):
    client, _ = small_client
    assert client.get("/").status_code == 200
    response = client.get("/api/search")
    assert response.status_code == 400 and "give a query" in response.json()["error"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_any_query_string_gives_a_page(small_client, query):
    client, _ = small_client
    for path in ("/", "/api/search"):
        response = client.get(path, params={"q": query})
        # an empty query is the only 400 (the API asks for one)
        assert response.status_code == (400 if path != "/" and not query.strip() else 200)


@pytest.mark.parametrize("query", ['"', "(((", "title:", "date:>", "AND", "*", "~2", "-",
                                   "«الجيش", "مسؤول*", "الصلاه~", "\x00", "%", "ليس"])
def test_malformed_queries_are_read_leniently(small_client, query):
    client, _ = small_client
    assert client.get("/", params={"q": query}).status_code == 200
    assert client.get("/api/search", params={"q": query}).status_code == 200


@pytest.mark.parametrize("query, warning, arabic", [
    ("(" * 495 + "موسكو" + ")" * 495, "brackets nested more than 10 deep",  # RecursionError
     "الأقواس متداخلة أكثر من"),
    ("موسكو " + "السوري" * 150, "has 900 letters; only its first 64 were searched",  # minutes
     "بُحث بأول"),
], ids=["brackets-495-deep", "word-of-900-letters"])
def test_hostile_queries_under_the_length_limit_are_read_leniently_never_a_500(small_client,
                                                                              query, warning,
                                                                              arabic):
    """The page says the notice in Arabic, the JSON API in English."""
    client, _ = small_client
    server = TestClient(client.app, raise_server_exceptions=False)  # a 500 as a browser sees it
    page = server.get("/", params={"q": query})
    assert page.status_code == 200 and "news-1" in hit_ids(page.text)
    assert arabic in unescape(page.text)
    api = server.get("/api/search", params={"q": query})
    assert api.status_code == 200 and any(warning in w for w in api.json()["warnings"])


def test_document_text_is_escaped_never_run(small_client):
    client, _ = small_client
    response = client.get("/", params={"q": "تحذير"})
    html = response.text
    assert hit_ids(html) == ["xss-1"]
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; تحذير" in html  # the title, as text
    assert "&lt;img src=x onerror=alert(2)&gt;" in html  # the snippet, as text
    # the page's one script is the same-origin file; nothing inline, nothing else allowed
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/complete.js" defer>']
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self';" in csp
    assert "unsafe-inline" not in csp.split("style-src")[0]


def test_the_query_is_escaped_where_it_is_shown(small_client):
    client, _ = small_client
    html = client.get("/", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert" not in html
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_api_doc_returns_the_stored_document_or_a_404(small_client):
    client, ix = small_client
    response = client.get("/api/doc/news-1")
    assert response.status_code == 200
    assert response.json() == {**ix.get("news-1"), "collection_label": "",
                               "category_label": ""}
    assert response.json()["text"].startswith("والرئيسُ السوريُّ")
    missing = client.get("/api/doc/لا-يوجد")
    assert missing.status_code == 404 and "no document with id" in missing.json()["error"]


def test_unknown_paths_and_writes_are_refused_clearly(small_client):
    client, _ = small_client
    assert client.get("/nothing").status_code == 404
    assert client.get("/api/nothing").json() == {"error": "no such page"}
    post = client.post("/api/search", data={"q": "موسكو"})
    assert post.status_code == 405 and "read-only" in post.json()["error"]


def test_an_index_that_fails_under_the_server_is_a_message_not_a_traceback(small_client,
                                                                          monkeypatch):
    from seedsearch.errors import IndexNotFoundError

    client, ix = small_client

    def gone(*args, **kwargs):
        raise IndexNotFoundError(f"{ix.path}: no seedsearch index here")
    monkeypatch.setattr(ix, "search", gone)
    page = client.get("/", params={"q": "موسكو"})
    assert page.status_code == 500 and "تعذّرت قراءة الفهرس." in alert_text(page.text)
    assert "no seedsearch index here" in alert_text(page.text)
    api = client.get("/api/search", params={"q": "موسكو"})
    assert api.status_code == 500 and "no seedsearch index here" in api.json()["error"]


def test_an_index_closed_under_the_server_is_a_message_on_every_route_not_a_traceback(tmp_path):
    ix = Index.create(tmp_path / "web")
    ix.add_documents(SMALL_CORPUS)
    server = TestClient(create_app(ix), raise_server_exceptions=False)
    ix.close()
    page = server.get("/", params={"q": "موسكو"})
    assert page.status_code == 500 and "this Index was closed" in alert_text(page.text)
    for path in ("/api/search?q=موسكو", "/api/doc/news-1"):
        api = server.get(path)
        assert api.status_code == 500 and "this Index was closed" in api.json()["error"], path


def test_allowed_hosts_refuse_another_sites_name(small_client):
    _, ix = small_client
    app = create_app(ix, allowed_hosts=["127.0.0.1", "localhost"])
    local = TestClient(app, base_url="http://127.0.0.1:8000")
    assert local.get("/api/search", params={"q": "موسكو"}).status_code == 200
    rebound = TestClient(app, base_url="http://evil.example:8000")
    assert rebound.get("/api/search", params={"q": "موسكو"}).status_code == 400


def test_params_round_trip_through_a_url():
    params = Params(q="«صلاة الجماعة» و الوضوء", page=3, limit=20, collection=("bukhari",),
                    date=">2024-05", exact=True, vowels=True)
    query = params.url().split("?", 1)[1]
    from urllib.parse import parse_qsl

    assert parse_params(parse_qsl(query)) == params
    assert "page=" not in params.url(collection=("muslim",))  # a new filter: page 1


def test_serve_without_the_web_extra_says_so_in_one_line(monkeypatch, capsys, small_client):
    _, ix = small_client
    monkeypatch.setitem(sys.modules, "uvicorn", None)  # as if not installed
    assert main(["serve", "--index", str(ix.path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("seedsearch: error: serve needs the web extra (uvicorn is missing): "
                   "pip install 'seedsearch[web]' (in a clone: pip install -e '.[web]')")


def test_serve_with_no_index_exits_2(tmp_path, capsys):
    assert main(["serve", "--index", str(tmp_path / "none")]) == 2
    assert "no seedsearch index here" in capsys.readouterr().err


def test_serve_prints_the_address_and_answers_there(small_client):
    import urllib.request

    _, ix = small_client
    proc = subprocess.Popen([sys.executable, "-m", "seedsearch", "serve", "--index",
                             str(ix.path), "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        url = re.search(r"open (http://127\.0\.0\.1:\d+/)", line).group(1)
        with urllib.request.urlopen(url + "api/search?q=%D9%85%D9%88%D8%B3%D9%83%D9%88",
                                    timeout=30) as response:
            body = response.read().decode()
        assert '"news-1"' in body
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_root_switch_searches_each_typed_word_by_its_root(seeds_client):
    """«بحث بالجذر» on: الصيام is searched as root:الصيام (صوم), so a hadith
    with يصوم or صائم is found that the word alone misses; the switch is in
    the form, stays in the links, and the API says it was on."""
    client, ix = seeds_client
    assert 'name="root"' in client.get("/").text and "بحث بالجذر" in client.get("/").text
    plain = client.get("/api/search", params={"q": "الصيام", "limit": 100}).json()
    by_root = client.get("/api/search", params={"q": "الصيام", "root": "1", "limit": 100}).json()
    assert by_root["root"] is True and plain["root"] is False
    assert by_root["total"] > plain["total"]
    assert by_root["total"] == ix.search("root:الصيام").total
    html = client.get("/", params={"q": "الصيام", "root": "1"}).text
    assert "root=1" in html and 'name="root" value="1" checked' in html


def test_the_root_of_a_one_word_query_is_offered_when_it_helps(small_client):
    """A one-word query with few hits offers its root as a link beside «did
    you mean»; the API gives the roots as data; a name offers none."""
    client, _ = small_client
    api = client.get("/api/search", params={"q": "الكتابة"}).json()
    assert api["word_roots"] == ["كتب"]
    html = client.get("/", params={"q": "الكتابة"}).text
    link = re.search(r'ابحث بالجذر\s*<a href="([^"]*)">«([^»]*)»</a>', html)
    assert link and link.group(2) == "ك ت ب"
    assert "root%3A" in link.group(1)
    assert client.get("/api/search", params={"q": "موسكو"}).json()["word_roots"] == []
    assert "ابحث بالجذر" not in client.get("/", params={"q": "موسكو"}).text
