"""ix.document(id, query): one stored document as a hit whose highlights
mark, in the whole text as written, the words a query matched there (the
reader's page of a hit)."""

from __future__ import annotations

from seedsearch import Index


def test_the_whole_vowelled_text_with_the_matched_words_marked(seeds_index):
    hit = seeds_index.document("bukhari:13", "يحب لأخيه")
    text = hit["text"]
    whole = hit.highlight("text", tag="mark", size=len(text))
    assert "<mark>يُحِبَّ</mark> <mark>لأَخِيهِ</mark>" in whole
    assert whole.startswith("حَدَّثَنَا مُسَدَّدٌ") and not whole.endswith("…")
    assert (hit.id, hit.rank, hit.score) == ("bukhari:13", 0, 0.0)


def test_without_a_query_nothing_is_marked_and_the_text_is_escaped(tmp_path):
    with Index.create(tmp_path / "ix", labels={"collection": {"news": "أخبار"}}) as ix:
        ix.add_documents([{"id": "x", "title": "تحذير", "collection": "news",
                           "text": "تحذير من <script>alert(1)</script> في موسكو"}])
        hit = ix.document("x")
        assert hit.spans() == [] and hit.label("collection") == "أخبار"
        assert "&lt;script&gt;" in hit.highlight("text", size=1000)
        text = hit["text"]
        assert ix.document("x", "موسكو").spans() == [(text.index("موسكو"), len(text))]


def test_an_unknown_document_is_none(small_index):
    assert small_index.document("لا-يوجد", "موسكو") is None
