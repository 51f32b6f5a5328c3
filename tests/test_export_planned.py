"""The index-aware translation (``translate_query(q, index=…)``) writes the
plan seedsearch makes against the index's vocabulary as explicit clauses.

Lucene runs these bodies in tests/test_export_lucene_ranking.py; here the
clauses themselves are checked, on a small index of real sentences.
"""

from __future__ import annotations

import json

import pytest

from seedsearch import Index
from seedsearch.cli.main import main
from seedsearch.export.query import translate_query
from seedsearch.export.settings import STACK
from seedsearch.export.words import MAX_CLAUSES
from seedsearch.search.ranking import DEFAULT_RANKING, bm25_idf

DOCS = [
    *({"id": f"g{i}", "text": f"قررت الحكومة اليوم خطة جديدة رقم {i}"} for i in range(6)),
    {"id": "l1", "text": "قال الوزير لحكومة الوحدة إن الخطة جاهزة"},
    *({"id": f"k{i}", "text": "قرأ الطالب الكتاب " + "كتاب " * i} for i in range(3)),
    {"id": "m1", "text": "ذهب الولد إلى المدرسة صباحا"},
    {"id": "m2", "text": "افتتحت مدرسة جديدة في المدينة"},
    {"id": "m3", "text": "المدارس مغلقة والمدرسه مفتوحة"},
    {"id": "s1", "text": "بقيت الثواني الأخيرة من المباراة"},
    {"id": "s2", "text": "ثانية واحدة متبقية على النهاية"},
]


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    path = tmp_path_factory.mktemp("planned") / "ix"
    with Index.create(path) as index:
        index.add_documents(DOCS, procs=1)
    index = Index.open(path)
    yield index
    index.close()


def clauses(q: dict, kind: str) -> list[dict]:
    """Every ``kind`` clause of the query, at any depth."""
    found = []
    if isinstance(q, dict):
        for key, value in q.items():
            if key == kind:
                found.append(value)
            found += clauses(value, kind)
    elif isinstance(q, list):
        for item in q:
            found += clauses(item, kind)
    return found


def terms(q: dict) -> set[str]:
    """The terms of every combined_fields clause (stacked ones split)."""
    return {t for c in clauses(q, "combined_fields") for t in c["query"].split(STACK)}


def test_a_word_with_a_one_letter_prefix_also_searches_its_stem_without_it(ix):
    # لحكومة: the planner reads ل + حكومة, as حكوم is far commoner here.
    q = translate_query("لحكومة", index=ix)["query"]
    assert {"لحكوم", "حكوم", "=لحكومه="} <= terms(q)  # the form, marked in the ranked field
    assert "حكوم" not in terms(translate_query("لحكومة")["query"])  # without the index


def test_a_word_s_readings_are_one_term_weighted_by_the_word_s_idf(ix):
    """لحكومة's stems (حكوم, لحكوم) and its very form are one combined_fields
    term, saturated once as seedsearch saturates them; the engine gives a
    stacked term the idf of its commonest part, so the boost scales it to
    the word's own."""
    q = translate_query("لحكومة", index=ix)["query"]
    stacked = [c for c in clauses(q, "combined_fields") if "حكوم" in c["query"].split(STACK)]
    assert len(stacked) == 1
    assert set(stacked[0]["query"].split(STACK)) == {"حكوم", "لحكوم", "=لحكومه="}
    # The word is in 7 documents, حكوم (the commonest) in 6.
    n = len(DOCS)
    assert stacked[0].get("boost", 1.0) == pytest.approx(bm25_idf(n, 7) / bm25_idf(n, 6),
                                                         rel=1e-4)


def test_a_prefix_word_writes_only_the_expansions_the_index_holds(ix):
    """The planner reads each expansion of حكو* also with or without the
    article (الحكومه and حكومه); one that no document holds (حكومه, here
    always with the article) matches nothing, and the DSL leaves it out
    instead of listing it."""
    plan, state = ix._plan_with_state("حكو*")
    fields = ("title_exact", "text_exact")

    def held(t):
        return any(state.doc_frequency(f, t) for f in fields)

    planned = {t for node in plan.root.should for ts in node.scores
               for sp in ts.spellings for t in sp.terms}
    assert "حكومه" in planned and not held("حكومه")
    written = terms(translate_query("حكو*", index=ix)["query"])
    assert written and all(held(t) for t in written)


def test_prefix_word_expansions_are_ranked_terms_not_a_constant_score_prefix(ix):
    q = translate_query("كتا*", index=ix)["query"]
    assert not clauses(q, "prefix")
    assert {"كتاب", "الكتاب"} <= terms(q)
    # All of them one term for the engine (stacked: its search analyzer puts
    # them at one position), as seedsearch sums them before saturating.
    assert any(set(c["query"].split(STACK)) >= {"كتاب", "الكتاب"}
               for c in clauses(q, "combined_fields"))
    assert all(f.endswith(".exact^2") or f.endswith(".exact^1")
               for c in clauses(q, "combined_fields") for f in c["fields"])
    assert clauses(translate_query("كتا*")["query"], "prefix")  # without the index


def test_a_fuzzy_word_keeps_the_stems_and_plural_of_the_plain_word(ix):
    q = translate_query("المدرسة~", index=ix)["query"]
    assert {"مدرس", "مدارس", "=المدرسه="} <= terms(q)
    assert not clauses(q, "fuzzy")


def test_plus_word_matches_any_of_its_readings_and_minus_word_excludes(ix):
    q = translate_query("+الثواني متبقية -المباراة", index=ix)["query"]
    must, must_not = q["bool"]["must"][0], q["bool"]["must_not"][0]
    assert {"ثواني", "ثاني", "=الثواني="} <= terms(must)  # the singular too
    assert "dis_max" in must
    assert "مبارا" in terms(must_not)
    assert [h.id for h in ix.search("+الثواني متبقية -المباراة").hits] == ["s2"]


def test_filters_and_sort_are_kept(ix):
    body = translate_query("الحكومة collection:news", index=ix, sort="newest")
    assert body["query"]["bool"]["filter"] == [{"term": {"collection": "news"}}]
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}


def test_cli_export_query_with_index_prints_the_planned_translation(ix, capsys):
    assert main(["export", "--query", "لحكومة", "--index", str(ix.path)]) == 0
    assert "حكوم" in terms(json.loads(capsys.readouterr().out)["query"])


def test_a_word_typed_without_its_hamza_seat_also_asks_for_the_seated_spelling(tmp_path):
    # seedsearch files مسؤول under مسءول and مسوول; the export under مسءول
    # only, so the translation of مسوول writes مسءول out where the index has it.
    with Index.create(tmp_path / "ix") as hamza:
        hamza.add_documents([{"id": "seated", "text": "المسؤول عن الملف"},
                             {"id": "seatless", "text": "المسوول عن القرار"},
                             {"id": "other", "text": "نص آخر عن موضوع آخر"}], procs=1)
        assert {h.id for h in hamza.search("المسوول").hits} == {"seated", "seatless"}
        written = terms(translate_query("المسوول", index=hamza)["query"])
        assert {"مسوول", "مسءول", "=المسوول=", "=المسءول="} <= written
        assert "مسءول" not in terms(translate_query("المسوول")["query"])


def test_several_plain_words_carry_the_phrase_and_word_pair_bonuses(ix):
    body = translate_query("الحكومة خطة جديدة", index=ix)

    def phrases(q):
        return [(field, p["query"], p.get("slop", 0)) for c in clauses(q, "match_phrase")
                for field, p in c.items()]

    # The phrase bonus on the word forms, marked, in the subfield whose b is
    # seedsearch's sequence_b.
    assert ("text.phrases", "=الحكومه= =خطه= =جديده=", 0) in phrases(body["query"])
    # Re-scoring the best 20 documents as seedsearch does: the engines' query
    # rescorer.  Each word is written as the forms seedsearch reads its
    # positions under, those the index holds, marked as the ranked field has
    # them: لحكومة (in l1) is one of الحكومة's.
    assert body["rescore"]["window_size"] == DEFAULT_RANKING.proximity_window == 20
    rescore = body["rescore"]["query"]["rescore_query"]
    ordered = {tuple(frozenset(part.split(STACK)) for part in p[1].split(" ")): p[2]
               for p in phrases(rescore)}
    government = frozenset({"=الحكومه=", "=لحكومه="})
    plan = frozenset({"=خطه=", "=الخطه="})
    # Consecutive words in order (the sequence bonus), the query's gap as slop.
    assert ordered == {(government, plan): 1, (plan, frozenset({"=جديده="})): 1}
    # Every pair within five words, in either order (the proximity bonus).
    near = [c["text"]["all_of"] for c in clauses(rescore, "intervals") if isinstance(c, dict)]
    assert {tuple(frozenset(m["match"]["query"].split(STACK)) for m in c["intervals"])
            for c in near} == {(government, plan), (government, frozenset({"=جديده="})),
                               (plan, frozenset({"=جديده="}))}
    assert all(c["max_gaps"] == DEFAULT_RANKING.proximity_span - 1 and c["ordered"] is False
               for c in near)
    assert {p[0] for p in phrases(rescore)} == {"text.phrases"}  # the pairs: b 1 too
    # The engines refuse a rescore beside a sort (there the bonuses could only
    # order documents of one date).
    assert "rescore" not in translate_query("الحكومة خطة جديدة", index=ix, sort="newest")


def test_a_sequence_pair_with_stop_words_between_keeps_the_query_s_distance(ix):
    """«الحكومة في ذلك خطة»: seedsearch pairs الحكومة and خطة three places
    apart (the stop words hold places).  The phrase puts them there: two
    stop words between, which the search analyzer drops keeping their
    places, and a slop of the gap less one, so that adjacent words still
    count."""
    from seedsearch.export.planned import GAP_FILLER
    from seedsearch.text.stopwords import STOP_WORDS

    rescore = translate_query("الحكومة في ذلك خطة", index=ix)["rescore"]["query"]["rescore_query"]
    (pair,) = [p for c in clauses(rescore, "match_phrase") for p in c.values()]
    parts = pair["query"].split(" ")
    assert parts[1:-1] == [GAP_FILLER, GAP_FILLER] and GAP_FILLER in STOP_WORDS
    assert "=الحكومه=" in parts[0].split(STACK) and "=خطه=" in parts[-1].split(STACK)
    assert pair["slop"] == 2


def test_word_pairs_keep_the_engines_clause_limit_with_each_word_s_most_frequent_forms(tmp_path):
    """A long pasted text pairs ten words 45 ways; every form of every word
    in every pair would pass the engines' default limit of 1024 terms in one
    query, so each word keeps its most frequent forms."""
    words = ["حكومة", "وزير", "مدرسة", "طالب", "كتاب", "مدينة", "شركة", "جامعة", "مستشفى",
             "محكمة"]
    forms = ["{}", "ال{}", "و{}", "وال{}", "ب{}", "بال{}", "ل{}", "لل{}", "{}ها", "{}هم",
             "و{}ها", "ب{}هم", "ل{}ها"]
    docs = [{"id": f"d{i}", "text": " ".join(form.format(w) for w in words)}
            for i, form in enumerate(forms)]
    with Index.create(tmp_path / "ix") as index:
        index.add_documents(docs, procs=1)
        rescore = translate_query(" ".join(words), index=index)["rescore"]
    near = [c for c in clauses(rescore, "intervals") if isinstance(c, dict)]
    texts = [m["query"] for m in clauses(rescore, "match")]
    texts += [part for p in clauses(rescore, "match_phrase")
              for part in p["text.phrases"]["query"].split(" ")]
    written = [t for text in texts for t in text.split(STACK)]
    assert len(near) == 45
    assert 900 < len(written) <= MAX_CLAUSES


def test_a_near_pair_never_lets_one_word_stand_for_both(tmp_path):
    """رسول and ورسوله both reach the form ورسوله; the engines' unordered
    intervals would let that one token be both sides of the pair and score
    it as two adjacent words, where seedsearch never pairs a position with
    itself.  The shared form stays with the first word only."""
    with Index.create(tmp_path / "ix") as index:
        index.add_documents([{"id": "one", "text": "أطيعوا الله ورسوله في كل أمر"},
                             {"id": "two", "text": "قال رسول الله صلى الله عليه وسلم"}], procs=1)
        rescore = translate_query("رسول الله ورسوله", index=index)["rescore"]
    near = [[set(m["match"]["query"].split(STACK)) for m in c["text"]["all_of"]["intervals"]]
            for c in clauses(rescore, "intervals") if isinstance(c, dict)]
    assert near and all(not first & second for first, second in near)
    assert not any("=ورسوله=" in first and second == {"=ورسوله="} for first, second in near)


def test_a_question_frame_weighs_one_occurrence_as_seedsearch_does(tmp_path):
    """seedsearch puts a question frame's 0.25 on the word's frequency, before
    saturation; an engine's boost scales the saturated score.  The frame's
    boost is the one that scores one occurrence in a document of average
    length alike: 0.25 · (k1 + 1) / (k1 + 0.25), about 0.38, not 0.25."""
    with Index.create(tmp_path / "ix") as index:
        index.add_documents([{"id": f"d{i}", "text": f"حكم صلاة المسافر في السفر رقم {i}"}
                             for i in range(3)] + [{"id": "x", "text": "نص آخر عن موضوع آخر"}],
                            procs=1)
        alone = clauses(translate_query("حكم", index=index)["query"], "combined_fields")
        framed = clauses(translate_query("ما حكم صلاة", index=index)["query"], "combined_fields")
    k1 = DEFAULT_RANKING.k1
    frame = next(c for c in framed if "=حكم=" in c["query"].split(STACK))
    assert frame["boost"] == pytest.approx(alone[0].get("boost", 1.0) * 0.25 * (k1 + 1) / (k1 + 0.25),
                                           rel=1e-4)


def test_the_phrase_bonus_weighs_by_the_documents_the_query_s_filter_leaves(tmp_path):
    """seedsearch gives the phrase bonus of خطة جديدة the idf of the matching
    documents that hold both words: with collection:news, the three news
    articles, not the three hadith that hold them too."""
    docs = [{"id": f"{c}{i}", "collection": c, "text": f"أعلنت الجهة خطة جديدة رقم {i}"}
            for c in ("news", "hadith") for i in range(3)]
    docs += [{"id": f"x{i}", "collection": "news", "text": "نص آخر عن موضوع آخر"} for i in range(4)]
    with Index.create(tmp_path / "ix") as index:
        index.add_documents(docs, procs=1)

        def bonus(query: str) -> float:
            body = translate_query(query, index=index)["query"]
            return next(p["text.phrases"]["boost"] for p in clauses(body, "match_phrase")
                        if "text.phrases" in p)
        n = len(docs)
        assert bonus("خطة جديدة collection:news") / bonus("خطة جديدة") == \
            pytest.approx(bm25_idf(n, 3) / bm25_idf(n, 6), rel=1e-4)


def test_a_seatless_word_brings_in_the_hamza_on_the_line_only_where_its_seat_is_in_the_index(tmp_path):
    """مسيول is seedsearch's seatless spelling of مسئول (ئ), never of مسؤول
    (ؤ, filed as مسوول); the export files both seats on the line (مسءول),
    so it asks for that spelling only where the index holds the ئ word."""
    def written(text: str) -> set[str]:
        with Index.create(tmp_path / text) as index:
            index.add_documents([{"id": "a", "text": text},
                                 {"id": "b", "text": "نص آخر عن موضوع آخر"}], procs=1)
            assert bool(index.search("المسيول").hits) == ("ئ" in text)
            return terms(translate_query("المسيول", index=index)["query"])

    assert "مسءول" in written("المسئول عن الملف")
    assert "مسءول" not in written("المسؤول عن الملف")


def test_a_quoted_phrase_weighs_as_seedsearch_s_one_phrase_idf(ix):
    """seedsearch scores «خطة جديدة» with the idf of the six documents holding
    it; the engine would add its two words' idfs, so the boost carries the
    ratio."""
    phrase = clauses(translate_query('"خطة جديدة"', index=ix)["query"], "match_phrase")
    text = next(p["text.exact"] for p in phrase if "text.exact" in p)
    n = len(DOCS)
    # خطه in six documents, جديده in seven (m2): each as the engine counts them.
    assert text["boost"] == pytest.approx(bm25_idf(n, 6) / (bm25_idf(n, 6) + bm25_idf(n, 7)), rel=1e-4)


def test_cross_fields_for_older_engines_carries_the_same_terms(ix):
    q = translate_query("كتا*", index=ix, combined=False)["query"]
    assert not clauses(q, "combined_fields")
    written = {t for c in clauses(q, "multi_match") for t in c["query"].split(STACK)}
    assert {"كتاب", "الكتاب"} <= written
    assert all(c["type"] == "cross_fields" for c in clauses(q, "multi_match"))


def test_a_title_word_is_weighted_by_the_idf_among_titled_documents(tmp_path):
    """title:زيتون: the engine counts a title-only clause's idf among the
    documents that have a title (2 of 4 here), seedsearch among all; the
    boost carries the difference, so the word weighs as seedsearch weighs it."""
    docs = [{"id": "a", "title": "زيتون فلسطين", "text": "قطف الثمار في الخريف"},
            {"id": "b", "title": "", "text": "زيتون القرية"},
            {"id": "c", "title": "", "text": "حصاد القمح"},
            {"id": "d", "title": "موسم العنب", "text": "بدأ الموسم"}]
    with Index.create(tmp_path / "ix") as titled:
        titled.add_documents(docs, procs=1)
        q = translate_query("title:زيتون", index=titled)["query"]
    (clause,) = clauses(q, "combined_fields")
    assert clause["fields"] == ["title^2"]
    assert clause["boost"] == pytest.approx(bm25_idf(4, 1) / bm25_idf(2, 1), rel=1e-4)
