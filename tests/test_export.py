"""seedsearch export: settings.json, bulk files, query translation, the CLI."""

from __future__ import annotations

import json
import re

import pytest
from conftest import SMALL_CORPUS

from seedsearch import ExportError, Index, IndexNotFoundError
from seedsearch.cli.main import main
from seedsearch.export.bulk import bulk_document, export_index, write_bulk
from seedsearch.export.mappings import DEPENDENCE, SIMILARITY, index_settings
from seedsearch.export.query import translate_query
from seedsearch.export.settings import (
    EXACT,
    EXACT_SEARCH,
    MARKED_FORMS,
    RANKED,
    RANKED_INDEX,
    RANKED_SEARCH,
)

#: Components of stock OpenSearch/Elasticsearch that are one-to-one Lucene
#: analysis factories (the issue's list).
ALLOWED_TOKENIZERS = {"standard", "whitespace", "pattern"}
ALLOWED_CHAR_FILTERS = {"mapping", "pattern_replace"}
ALLOWED_FILTERS = {"lowercase", "decimal_digit", "arabic_normalization", "persian_normalization",
                   "pattern_replace", "stop", "stemmer", "keyword_marker", "stemmer_override",
                   "length", "unique", "trim", "pattern_capture"}


@pytest.fixture
def index_path(tmp_path):
    path = tmp_path / "ix"
    with Index.create(path) as ix:
        ix.add_documents(SMALL_CORPUS + [{"id": "x-1", "text": "نص", "source": "وكالة",
                                          "rank": 3, "date": "2024-05-10T08:30:00"}], procs=1)
    return path


# -- settings.json ------------------------------------------------------------------
def test_settings_use_only_stock_components():
    settings = index_settings()
    analysis = settings["settings"]["analysis"]
    assert set(analysis["analyzer"]) == {RANKED, RANKED_INDEX, EXACT, RANKED_SEARCH, EXACT_SEARCH,
                                         MARKED_FORMS}
    for spec in analysis["char_filter"].values():
        assert spec["type"] in ALLOWED_CHAR_FILTERS
    for spec in analysis["tokenizer"].values():
        assert spec["type"] in ALLOWED_TOKENIZERS
    for spec in analysis["filter"].values():
        assert spec["type"] in ALLOWED_FILTERS
    for analyzer in analysis["analyzer"].values():
        assert analyzer["type"] == "custom"
        for name in analyzer["filter"]:
            assert name in analysis["filter"] or name in ALLOWED_FILTERS
        for name in analyzer["char_filter"]:
            assert name in analysis["char_filter"]
        assert analyzer["tokenizer"] in analysis["tokenizer"]


def test_mappings_have_ranked_fields_with_exact_and_phrases_subfields():
    """.phrases holds the marked forms again, for the phrase bonus and the
    word pairs in order, under a similarity of its own: b is seedsearch's
    sequence_b (1), where the fields' is 0.75."""
    from seedsearch.search.ranking import DEFAULT_RANKING

    props = index_settings()["mappings"]["properties"]
    for name in ("title", "text"):
        assert props[name]["analyzer"] == RANKED_INDEX  # the stems and the marked forms
        assert props[name]["fields"]["exact"]["analyzer"] == EXACT
        phrases = props[name]["fields"]["phrases"]
        assert (phrases["analyzer"], phrases["search_analyzer"]) == (MARKED_FORMS, RANKED_SEARCH)
        assert SIMILARITY[phrases["similarity"]]["b"] == DEFAULT_RANKING.sequence_b == 1.0
        assert "similarity" not in props[name]  # combined_fields takes only the default
    assert props["id"]["type"] == props["collection"]["type"] == props["category"]["type"] \
        == "keyword"
    assert props["date"]["type"] == "date"
    assert index_settings()["mappings"]["dynamic"] is False  # other keys: _source only


def test_similarity_counts_both_tokens_of_every_word_with_seedsearch_k1_and_b():
    """A ranked field holds two tokens at each word (its stem, or · for a
    stop word, and its marked form); the engines' average length counts
    both, so a document's length must too (discount_overlaps off), and
    combined_fields takes only the index's default similarity."""
    from seedsearch.search.ranking import DEFAULT_RANKING

    index = index_settings()["settings"]["index"]
    assert index == {"similarity": SIMILARITY} and set(SIMILARITY) == {"default", DEPENDENCE}
    assert SIMILARITY["default"] == {"type": "BM25", "k1": 1.2, "b": 0.75,
                                     "discount_overlaps": False}
    assert (DEFAULT_RANKING.k1, DEFAULT_RANKING.b_of("text")) == (1.2, 0.75)


def test_stop_list_and_stem_rules_are_generated_from_seedsearch_tables():
    from seedsearch.text.stem import ARTICLE_PREFIXES, PRONOUN_SUFFIXES
    from seedsearch.text.stopwords import STOP_WORDS

    filters = index_settings()["settings"]["analysis"]["filter"]
    stops = set(filters["seedsearch_stop"]["stopwords"])
    assert STOP_WORDS <= stops and "إلي" in stops and "وهذة" in stops  # أ and ة kept
    for prefix, _keep in ARTICLE_PREFIXES:
        assert prefix in filters["seedsearch_article"]["pattern"]
    for suffix, _keep in PRONOUN_SUFFIXES:
        assert suffix in filters["seedsearch_pronoun"]["pattern"]


def _java_replace_all(spec: dict, token: str) -> str:
    """A pattern_replace filter (``all``) applied as Java applies it: ``$n``
    of an unmatched group is empty."""
    def replacement(m: re.Match) -> str:
        return re.sub(r"\$(\d)", lambda g: m.group(int(g.group(1))) or "", spec["replacement"])
    return re.sub(spec["pattern"], replacement, token)


def test_exported_stemmer_filters_read_at_before_a_pronoun_as_the_stemmer_does():
    """The construct rule's exception (a plural's ات: حكوماتهم, قواتها; a
    listed noun in اة keeps the ة: مباراتهم, بحياته, after up to two
    prefixes) is a Java regex in the exported filters, and so is the article
    guard of وكالاتها; run with Python's re on every listed noun and a dozen
    plurals, with prefixes and pronouns, they stem every word as seedsearch
    does."""
    from seedsearch.text.normalize import prenormalize
    from seedsearch.text.stem import PRONOUN_SUFFIXES, SINGULARS_IN_ALEF_TEH, stem_prenormalized

    analysis = index_settings()["settings"]["analysis"]
    names = analysis["analyzer"][RANKED]["filter"]
    chain = [analysis["filter"][n] for n in names[names.index("seedsearch_guard_1"):]]
    assert all(f["type"] == "pattern_replace" for f in chain)
    bases = [w[:-1] + "ت" for w in SINGULARS_IN_ALEF_TEH]
    bases += ["حكومات", "سيارات", "قوات", "آيات", "بنات", "كلمات", "ولايات", "وحدات", "مستويات",
              "صلوات", "ذات", "سياست", "مدرست", "بيوت", "وقت", "تصويت", "كالات", "كالت"]
    words = [prefix + base + pronoun for base in bases for prefix in ("", "و", "ب", "فب", "وك")
             for pronoun, _ in PRONOUN_SUFFIXES]
    hamza = chain[-1]
    differ = []
    for word in map(prenormalize, words):
        got = word
        for spec in chain:
            got = _java_replace_all(spec, got)
        if got != _java_replace_all(hamza, stem_prenormalized(word)):
            differ.append(word)
    assert len(words) > 1500 and not differ, differ[:20]


# -- bulk files -------------------------------------------------------------------------
def _pairs(files):
    out = []
    for path in files:
        data = path.read_bytes()
        assert data.endswith(b"\n")
        lines = data.decode("utf-8").split("\n")[:-1]
        assert len(lines) % 2 == 0
        for action, doc in zip(lines[::2], lines[1::2]):
            out.append((json.loads(action), json.loads(doc)))
    return out


def test_export_writes_action_document_pairs(index_path, tmp_path):
    out = tmp_path / "out"
    summary = export_index(index_path, out, name="news")
    assert summary.documents == len(SMALL_CORPUS) + 1
    assert json.loads((out / "settings.json").read_text(encoding="utf-8")) == index_settings()
    pairs = _pairs(summary.files)
    assert [p.name for p in summary.files] == ["bulk-00001.ndjson"]
    by_id = {doc["id"]: (action, doc) for action, doc in pairs}
    action, doc = by_id["news-1"]
    assert action == {"index": {"_index": "news", "_id": "news-1"}}
    roots = {k: doc.pop(k) for k in ("title_roots", "text_roots")}
    assert doc == SMALL_CORPUS[0]
    assert roots["text_roots"].split()[:2] == ["رءس", "سور"]  # الرئيس السوري
    other = by_id["x-1"][1]
    other.pop("text_roots")
    assert other == {"id": "x-1", "text": "نص", "source": "وكالة", "rank": 3,
                     "date": "2024-05-10T08:30:00"}


def test_bulk_documents_carry_the_roots_of_their_words_in_fields_of_their_own():
    """Each text field's words as their roots (roots_of of the word as
    written), space-separated, one a word, for root: on the engine; a name
    or a particle adds none."""
    doc = bulk_document({"id": "a", "title": "الصيام", "text": "قال إنهم يكتبون في موسكو"})
    assert doc["title_roots"] == "صوم"
    assert doc["text_roots"] == "قول كتب"
    assert "text_roots" not in bulk_document({"id": "b", "title": "عنوان"})


def test_bulk_files_respect_the_size_limit(index_path, tmp_path):
    out = tmp_path / "out"
    summary = export_index(index_path, out, max_bytes=700)
    assert len(summary.files) > 3
    for path in summary.files:
        size = path.stat().st_size
        assert size <= 700 or len(_pairs([path])) == 1  # a larger pair gets its own file
    assert len(_pairs(summary.files)) == len(SMALL_CORPUS) + 1
    assert [p.name for p in summary.files][:2] == ["bulk-00001.ndjson", "bulk-00002.ndjson"]
    # A second, smaller export leaves no file of the first one behind.
    summary = export_index(index_path, out)
    assert sorted(p.name for p in out.glob("bulk-*")) == ["bulk-00001.ndjson"]


def test_write_bulk_streams_any_iterable(tmp_path):
    docs = ({"id": f"d{i}", "text": "نص\nبسطر ثان"} for i in range(50))
    summary = write_bulk(docs, tmp_path, max_bytes=1000)
    pairs = _pairs(summary.files)
    assert len(pairs) == 50 and pairs[0][1]["text"] == "نص\nبسطر ثان"
    assert not list(tmp_path.glob("*.part"))


def test_bulk_document_writes_iso_dates():
    assert bulk_document({"id": "a", "date": "2026-01-28"})["date"] == "2026-01-28"
    assert bulk_document({"id": "a", "date": "2026-01-28 10:30"})["date"] == "2026-01-28T10:30:00"


def test_iter_documents_skips_deleted(index_path):
    with Index.open(index_path) as ix:
        ix.delete_documents(["news-2"])
        ids = [d["id"] for d in ix.iter_documents()]
    assert len(ids) == len(SMALL_CORPUS) and "news-2" not in ids


def test_export_errors_are_seedsearch_errors(index_path, tmp_path):
    with pytest.raises(IndexNotFoundError):
        export_index(tmp_path / "missing", tmp_path / "out")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(ExportError):
        export_index(index_path, a_file)


#: Names both engines refuse, each with the rule it breaks.
BAD_NAMES = [
    ("News Arabic", "lowercase only"), ("News", "lowercase only"),
    ("news arabic", "no spaces"), ("news\tarabic", "no spaces"),
    ("-news", "must not start with -, _ or +"), ("_news", "must not start with -, _ or +"),
    ("+news", "must not start with -, _ or +"), (".", "must not be . or .."),
    ("..", "must not be . or .."), ("", "must not be empty"),
    *[(f"news{c}ar", f"must not hold {c!r}") for c in '\\/*?"<>|,#:'],
    ("أخبار" * 26, "at most 255 bytes (this one has 260)"),
]


@pytest.mark.parametrize("name, rule", BAD_NAMES)
def test_an_index_name_the_engines_refuse_is_an_export_error_naming_the_rule(index_path, tmp_path,
                                                                            name, rule):
    with pytest.raises(ExportError, match=f"index name {re.escape(repr(name))}: .*"
                                          f"{re.escape(rule)}"):
        export_index(index_path, tmp_path / "out", name=name)
    assert not (tmp_path / "out").exists()  # refused before anything is written


def test_an_arabic_index_name_is_lowercase_and_taken_a_capital_one_is_not(index_path, tmp_path):
    with pytest.raises(ExportError, match="lowercase only; OpenSearch and Elasticsearch refuse "
                                          "it \\(e.g. 'news-arabic'\\)"):
        export_index(index_path, tmp_path / "refused", name="News Arabic")
    summary = export_index(index_path, tmp_path / "out", name="أخبار-2026")
    first = summary.files[0].read_text(encoding="utf-8").splitlines()[0]
    assert json.loads(first)["index"]["_index"] == "أخبار-2026"


# -- the CLI ----------------------------------------------------------------------------
def test_cli_export_name_with_a_space_is_one_line_exit_2_and_writes_nothing(index_path, tmp_path,
                                                                           capsys):
    out = tmp_path / "out"
    assert main(["export", "--index", str(index_path), "--out", str(out), "--name",
                 "News Arabic", "--quiet"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "index name 'News Arabic': lowercase only" in err[0]
    assert not out.exists()


@pytest.mark.parametrize("args, message", [
    (["export", "--query", "الرئيس", "--out", "{tmp}/out"],
     "--out cannot go with --query (a query is translated to stdout, no files are written)"),
    (["export", "--query", "الرئيس", "--name", "news"], "--name cannot go with --query"),
    (["export", "--query", "الرئيس", "--max-mb", "5"], "--max-mb cannot go with --query"),
    (["export", "--out", "{tmp}/out", "--cross-fields"], "--cross-fields needs --query"),
    (["search", "الرئيس", "--explain", "--json"], "--json cannot go with --explain"),
], ids=["query-out", "query-name", "query-max-mb", "cross-fields-alone",
        "explain-json"])
def test_contradictory_options_are_a_usage_error_on_one_line(tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as exit_:
        main([a.format(tmp=tmp_path) for a in args])
    assert exit_.value.code == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and message in err[0] and err[0].startswith("seedsearch: error:")
    assert not (tmp_path / "out").exists()


def test_cli_export(index_path, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", "--index", str(index_path), "--out", str(out), "--name", "n",
                 "--quiet"]) == 0
    assert "exported 10 documents" in capsys.readouterr().out
    assert (out / "settings.json").exists() and (out / "bulk-00001.ndjson").exists()


@pytest.mark.parametrize("bad", ["index", "out", "no-out"])
def test_cli_export_user_errors_exit_2_with_one_line(index_path, tmp_path, capsys, bad):
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    args = {"index": ["--index", str(tmp_path / "missing"), "--out", str(tmp_path / "o")],
            "out": ["--index", str(index_path), "--out", str(a_file)],
            "no-out": ["--index", str(index_path)]}[bad]
    assert main(["export", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("seedsearch: error:") and err.count("\n") == 1


def test_cli_export_query_prints_json(capsys):
    assert main(["export", "--query", "«الجيش السوري»"]) == 0
    assert json.loads(capsys.readouterr().out) == translate_query("«الجيش السوري»")


def test_cli_export_query_may_begin_with_a_minus(capsys):
    """export --query -روسيا: argparse took -روسيا for an option and
    stopped with "expected one argument"; it is the query."""
    assert main(["export", "--query", "-روسيا", "--sort", "newest"]) == 0
    assert json.loads(capsys.readouterr().out) == translate_query("-روسيا", sort="newest")


# -- query translation --------------------------------------------------------------------
def _find(tree, key):
    """Every value under ``key`` anywhere in a DSL tree."""
    if isinstance(tree, dict):
        for k, v in tree.items():
            if k == key:
                yield v
            yield from _find(v, key)
    elif isinstance(tree, list):
        for v in tree:
            yield from _find(v, key)


def test_plain_words_are_one_bm25f_term_over_the_fields_with_seedsearch_weights():
    """A word is one combined_fields query (BM25F, as seedsearch scores it)
    over title^2 and text of the word, which the engine stems, and its
    normalized form between marks (the ranked fields file it beside the
    stem): the word as typed counts twice under one saturation, as
    seedsearch's exact_bonus 1 counts it."""
    q = translate_query("الرئيس السوري")["query"]
    combined = list(_find(q, "combined_fields"))
    assert {c["query"] for c in combined} == {"الرئيس|=الرءيس=", "السوري|=السوري="}
    assert all(c["fields"] == ["title^2", "text^1"] for c in combined)
    assert not list(_find(q, "match"))
    phrases = list(_find(q, "match_phrase"))  # the whole query as a bonus phrase
    assert {"text.exact": {"query": "الرئيس السوري", "boost": 2.0}} in phrases
    assert q["bool"]["minimum_should_match"] == 1


def test_a_question_s_bonus_phrase_is_its_content_words():
    """«ما حكم صيام يوم الجمعة»: the bonus phrase is «صيام يوم الجمعة», as
    seedsearch's planner reads a question, not the question no text holds."""
    q = translate_query("ما حكم صيام يوم الجمعة")["query"]
    phrases = [p["text.exact"]["query"] for p in _find(q, "match_phrase") if "text.exact" in p]
    assert phrases == ["صيام يوم الجمعة"]


def test_phrase_goes_to_exact_subfields():
    q = translate_query("«الجيش السوري»")["query"]
    phrases = list(_find(q, "match_phrase"))
    assert {"title.exact": {"query": "الجيش السوري", "boost": 2.0}} in phrases
    assert {"text.exact": {"query": "الجيش السوري", "boost": 1.0}} in phrases
    assert not list(_find(q, "match"))


def test_a_phrase_quoted_in_a_longer_query_also_asks_for_its_words():
    """As seedsearch plans it: «"إلا حميما وغساقا" قال ابن عباس» asks for the
    phrase and for حميما and وغساقا as words (the stop word إلا is none);
    the phrase quoted alone, or beside an excluded word, asks for the phrase
    only."""
    def words(query):
        return {t for c in _find(translate_query(query)["query"], "combined_fields")
                for t in c["query"].split("|") if not t.startswith("=")}
    assert {"حميما", "وغساقا"} <= words('"إلا حميما وغساقا" قال ابن عباس')
    assert not words('"إلا حميما وغساقا"')
    assert not words('"إلا حميما وغساقا" -الزمهرير') - {"زمهرير", "الزمهرير"}


def test_prefix_is_normalized_to_the_exported_spelling():
    q = translate_query("مسؤول*")["query"]
    values = {v["value"] for p in _find(q, "prefix") for v in p.values()}
    assert values == {"مسءول"}  # the hamza seat as settings.json indexes it


def test_fuzzy_keeps_distance_and_first_letter():
    q = translate_query("الصلاه~")["query"]
    fuzzy = [v for f in _find(q, "fuzzy") for v in f.values()]
    assert fuzzy and all(f["value"] == "الصلاه" and f["fuzziness"] == 1
                         and f["prefix_length"] == 1 for f in fuzzy)
    assert all(f["fuzziness"] == 2 for f in _find(translate_query("الصلاه~5"), "fuzzy")
               for f in f.values())


def test_must_and_must_not():
    q = translate_query("+روسيا -أوكرانيا")["query"]["bool"]
    assert "روسيا" in json.dumps(q["must"], ensure_ascii=False)
    assert "أوكرانيا" in json.dumps(q["must_not"], ensure_ascii=False)
    assert "should" not in q


def test_collection_and_date_are_filters():
    q = translate_query("موسكو collection:news date:[2020-01-01 TO 2021-12-31]")["query"]
    assert {"term": {"collection": "news"}} in q["bool"]["filter"]
    assert {"range": {"date": {"gte": "2020-01-01T00:00:00", "lt": "2022-01-01T00:00:00"}}} \
        in q["bool"]["filter"]
    assert "موسكو" in json.dumps(q["bool"]["must"], ensure_ascii=False)
    only_filter = translate_query("collection:news")["query"]
    assert only_filter == {"bool": {"filter": [{"term": {"collection": "news"}}]}}


def test_stop_word_queries():
    # A stop word among other words is left out of the words, as in
    # seedsearch, but stays in the phrase bonus (read on .exact) ...
    q = translate_query("الرئيس في موسكو")["query"]
    assert all(m["query"] != "في" for m in _find(q, "combined_fields"))
    assert any(m["text.exact"]["query"] == "الرئيس في موسكو"
               for m in _find(q, "match_phrase") if "text.exact" in m)
    # ... and a query of stop words only searches the exact fields.
    q = translate_query("لا إلا")["query"]
    fields = {field for m in _find(q, "combined_fields") for field in m["fields"]}
    assert fields == {"title.exact^2", "text.exact^1"}


def test_engines_without_combined_fields_get_cross_fields():
    """OpenSearch before 3.2 and Elasticsearch before 7.13 have no
    combined_fields: multi_match cross_fields is their nearest."""
    q = translate_query("الرئيس", combined=False)["query"]
    assert not list(_find(q, "combined_fields"))
    assert all(m["type"] == "cross_fields" for m in _find(q, "multi_match"))
    assert {m["fields"][0] for m in _find(q, "multi_match")} == {"title^2", "title.exact^2"}


def test_empty_query_matches_nothing():
    assert translate_query("") == {"query": {"match_none": {}}}


def test_readme_streaming_bulk_reader_reads_every_pair(index_path, tmp_path):
    """The README's ``actions()`` (fed to helpers.streaming_bulk) yields one
    action per exported document, even across several bulk files."""
    import glob
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    source = re.search(r"(def actions\(folder\):\n(?:    .*\n)+)", readme).group(1)
    namespace = {"glob": glob, "json": json}
    exec(source, namespace)
    export_index(index_path, tmp_path / "out", name="news", max_bytes=700)
    actions = list(namespace["actions"](str(tmp_path / "out")))
    assert len(actions) == len(SMALL_CORPUS) + 1
    assert {a["_index"] for a in actions} == {"news"}
    assert {a["_id"] for a in actions} == {a["_source"]["id"] for a in actions}


# -- the reader's search: sort, more like this, labels ----------------------------------
@pytest.mark.parametrize("sort, order", [("newest", "desc"), ("oldest", "asc")])
def test_a_date_sort_is_translated_with_undated_documents_last(sort, order):
    body = translate_query("الرئيس السوري", sort=sort)
    assert body["sort"] == [{"date": {"order": order, "missing": "_last"}}, "_score"]
    assert body["query"] == translate_query("الرئيس السوري")["query"]
    assert "sort" not in translate_query("الرئيس السوري", sort="relevance")


def test_a_bad_sort_is_a_query_error():
    from seedsearch import QueryError

    with pytest.raises(QueryError, match="sort must be one of relevance, newest, oldest"):
        translate_query("الرئيس", sort="الأحدث")


def test_similar_is_more_like_this_with_the_exported_ranked_analyzer(capsys):
    from seedsearch.export.query import translate_similar
    from seedsearch.search.similar import MIN_DOCS, SIMILAR_WORDS

    mlt = translate_similar("bukhari:5770", index="hadith")["query"]["more_like_this"]
    # The document's terms as the stems only: the field's index analyzer also
    # files marked forms and · (a stop word), which the engine would draw from.
    assert mlt["like"] == [{"_index": "hadith", "_id": "bukhari:5770",
                            "per_field_analyzer": {"text": RANKED}}]
    assert mlt["fields"] == ["text"] and mlt["analyzer"] == RANKED  # the stems, stop words out
    assert (mlt["max_query_terms"], mlt["min_doc_freq"]) == (SIMILAR_WORDS, MIN_DOCS)
    assert mlt["include"] is False  # the document itself is left out, as ix.similar does
    assert main(["export", "--similar", "bukhari:5770", "--name", "hadith"]) == 0
    assert json.loads(capsys.readouterr().out)["query"]["more_like_this"] == mlt
    assert main(["export", "--query", "الرئيس", "--sort", "newest"]) == 0
    assert json.loads(capsys.readouterr().out)["sort"][0]["date"]["order"] == "desc"


def test_labels_go_into_the_settings_and_the_documents(index_path, tmp_path):
    with Index.open(index_path) as ix:
        ix.set_labels({"collection": {"news": "أخبار", "bukhari": "صحيح البخاري"}})
    export_index(index_path, tmp_path / "out")
    settings = json.loads((tmp_path / "out" / "settings.json").read_text(encoding="utf-8"))
    assert settings["mappings"]["_meta"]["seedsearch"]["labels"]["collection"]["news"] == "أخبار"
    docs = {doc["id"]: doc for _, doc in _pairs(sorted((tmp_path / "out").glob("bulk-*")))}
    assert docs["news-1"]["collection_label"] == "أخبار"
    assert docs["hadith-1"]["collection_label"] == "صحيح البخاري"
    assert "collection_label" not in docs["hadith-2"]  # muslim has no label here
    assert "category_label" not in docs["news-1"]
    assert "_meta" not in index_settings()["mappings"]  # an index without labels


def test_root_queries_translate_to_a_match_on_the_roots_fields():
    """root:ك-ت-ب is a match of كتب on title_roots (weighted as the title)
    and text_roots; a word typed is also searched as itself; a value with
    no root is a plain word, as seedsearch reads it."""
    q = translate_query("root:ك-ت-ب")["query"]["bool"]["should"]
    assert {"match": {"title_roots": {"query": "كتب", "boost": 2.0}}} in q
    assert {"match": {"text_roots": {"query": "كتب", "boost": 1.0}}} in q
    typed = json.dumps(translate_query("root:يكتبون"), ensure_ascii=False)
    assert '"text_roots"' in typed and "يكتبون" in typed
    assert "_roots" not in json.dumps(translate_query("root:موسكو"), ensure_ascii=False)
    assert "text_roots" in index_settings()["mappings"]["properties"]
