"""The exported analyzers, run in real Lucene, group words as seedsearch does.

OpenSearch and Elasticsearch build their analyzers from Lucene's analysis
factories; ``tests/lucene/AnalyzeWords.java`` builds the same factories from
``settings.json`` with Lucene's ``CustomAnalyzer`` (Debian's liblucene8-java,
found and compiled against by ``benchmarks.lucene``; one JVM for the whole
run).  Over at least 20,000 distinct words of the bench corpus (news, hadith,
tafsir, vowelled Qur'an) plus the README's rule table, two words share an
exported token exactly when they share a seedsearch term, for the ranked and
the exact analyzer separately.

Skipped, with the reason, when java/javac or the Lucene jars are missing, or
when ../shared (the bench corpus) is not beside the repository.
"""

from __future__ import annotations

import gzip
import json
import subprocess
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT, shared_path

from benchmarks import lucene as lucene_tools
from seedsearch.analysis import WORD_PATTERN
from seedsearch.export.mappings import index_settings
from seedsearch.export.settings import (
    EXACT,
    EXACT_SEARCH,
    RANKED,
    RANKED_INDEX,
    RANKED_SEARCH,
    STACK,
    STOP_PLACE,
    marked_form,
)
from seedsearch.text.terms import FATHATAN, exact_terms, ranked_terms

#: Compiles and runs Java: slow; `pytest -m 'not slow'` leaves it out, CI runs it.
pytestmark = pytest.mark.slow

JAVA_SOURCE = Path(__file__).parent / "lucene" / "AnalyzeWords.java"
#: The Lucene modules AnalyzeWords.java uses (benchmarks.lucene finds their jars).
MODULES = ("core", "analyzers-common")
#: Distinct words taken from each collection of the bench corpus.
WORDS_PER_COLLECTION = 6_000
MIN_WORDS = 20_000
#: The most frequent words of each collection that must each agree, counted
#: in its first FREQUENT_DOCS documents.
FREQUENT_PER_COLLECTION = 500
FREQUENT_DOCS = 3_000
#: Share of all word pairs on which the two sides must agree (the issue's bar).
MIN_AGREEMENT = 0.995
#: Share of the pairs that match on either side that must match on both.
MIN_MATCHING_AGREEMENT = 0.98


@pytest.fixture(scope="module", params=["Lucene 8.7", "Lucene 9"])
def lucene(tmp_path_factory, request):
    """A function: list of texts -> list of (ranked tokens, exact tokens),
    in Debian's Lucene 8.7 and in Lucene 9 when its jar is here
    (:func:`benchmarks.lucene.lucene9_jar`)."""
    lucene9 = request.param == "Lucene 9"
    reason = lucene_tools.missing9() if lucene9 else lucene_tools.missing(MODULES)
    if reason:
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("lucene")
    settings = work / "settings.json"
    settings.write_text(json.dumps(index_settings(), ensure_ascii=False), encoding="utf-8")
    classpath = lucene_tools.compile_java(JAVA_SOURCE, work, MODULES, lucene9=lucene9)

    def run(texts, analyzers=(RANKED, EXACT)):
        for text in texts:
            assert "\n" not in text and "\r" not in text
        proc = subprocess.run(
            ["java", "-cp", classpath, "AnalyzeWords", str(settings), str(work), *analyzers],
            input="".join(t + "\n" for t in texts).encode("utf-8"),
            capture_output=True, check=False)
        if proc.returncode:
            raise AssertionError(proc.stderr.decode("utf-8", "replace")[-3000:])
        lines = proc.stdout.decode("utf-8").split("\n")[:-1]
        assert len(lines) == len(texts)
        return [tuple(tuple(part.split()) for part in line.split("\t")) for line in lines]

    return run


def readme_words() -> list[str]:
    """The words of the README's rule table (example and result columns)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## What the analyzer does", 1)[1].split("\n## ", 1)[0]
    words = []
    for line in section.splitlines():
        if line.startswith("| ") and not line.startswith("| rule"):
            for cell in line.split("|")[2:4]:
                words += WORD_PATTERN.findall(cell)
    return words


@cache  # read once for both Lucene versions
def bench_words(path) -> tuple[str, ...]:
    """Distinct words of each collection, in corpus order."""
    per: dict[str, dict[str, None]] = defaultdict(dict)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            seen = per[doc.get("collection", "")]
            if len(seen) >= WORDS_PER_COLLECTION:
                continue
            for word in WORD_PATTERN.findall(doc.get("title", "") + " " + doc.get("text", "")):
                seen.setdefault(word)
                if len(seen) >= WORDS_PER_COLLECTION:
                    break
    return tuple(w for seen in per.values() for w in seen)


@cache
def frequent_words(path, per_collection: int) -> tuple[str, ...]:
    """The ``per_collection`` most frequent words of each collection's first
    FREQUENT_DOCS documents."""
    counts: dict[str, Counter] = defaultdict(Counter)
    seen: Counter = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            collection = doc.get("collection", "")
            if seen[collection] < FREQUENT_DOCS:
                seen[collection] += 1
                counts[collection].update(WORD_PATTERN.findall(doc.get("text", "")))
    return tuple(dict.fromkeys(w for c in counts.values() for w, _ in c.most_common(per_collection)))


def count_sharing_pairs(keysets) -> int:
    """Unordered pairs of items whose key sets intersect.

    Each pair is counted once, at its later item: an item with one key adds
    the earlier items of that key's group, an item with several keys adds
    the union of their groups.  Linear in the items plus the multi-key unions.
    """
    groups: dict[object, list[int]] = defaultdict(list)
    total = 0
    for i, keys in enumerate(keysets):
        if len(keys) == 1:
            total += len(groups[next(iter(keys))])
        elif keys:
            earlier: set[int] = set()
            for key in keys:
                earlier.update(groups[key])
            total += len(earlier)
        for key in keys:
            groups[key].append(i)
    return total


def agreement(ours, theirs) -> dict:
    """Pair counts of two word -> key-set assignments and how far they agree."""
    both = [frozenset((a, b) for a in x for b in y) for x, y in zip(ours, theirs)]
    n = len(ours)
    s, e, se = (count_sharing_pairs(ours), count_sharing_pairs(theirs),
                count_sharing_pairs(both))
    pairs = n * (n - 1) // 2
    disagree = s + e - 2 * se
    return {"words": n, "pairs": pairs, "seedsearch": s, "export": e, "both": se,
            "disagree": disagree, "agreement": 1 - disagree / pairs,
            "matching_agreement": se / (s + e - se) if s + e - se else 1.0}


def disagreement_examples(words, ours, theirs, limit=8):
    """Some word pairs on which the two sides disagree, for the report."""
    examples = []
    for side, this, other in (("export only", theirs, ours), ("seedsearch only", ours, theirs)):
        groups = defaultdict(list)
        for i, keys in enumerate(this):
            for key in keys:
                groups[key].append(i)
        found = 0
        for members in groups.values():
            for a in members:
                for b in members:
                    if a < b and not (other[a] & other[b]) and found < limit:
                        examples.append((side, words[a], words[b]))
                        found += 1
    return examples


def test_count_sharing_pairs_against_brute_force():
    import itertools
    import random

    rng = random.Random(14)
    sets = [frozenset(rng.sample(range(12), rng.choice((0, 1, 1, 1, 2, 3)))) for _ in range(200)]
    brute = sum(1 for a, b in itertools.combinations(sets, 2) if a & b)
    assert count_sharing_pairs(sets) == brute


def test_lucene_runs_the_readme_rules(lucene):
    """Each README rule-table example gives, in Lucene, the tokens that
    match the very words seedsearch matches (spot checks of real words)."""
    texts = ["الْقَوَاعِدِ", "الرئيـــس", "ٱلْعَٰلَمِينَ", "هَٰذَا", "ٱلصَّلَوٰةَ", "كتاب", "ﷲ",
             "٢٠٢٦", "بو\u200cتين", "مسؤولية", "مسئولية", "Al Jazeera", "سياستها", "بالله"]
    got = dict(zip(texts, lucene(texts)))
    assert got["الْقَوَاعِدِ"][1] == ("القواعد",)
    assert got["الرئيـــس"][1] == ("الرءيس",)
    assert got["ٱلْعَٰلَمِينَ"][1] == ("العالمين",)
    assert got["هَٰذَا"] == ((), ("هذا",))  # a stop word: out of the ranked field
    assert got["ٱلصَّلَوٰةَ"][1] == ("الصلاه",)
    assert got["ﷲ"][1] == ("الله",)
    assert got["٢٠٢٦"][1] == ("2026",)
    assert got["بو\u200cتين"][1] == ("بوتين",)
    assert got["مسؤولية"] == got["مسئولية"]
    assert got["Al Jazeera"][1] == ("al", "jazeera")
    assert got["سياستها"][0] == ("سياس",)
    assert got["بالله"][0] == ("الله",)


def test_exported_analyzers_group_words_as_seedsearch(lucene, capsys):
    words = list(dict.fromkeys([*bench_words(shared_path("bench", "arabic_mix.jsonl.gz")),
                                *readme_words()]))
    assert len(words) >= MIN_WORDS
    tokens = lucene(words)
    report = {}
    for name, ours_of, index in (("ranked", ranked_terms, 0), ("exact", exact_terms, 1)):
        ours = [frozenset(ours_of(w)) for w in words]
        theirs = [frozenset(t[index]) for t in tokens]
        report[name] = agreement(ours, theirs)
        report[name]["examples"] = disagreement_examples(words, ours, theirs)
        # The query translator writes prefix and fuzzy values in seedsearch's
        # first spelling (the hamza on the line): the exported tokens should be
        # the very same strings, not only group the same words.
        same = sum(1 for w, t in zip(words, tokens) if t[index] == ours_of(w)[:1])
        report[name]["same_text"] = same / len(words)
    with capsys.disabled():
        print()
        for name, r in report.items():
            print(f"export equivalence, {name}: {r['words']} words, {r['pairs']:,} pairs; "
                  f"sharing a term in seedsearch {r['seedsearch']:,}, a token in Lucene "
                  f"{r['export']:,}, both {r['both']:,}; disagree {r['disagree']:,} "
                  f"-> {100 * r['agreement']:.6f}% of all pairs agree, "
                  f"{100 * r['matching_agreement']:.2f}% of matching pairs; "
                  f"{100 * r['same_text']:.2f}% of words give seedsearch's own term")
            for side, a, b in r["examples"]:
                print(f"    {side}: {a} / {b}")
    for name, r in report.items():
        assert r["agreement"] >= MIN_AGREEMENT, (name, r)
        assert r["matching_agreement"] >= MIN_MATCHING_AGREEMENT, (name, r)
        assert r["same_text"] >= MIN_MATCHING_AGREEMENT, (name, r)



def test_the_words_a_corpus_is_made_of_give_seedsearch_s_own_terms(lucene):
    """The agreement above counts distinct words: حدثنا, the first word of
    most hadith, is one word in 20,000 there, and the export once cut it
    (حدث, the isnad formulas and names in نا stay whole in seedsearch).
    Every one of each collection's most frequent words must agree."""
    words = frequent_words(shared_path("bench", "arabic_mix.jsonl.gz"), FREQUENT_PER_COLLECTION)
    assert {"حدثنا", "اخبرنا"} <= {exact_terms(w)[0] for w in words if exact_terms(w)}
    wrong = [(w, ranked_terms(w)[:1], t[0], exact_terms(w)[:1], t[1])
             for w, t in zip(words, lucene(words))
             if t[0] != ranked_terms(w)[:1] or t[1] != exact_terms(w)[:1]]
    assert not wrong


def test_search_analyzers_read_text_as_the_index_analyzers_and_split_stacked_terms(lucene):
    """The fields' search analyzers give the index analyzers' tokens for any
    text, and a stacked query (terms joined by |) its terms unchanged."""
    texts = readme_words() + ["مسؤولية الحكومة في المدارس", "بالله والرسول"]
    both = lucene(texts, (RANKED, EXACT, RANKED_SEARCH, EXACT_SEARCH))
    for text, (ranked, exact, ranked_search, exact_search) in zip(texts, both):
        assert (ranked_search, exact_search) == (ranked, exact), text
    stacked = STACK.join(["صلا", "صلاه", "بصلا", "مسءول"])
    (ranked_search, exact_search), = lucene([stacked], (RANKED_SEARCH, EXACT_SEARCH))
    assert ranked_search == exact_search == ("صلا", "صلاه", "بصلا", "مسءول")


def test_the_indexed_ranked_field_holds_each_word_s_stem_and_its_marked_form(lucene):
    """RANKED_INDEX gives every word two tokens: its stem (· for a stop
    word, في إنّ أيضًا) and its normalized form between marks, which the
    search analyzer reads back unchanged; so «الرئيس» can ask for رءيس and
    =الرءيس= as one term.  A vowelled accusative (خَيْرًا, stem خير) gives
    its form unmarked too: seedsearch reads a stem from the forms where they
    coincide, so the bare خيرا (whose stem keeps the alef) counts it as stem
    and form, as it counts a bare خيرا."""
    texts = readme_words() + ["والرئيسُ قال في موسكو إنَّ كتابه أيضًا خيرًا عَذَابًا شَدِيدًا"]
    accusatives = 0
    for text, (indexed, ranked, exact) in zip(texts, lucene(texts, (RANKED_INDEX, RANKED, EXACT))):
        stems = iter(ranked)
        expected = []
        for word, form in zip(WORD_PATTERN.findall(text), exact):
            stem = next(stems) if ranked_terms(word) else STOP_PLACE
            expected.append(stem)
            if stem != STOP_PLACE and ranked_terms(word) != ranked_terms(word.replace(FATHATAN, "")):
                expected.append(form)
                accusatives += 1
            expected.append(marked_form(form))
        assert indexed == tuple(expected), text
    assert accusatives >= 3  # خيرا عذابا شديدا
    marked = STACK.join(["رءيس", marked_form("الرءيس"), marked_form("كتابه")])
    (ranked_search,), = lucene([marked], (RANKED_SEARCH,))
    assert ranked_search == ("رءيس", "=الرءيس=", "=كتابه=")
