"""seedsearch serve for a reader, in process: a hit's own page, the sort
switch, similar documents, completions, facets that combine, labels,
Arabic notices and errors, numbers, tracker parameters, and the one
same-origin script the page allows."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, quote, urlparse

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed")
from conftest import SMALL_CORPUS  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402
from test_web import BAD, alert_text, hit_ids  # noqa: E402

from seedsearch import Index  # noqa: E402
from seedsearch.search.notices import NoticeCode  # noqa: E402
from seedsearch.web import arabic, create_app  # noqa: E402

LABELS = {"collection": {"news": "أخبار", "bukhari": "صحيح البخاري", "muslim": "صحيح مسلم"},
          "category": {"politics": "سياسة"}}


@pytest.fixture
def client(tmp_path):
    ix = Index.create(tmp_path / "web", vowels=True, labels=LABELS)
    ix.add_documents(SMALL_CORPUS)
    with TestClient(create_app(ix)) as client:
        yield client
    ix.close()


@pytest.fixture(scope="module")
def seeds_client(seeds_index):
    return TestClient(create_app(seeds_index))


def links(html: str, pattern: str) -> list[str]:
    return [unescape(m) for m in re.findall(pattern, html)]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


# -- a hit's page ---------------------------------------------------------------------
def test_a_hit_links_to_its_page_which_marks_the_search_and_links_back(seeds_client):
    """From «يحب لأخيه» in Bukhari's collection, page 1: the hit's page shows
    the whole vowelled hadith with the words marked as written, and its back
    link is the very same search."""
    search = {"q": "يحب لأخيه", "collection": "bukhari", "sort": "oldest"}
    html = seeds_client.get("/", params=search).text
    first = links(html, r'<h2><a href="(/doc/[^"]*)">')[0]
    assert first.startswith("/doc/bukhari%3A13?") and query_of(first)["sort"] == ["oldest"]
    page = seeds_client.get(first)
    assert page.status_code == 200 and '<html lang="ar" dir="rtl">' in page.text
    assert "<mark>يُحِبَّ</mark> <mark>لأَخِيهِ</mark>" in page.text
    assert "حَدَّثَنَا مُسَدَّدٌ" in page.text and "لِنَفْسِهِ" in page.text  # the whole text
    back = links(page.text, r'<a rel="prev" href="([^"]*)">')[0]
    assert query_of(back) == {k: [v] for k, v in search.items()}
    assert hit_ids(seeds_client.get(back).text) == hit_ids(html)


def test_a_hit_s_page_without_a_query_marks_nothing_and_lists_similar_texts(seeds_client):
    page = seeds_client.get("/doc/bukhari:6507").text
    assert "<mark>" not in page.split('<aside class="similar-list"')[0]
    assert 'rel="prev"' not in page  # opened on its own: no search to go back to
    similar = page.split('<aside class="similar-list"')[1]
    assert "نصوص مشابهة" in similar
    assert links(similar, r'<a href="(/doc/[^"]*)">')[0] == "/doc/muslim%3A6822"
    assert "/?similar=bukhari%3A6507" in similar


def test_a_document_s_text_is_escaped_and_an_unknown_one_is_an_arabic_404(tmp_path):
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents([{"id": "x/1", "title": "<b>تحذير</b>",
                           "text": "تحذير <script>alert(1)</script> من الرسائل"}])
        client = TestClient(create_app(ix))
        page = client.get("/doc/x%2F1", params={"q": "الرسائل"}).text
        assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&lt;b&gt;تحذير&lt;/b&gt;" in page and "<mark>الرسائل</mark>" in page
        missing = client.get("/doc/لا-يوجد")
        assert missing.status_code == 404
        assert "لا وثيقة بالمعرّف «لا-يوجد» في هذا الفهرس." in alert_text(missing.text)


# -- sort -------------------------------------------------------------------------------
def test_the_sort_switch_orders_by_date_and_keeps_the_search(client):
    html = client.get("/", params={"q": "الرئيس السوري القلم", "collection": "news"}).text
    switch = html.split('<nav class="sort"')[1].split("</nav>")[0]
    assert '<span aria-current="true">الأكثر صلة</span>' in switch
    newest = links(switch, r'<a href="([^"]*)">الأحدث</a>')[0]
    assert query_of(newest)["collection"] == ["news"] and query_of(newest)["sort"] == ["newest"]
    page = client.get(newest).text
    dates = re.findall(r'<span class="date">([^<]*)</span>', page)
    assert len(dates) >= 3 and dates == sorted(dates, reverse=True)
    assert 'name="sort" value="newest"' in page  # a new query keeps the order
    oldest = client.get("/api/search", params={"q": "الرئيس السوري القلم", "sort": "oldest"})
    api_dates = [h["date"] for h in oldest.json()["hits"] if h["date"]]
    assert api_dates == sorted(api_dates) and oldest.json()["sort"] == "oldest"


# -- facets that combine ------------------------------------------------------------------
def test_a_second_collection_can_be_added_to_the_first(seeds_client):
    query = "الوضوء"
    html = seeds_client.get("/", params={"q": query, "collection": "bukhari"}).text
    facet = html.split('class="facet facet-collection"')[1].split("</section>")[0]
    # muslim is still listed, with the count it would add
    muslim = re.search(r'<a href="([^"]*)" data-value="muslim">.*?</a> <span class="count">'
                       r'([\d,]+)</span>', facet, re.S)
    assert muslim and int(muslim.group(2).replace(",", "")) > 0
    both = unescape(muslim.group(1))
    assert query_of(both)["collection"] == ["bukhari", "muslim"]
    page = seeds_client.get(both).text
    ids = hit_ids(page)
    total = int(re.search(r'<span class="total">([\d,]+)</span>', page).group(1).replace(",", ""))
    assert total == seeds_client.get("/api/search", params={"q": query}).json()["total"]
    assert {i.split(":")[0] for i in ids} <= {"bukhari", "muslim"}


# -- similar --------------------------------------------------------------------------------
def test_similar_texts_from_a_hit(seeds_client):
    html = seeds_client.get("/", params={"q": "لا عدوى ولا صفر"}).text
    link = links(html, r'<a class="similar" href="([^"]*)">نصوص مشابهة</a>')[0]
    assert link.startswith("/?similar=")
    doc_id = query_of(link)["similar"][0]
    page = seeds_client.get(link).text
    assert "نصوص مشابهة لـ" in page and doc_id not in hit_ids(page)
    parallel = {"bukhari:5770": "muslim:5788", "muslim:5788": "bukhari:5770"}[doc_id]
    assert hit_ids(page)[0] == parallel
    api = seeds_client.get(f"/api/similar/{doc_id}", params={"limit": 3}).json()
    assert api["similar_to"] == doc_id and api["hits"][0]["id"] == parallel
    assert api["query"].startswith("(") and len(api["hits"]) == 3


@pytest.mark.parametrize("path, params, status, message", [
    ("/api/similar/لا-يوجد", {}, 404, "no document with id 'لا-يوجد'"),
    ("/api/similar/bukhari:13", {"q": "x"}, 400, "unknown parameter 'q'"),
    ("/api/similar/bukhari:13", {"limit": "0"}, 400, "limit must be a whole number"),
])
def test_similar_api_mistakes(seeds_client, path, params, status, message):
    response = seeds_client.get(path, params=params)
    assert response.status_code == status and message in response.json()["error"]


# -- completions -----------------------------------------------------------------------------
def test_api_complete_gives_words_as_the_text_spells_them(seeds_client):
    answer = seeds_client.get("/api/complete", params={"q": "أَحْ", "limit": 5}).json()
    assert answer["query"] == "أَحْ" and len(answer["completions"]) == 5
    assert answer["completions"][:2] == seeds_client.app.state.index.complete("اح", limit=2)
    assert seeds_client.get("/api/complete", params={"q": "صلاة الجم"}).json()[
        "completions"][0].startswith("الجم")


@pytest.mark.parametrize("params, message", [
    ({}, "give a prefix"),
    ({"q": "  "}, "give a prefix"),
    ({"q": "ال", "limit": "0"}, "limit must be a whole number from 1 to 100"),
    ({"q": "ال", "limit": "عشرة"}, "limit must be a whole number from 1 to 100"),
    ({"q": "ال", "page": "2"}, "unknown parameter 'page'"),
    ([("q", "ال"), ("q", "صل")], "give 'q' once"),
])
def test_api_complete_mistakes_are_400(seeds_client, params, message):
    response = seeds_client.get("/api/complete", params=params)
    assert response.status_code == 400 and message in response.json()["error"]


def test_the_page_offers_completions_through_one_same_origin_script(client):
    page = client.get("/")
    assert 'id="suggestions"' in page.text and 'autocomplete="off"' in page.text
    script = client.get("/static/complete.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith(
        "text/javascript")
    assert "/api/complete?" in script.text and "innerHTML" not in script.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "connect-src 'self';" in csp


# -- labels, numbers, notices, errors, trackers ---------------------------------------------
def test_labels_are_shown_on_the_page_and_given_by_the_api(client):
    html = client.get("/", params={"q": "الرئيس السوري"}).text
    assert '<span class="collection" data-value="news">أخبار</span>' in html
    assert '<span class="category" data-value="politics">سياسة</span>' in html
    assert re.search(r'data-value="news"><span class="box"[^>]*>☐</span> أخبار</a>', html)
    api = client.get("/api/search", params={"q": "الرئيس السوري"}).json()
    assert api["hits"][0]["collection_label"] == "أخبار"
    assert api["facet_labels"]["collection"]["news"] == "أخبار"
    assert client.get("/api/doc/hadith-1").json()["collection_label"] == "صحيح البخاري"


def test_counts_have_thousands_separators(seeds_client):
    assert "2,001 وثيقة في الفهرس." in seeds_client.get("/").text


def test_every_notice_and_error_code_has_its_arabic():
    assert set(arabic.NOTICES) == {str(c) for c in NoticeCode}
    for code, params in [("prefix_cut", {"word": "ا*", "cap": 256}),
                         ("operator_alone", {"operator": "AND", "side": "left"}),
                         ("fuzzy_lowered", {"asked": 5, "used": 2})]:
        said = arabic.notice({"code": code, "params": params})
        assert said != arabic.GENERAL_NOTICE and re.search("[\u0621-\u064a]", said)
    assert arabic.notice({"code": "from_a_newer_seedsearch", "params": {}}) == \
        arabic.GENERAL_NOTICE


@pytest.mark.parametrize("params, message", [p for p in BAD])
def test_every_bad_parameter_is_said_in_arabic_on_the_page(client, params, message):
    page = client.get("/", params=params)
    said = alert_text(page.text).split(" | ")[0]
    assert page.status_code == 400 and said != arabic.GENERAL_ERROR
    assert re.search("[\u0621-\u064a]", said) and message not in said


def test_unknown_pages_and_methods_are_arabic_pages_and_english_json(client):
    assert "لا صفحة بهذا العنوان." in alert_text(client.get("/nothing").text)
    assert client.get("/api/nothing").json() == {"error": "no such page"}


@pytest.mark.parametrize("tracker", [{"fbclid": "IwAR3x"}, {"utm_source": "facebook",
                                                             "utm_medium": "social"}])
def test_a_shared_link_with_tracker_parameters_opens(client, tracker):
    plain = client.get("/", params={"q": "موسكو"})
    shared = client.get("/", params={"q": "موسكو", **tracker})
    assert shared.status_code == 200 and hit_ids(shared.text) == hit_ids(plain.text) != []
    assert "fbclid" not in shared.text and "utm_" not in shared.text  # not carried on
    doc = client.get("/doc/news-1", params={"q": "موسكو", **tracker})
    assert doc.status_code == 200 and "<mark>موسكو</mark>" in doc.text
    api = client.get("/api/search", params={"q": "موسكو", **tracker})
    assert api.status_code == 400 and "unknown parameter" in api.json()["error"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_prefix_or_id_gives_an_answer_never_a_500(client, text):
    """A prefix, a hit's search words or a document id of any text: 200, 400
    (an empty prefix) or 404 (no such document), with a message."""
    complete = client.get("/api/complete", params={"q": text})
    assert complete.status_code == (200 if text.strip() else 400)
    assert isinstance(complete.json().get("completions", complete.json().get("error")), (list, str))
    assert client.get("/doc/news-1", params={"q": text}).status_code == 200
    for path in ("/doc/", "/api/similar/", "/?similar="):
        assert client.get(path + quote(text, safe="")).status_code in (200, 404)
