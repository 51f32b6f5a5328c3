"""The exported index, searched in real Lucene with translated queries,
returns what seedsearch returns.

The demo hadith (``../shared/demo``) and ``tests/fixtures/fixture_docs.jsonl``
(news with dates, collections) are indexed by seedsearch and exported;
``benchmarks/lucene/SearchDsl.java`` builds a Lucene 8 index from the
export's settings.json and bulk files and runs each translated query
through an interpreter of the query DSL that rejects any construct it
does not know (:mod:`benchmarks.lucene.dsl`).  Queries of every kind, drawn
from the corpus with a fixed seed, are translated with the index
(``translate_query(q, index=ix)``) and compared with ``ix.search``: the
overlap of the top 10 and agreement on the first hit, per kind.

Skipped, with the reason, without java/javac, the Lucene 8 jars or the demo.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter

import pytest
from conftest import ROOT, shared_path

from benchmarks.devsets import bare
from benchmarks.export import agreement, build_pair
from benchmarks.lucene import dsl
from seedsearch.export.query import translate_query

#: Compiles and runs Java: slow; `pytest -m 'not slow'` leaves it out, CI runs it.
pytestmark = pytest.mark.slow

SEED = 24
PER_KIND = 100
#: Top-10 overlap, as measured (2026-12-05, the last run: plain 0.965,
#: question 0.960, prefix 0.955, fuzzy 0.936, must/not 0.962, field 0.976,
#: sort 0.954) less a margin; the issue's bars are 0.9 for plain and
#: question queries and 0.85 for prefix and fuzzy words.
MIN_OVERLAP = {"plain": 0.95, "question": 0.93, "prefix": 0.92, "fuzzy": 0.9}
OTHER_OVERLAP = 0.91
#: Top-1 agreement as measured (the last run: plain 0.95, question 0.93,
#: prefix 0.85, fuzzy 0.82, must/not 0.87, field 0.93, sort 0.89), less a
#: margin: question queries stay below the issue's 0.95.  Nearly all the
#: rest are near ties (the other engine's first hit scores within 2% of
#: seedsearch's first there: plain 1.00, question 0.99) among the demo's
#: many hadith told twice, which Lucene's one-byte lengths can order the
#: other way.
MIN_TOP1 = {"plain": 0.92, "question": 0.88, "prefix": 0.83, "fuzzy": 0.8}
OTHER_TOP1 = 0.8
ARABIC = re.compile(r"[\u0621-\u064a]{4,}")
#: The largest share of the documents a drawn word may be held by.
MAX_SHARE = 0.05
QUESTION_FRAMES = ("ما حكم", "هل يجوز", "من هو", "متى كان", "لماذا")


def content_words(doc: dict) -> list[str]:
    return [w for w in (bare(t) for t in doc["text"].split()) if ARABIC.fullmatch(w)]


def make_queries(docs: list[dict]) -> list[tuple[str, str, str]]:
    """(kind, query, sort) of every kind, PER_KIND each, from ``docs``.

    Words are drawn among those held by 2 documents to :data:`MAX_SHARE`
    of them: a word in most documents (الله, حدثنا in the hadith) scores
    nearly alike everywhere, and which ten of a thousand ties come first
    says nothing about either engine.
    """
    rng = random.Random(SEED)
    texts = [ws for ws in map(content_words, docs) if len(ws) >= 6]
    held = Counter(w for ws in texts for w in set(ws))
    useful = {w for w, n in held.items() if 2 <= n <= MAX_SHARE * len(docs)}
    texts = [ws for ws in texts if sum(w in useful for w in ws) >= 6]
    out = []

    def word() -> str:
        return rng.choice([w for w in rng.choice(texts) if w in useful])

    def run(n: int) -> str:
        ws = rng.choice(texts)
        at = rng.choice([i for i in range(len(ws) - n) if ws[i] in useful])
        return " ".join(ws[at:at + n])

    for _ in range(PER_KIND):
        out += [
            ("plain", word() if rng.random() < 0.5 else run(rng.choice((2, 3))), "relevance"),
            ("question", f"{rng.choice(QUESTION_FRAMES)} {run(rng.choice((1, 2)))}", "relevance"),
            ("phrase", f"«{run(2)}»", "relevance"),
            ("prefix", word()[:rng.choice((3, 4))] + "*", "relevance"),
            ("fuzzy", word() + "~", "relevance"),
            ("must/not", f"+{word()} -{word()}" if rng.random() < 0.5 else f"+{word()} {word()}",
             "relevance"),
            ("field", f"title:{rng.choice(('البخاري', 'مسلم'))} {word()}" if rng.random() < 0.5
             else f"text:{word()} collection:muslim", "relevance"),
            ("sort", word(), rng.choice(("newest", "oldest"))),
        ]
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The demo hadith and the fixture news, indexed by seedsearch and
    exported, with the queries drawn from them."""
    reason = dsl.why_not()
    if reason:
        pytest.skip(reason)
    demo = shared_path("demo", "hadith_pd_sample_2000.jsonl")
    docs = [json.loads(line) for line in demo.read_text(encoding="utf-8").splitlines()]
    fixture = ROOT / "tests" / "fixtures" / "fixture_docs.jsonl"
    docs += [json.loads(line) for line in fixture.read_text(encoding="utf-8").splitlines()]
    work = tmp_path_factory.mktemp("lucene-ranking")
    ix, export = build_pair(docs, work)
    yield ix, export, work, make_queries(docs)
    ix.close()


@pytest.fixture(scope="module", params=["Lucene 8.7", "Lucene 9"])
def pair(built, request):
    """The export built and searched in Debian's Lucene 8.7 (combined_fields
    as CombinedFields.java), and in Lucene 9 when its jar is here (Lucene's
    own CombinedFieldQuery: what Elasticsearch 8 and OpenSearch 3 run)."""
    ix, export, work, queries = built
    lucene9 = request.param == "Lucene 9"
    reason = dsl.why_not(lucene9=lucene9)
    if reason:
        pytest.skip(reason)
    with dsl.LuceneDsl(export, work / request.param.replace(" ", ""), lucene9=lucene9) as lucene:
        yield ix, lucene, queries, request.param


def report(title: str, rows: dict) -> None:
    print(f"\n{title}")
    for kind, r in rows.items():
        print(f"  {kind:9} {r['queries']:3} queries: top-10 overlap {r['overlap']:.3f}, "
              f"top-1 {r['top1']:.3f} (or within 2% of it in seedsearch: "
              f"{r['top1_near']:.3f}), rejected {r['rejected']}")


def test_translated_queries_of_every_kind_find_in_lucene_what_seedsearch_finds(pair, capsys):
    ix, lucene, queries, version = pair
    after = agreement(ix, lucene, queries, index_aware=True)
    before = agreement(ix, lucene, queries, index_aware=False)
    with capsys.disabled():
        report(f"exported queries in {version} against seedsearch, with --index:", after)
        report("without --index:", before)
    for kind, r in after.items():
        assert r["rejected"] == 0, (kind, r.get("reasons"))
        assert r["overlap"] >= MIN_OVERLAP.get(kind, OTHER_OVERLAP), (kind, r)
        assert r["top1"] >= MIN_TOP1.get(kind, OTHER_TOP1), (kind, r)
        # The index is what makes the difference: never worse without it.
        assert r["overlap"] >= before[kind]["overlap"], (kind, r, before[kind])


def test_interpreter_rejects_a_construct_it_does_not_know(pair):
    _, lucene, _, _ = pair
    with pytest.raises(dsl.Rejected, match="query type"):
        lucene.search({"query": {"span_term": {"text": "صلاه"}}})
    with pytest.raises(dsl.Rejected, match="intervals rule"):
        lucene.search({"query": {"intervals": {"text": {"wildcard": {"pattern": "صلا*"}}}}})
    # The engines' any_of takes no max_gaps; the export writes one-position rules only.
    with pytest.raises(dsl.Rejected, match="unknown key max_gaps"):
        lucene.search({"query": {"intervals": {"text": {"any_of": {
            "intervals": [{"match": {"query": "صلاة"}}], "max_gaps": 2}}}}})
    with pytest.raises(dsl.Rejected, match="several positions"):
        lucene.search({"query": {"intervals": {"text": {"match": {"query": "صلاة الفجر"}}}}})
    with pytest.raises(dsl.Rejected, match="unknown key operator"):
        lucene.search({"query": {"combined_fields": {"query": "صلاة", "fields": ["text"],
                                                     "operator": "and"}}})
    with pytest.raises(dsl.Rejected, match="rescore with sort"):
        lucene.search({"query": {"match": {"text": "صلاة"}}, "sort": ["_score"],
                       "rescore": {"window_size": 5, "query": {
                           "rescore_query": {"match": {"text": "الفجر"}}}}})


def test_rescore_moves_only_the_documents_of_its_window(pair):
    """The engines' query rescorer re-scores the first pass's best
    window_size hits; a document below the window keeps its place however
    well it matches the second query (seedsearch's proximity bonus likewise
    re-scores only its best 20)."""
    _, lucene, _, _ = pair
    first = {"match": {"text": "الصلاة"}}
    plain = lucene.search({"query": first}, 30)
    inside, outside = plain[5], plain[20]
    body = {"query": first, "rescore": {"window_size": 10, "query": {
        "rescore_query": {"terms": {"id": [inside, outside]}}, "rescore_query_weight": 100}}}
    got = lucene.search(body, 30)
    assert got[0] == inside
    assert got[10:] == plain[10:] and got.index(outside) == 20


def test_a_word_typed_without_its_hamza_seat_finds_the_seated_one_in_lucene(pair):
    # news/1 of the fixture writes المسؤولية; seedsearch finds it for مسوولية.
    ix, lucene, _, _ = pair
    assert [h.id for h in ix.search("مسوولية").hits] == ["news/1"]
    found = lucene.search(translate_query("مسوولية", index=ix))
    assert lucene.search(translate_query("مسوولية")) == []
    # The export files ؤ and ئ alike (ء): news/2's مسئولية comes too, which
    # seedsearch leaves out (its seatless spelling is مسيولية).
    assert found == ["news/2", "news/1"]


@pytest.fixture(scope="module", params=["Lucene 8.7", "Lucene 9"])
def tiny(tmp_path_factory, request):
    """Four short documents, exported and searched in Lucene."""
    lucene9 = request.param == "Lucene 9"
    reason = dsl.why_not(lucene9=lucene9)
    if reason:
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("tiny")
    ix, export = build_pair([
        {"id": "near", "text": "صلاة الفجر في المسجد"},
        {"id": "apart", "text": "صلاة ثم الفجر في المسجد"},
        {"id": "adjacent", "text": "صلاة الفجر ثم في المسجد"},
        {"id": "reversed", "text": "الفجر صلاة في المسجد"},
        {"id": "long", "text": "صلاة الفجر " + "في المسجد " * 40},
        {"id": "far", "text": "صلاة يؤديها المسلم في المسجد قبل الفجر"},
        {"id": "bare", "text": "لهم عذابا شديدا"},
        {"id": "vowelled", "text": "لَهُمْ عَذَابًا شَدِيدًا"},
    ], work)
    with dsl.LuceneDsl(export, work / "lucene", lucene9=lucene9) as lucene:
        yield ix, lucene
    ix.close()


def test_intervals_score_pairs_by_distance_either_order_without_idf_or_length(tiny):
    """The export's proximity pairs rest on how the engines score an
    intervals query (Lucene's IntervalQuery): the sum of 1/distance over the
    pair's occurrences, f, scores boost * f / (1 + f), in either order, with
    no idf and no length norm (the 80-word document scores as the 4-word
    one), as seedsearch's proximity bonus has neither; five words apart is
    past max_gaps 4."""
    body = {"query": {"intervals": {"text": {"all_of": {
        "intervals": [{"match": {"query": "=صلاه="}}, {"match": {"query": "=الفجر="}}],
        "max_gaps": 4, "ordered": False}, "boost": 3.0}}}}
    scores = dict(tiny[1].scored(body, 10))
    assert scores == pytest.approx({"near": 1.5, "reversed": 1.5, "long": 1.5, "apart": 1.0,
                                    "adjacent": 1.5})


def test_a_sequence_pair_counts_one_at_the_query_s_distance_and_never_reversed(tiny):
    """seedsearch counts a sequence pair once wherever the second word
    follows the first within the query's distance.  The export's phrase
    puts the two words at the query's positions (صلاة ثم الفجر: two apart,
    the stop word between dropped by the search analyzer, keeping its
    place): there the engine counts 1, as an adjacent pair counts 1 in an
    adjacent phrase (the two documents hold the same five words); nearer it
    counts less, and a reversed pair not at all."""
    from seedsearch.export.planned import sequence_phrase

    def phrase(gap):
        body = {"match_phrase": {"text.phrases": sequence_phrase(["=صلاه="], ["=الفجر="], gap, 1.0)}}
        return dict(tiny[1].scored({"query": body}, 10))

    two_apart, adjacent = phrase(2), phrase(1)
    assert two_apart["apart"] == pytest.approx(adjacent["adjacent"])
    assert two_apart["adjacent"] < two_apart["apart"]
    assert "reversed" not in two_apart and "far" not in two_apart


def test_a_bare_accusative_finds_the_vowelled_one_as_it_finds_itself(tiny):
    """شديدا typed bare keeps its alef (it may be the word's own: دنيا), so
    its stem is شديدا; the vowelled شَدِيدًا is stemmed شديد.  seedsearch reads
    a stem from the forms where they coincide, so both documents hold شديدا
    as stem and form and score alike; the exported index files the vowelled
    word's form unmarked too, so the engines count it twice as well.  That
    third token lengthens the document for the engine (8 tokens to the bare
    one's 6 here, a three-word text): within 5%, where counting the form
    alone left it 17% below."""
    ix, lucene = tiny
    ours = {h.id: h.score for h in ix.search("شديدا").hits}
    assert set(ours) == {"bare", "vowelled"} and ours["bare"] == pytest.approx(ours["vowelled"])
    theirs = dict(lucene.scored(translate_query("شديدا", index=ix), 10))
    assert set(theirs) == {"bare", "vowelled"}
    assert 0.95 < theirs["vowelled"] / theirs["bare"] <= 1
