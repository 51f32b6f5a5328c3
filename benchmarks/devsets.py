"""Development sets built from the bench corpus, beside xquad_ar.

**For development only.** These sets are drawn from
``../shared/bench/arabic_mix.jsonl.gz`` with a fixed seed each time the
benchmark runs (cached under ``benchmarks/out/devsets/``, which git
ignores); no corpus text is ever committed.  They are small, built by rules
we wrote, and judged by construction (one known answer per query, plus exact
duplicates): a ranking tuned on them alone can overfit them.  Tune on all of
them together, with xquad_ar, and read a gain of a point or two as noise
until it holds on every set.

All five sets share one corpus of mixed documents, so each query has
distractors from the other collections (a news story that mentions the
words of a verse, a hadith that quotes it):

- ``quran``: ``QURAN_DOCS`` verses (Tanzil Uthmani, fully vowelled, as stored),
- ``hadith``: ``HADITH_DOCS`` hadith (vowelled matn with isnad, title kept),
- ``saudinewsnet``: ``NEWS_DOCS`` articles **with their title removed** (so a
  title query must match the text).

Tafsir is not in the corpus (its entries quote the verses word for word and
would be the best match for set 4 without being the answer).  Documents are
chosen by ``sha1(seed:id)``: the same seed and corpus give the same sets on
every machine.  :func:`imlai`, :func:`bare` and :func:`misspell` are written
here, independently of seedsearch's normalizer, so that the queries are not
built with the rules under test.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from .common import BENCH_CORPUS, ROOT, iter_corpus

__all__ = ["SETS", "SEED", "Sizes", "build_devsets", "imlai", "bare", "misspell",
           "ARABIC_WORD", "seeded_hash"]

SEED = 12
OUT = ROOT / "benchmarks" / "out" / "devsets"


@dataclass(frozen=True)
class Sizes:
    quran_docs: int = 2000
    hadith_docs: int = 2000
    news_docs: int = 1500
    queries: int = 300


# -- text helpers ------------------------------------------------------------

_HARAKAT = re.compile("[\u064b-\u065f\u0610-\u061a\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06ed\u08d3-\u08ff]")
_TATWEEL = "\u0640"
_DAGGER = "\u0670"
_SMALL_WAW, _SMALL_YEH, _SMALL_HIGH_YEH = "\u06e5", "\u06e6", "\u06e7"
#: An Arabic word as written: letters, harakat, dagger alef, ٱ, tatweel, small waw/yeh.
ARABIC_WORD = re.compile(r"[\u0621-\u063a\u0641-\u065f\u0670\u0671\u0640\u06e5-\u06e7]+")
#: Words whose dagger alef imla'i script does not write (هٰذا, ذٰلك, الرحمٰن, إلٰه, لٰكن, أولٰئك).
_SILENT_DAGGER = re.compile(r"هذ|ذلك|لكن|رحمن|إله|اله|ولئك|هؤل")


def bare(text: str) -> str:
    """Remove harakat, Qur'anic marks and tatweel; ٱ -> ا.  Letters are kept."""
    text = text.replace("\u0671", "\u0627")
    text = _HARAKAT.sub("", text).replace(_TATWEEL, "")
    return text.replace(_DAGGER, "").replace(_SMALL_WAW, "").replace(_SMALL_YEH, "")


def _imlai_word(w: str) -> str:
    w = w.replace("\u0671", "\u0627")
    w = re.sub("\u0640[\u064b-\u0652]*\u0654[\u064b-\u0652]*\u0627", "\u0622", w)  # بِـَٔايَٰتِ -> بآيات
    w = re.sub("\u0640[\u064b-\u0652]*\u0654", "\u0626", w)  # ـٔ : hamza on a tatweel -> ئ
    w = w.replace(_TATWEEL + _SMALL_HIGH_YEH, "\u064a")  # إِبْرَٰهِـۧمَ -> ابراهيم
    w = w.replace("\u0650\u0649", "\u0650\u064a")  # ٱلَّذِى: ى after a kasra is ي
    w = _HARAKAT.sub("", w).replace(_TATWEEL, "")
    w = re.sub(f"(?<=\u0647)[{_SMALL_WAW}{_SMALL_YEH}]", "", w)  # بِهِۦ -> به
    w = w.replace(_SMALL_WAW, "\u0648").replace(_SMALL_YEH, "\u064a")
    if _DAGGER in w:
        if _SILENT_DAGGER.search(w.replace(_DAGGER, "")):
            w = w.replace(_DAGGER, "")
        else:
            w = w.replace("\u0648" + _DAGGER + "\u0627", "\u0627")  # ٱلرِّبَوٰا -> الربا
            w = w.replace("\u0648" + _DAGGER, "\u0627")  # ٱلصَّلَوٰةَ -> الصلاة
            w = w.replace("\u0649" + _DAGGER, "\u0649")  # عَلَىٰ -> على
            w = w.replace(_DAGGER, "\u0627")  # ٱلْعَٰلَمِينَ -> العالمين
    return w.replace("\u0621\u0627", "\u0622")  # ءَامَنُوا -> آمنوا


def imlai(uthmani: str) -> str:
    """A bare, imla'i-ish reading of a Uthmani verse, as a user would type it.

    Harakat and Qur'anic marks go; ٱ -> ا; ى after a kasra -> ي (ٱلَّذِى); a
    dagger alef becomes ا (وٰ and وٰا -> ا, ىٰ -> ى) except in هٰذا ذٰلك الرحمٰن إلٰه لٰكن أولٰئك هٰؤلاء; ءا -> آ; the
    small waw/yeh of a pronoun (بِهِۦ) go, elsewhere they become و/ي.  Not a
    full converter: يَٰٓأَيُّهَا stays one word (imla'i writes يا أيها).
    """
    return " ".join(_imlai_word(w) for w in uthmani.split())


def words(text: str) -> list[str]:
    """The Arabic words of a text, bare."""
    return [bare(w) for w in ARABIC_WORD.findall(text) if bare(w)]


def _key(text: str) -> str:
    """A comparison key: bare words, alef and yeh forms folded, single spaces."""
    ws = [re.sub("[أإآا]", "ا", w).replace("ى", "ي").replace("ة", "ه") for w in words(text)]
    return " " + " ".join(ws) + " "


_HAMZA_ALEFS = "أإآ"
_VOWELS = "\u064e\u064f\u0650"  # fatha, damma, kasra
_LONG = "اأإآوىيةؤئء"
_NON_JOINING = "اأإآدذرزوؤةىء"


def misspell(word: str, rng: random.Random) -> str:
    """One word as people also write it (each rewrite is common in real text).

    أ إ آ -> ا (the commonest); a bare initial ا -> أ/إ (hypercorrection); final
    ة -> ه; final ى -> ي and final ي -> ى; ؤ -> ئ; ئ -> ي (القائد -> القايد);
    a tatweel inside the word; one or two harakat on consonants.  Each applies with its own
    probability; the result may equal the input.
    """
    w = word
    if any(c in w for c in _HAMZA_ALEFS) and rng.random() < 0.7:
        w = re.sub(f"[{_HAMZA_ALEFS}]", "ا", w)
    elif w.startswith("ا") and not w.startswith("ال") and rng.random() < 0.4:
        w = rng.choice("أإ") + w[1:]
    if w.endswith("ة") and rng.random() < 0.6:
        w = w[:-1] + "ه"
    if w.endswith("ى") and rng.random() < 0.6:
        w = w[:-1] + "ي"
    elif w.endswith("ي") and rng.random() < 0.3:
        w = w[:-1] + "ى"
    if "ؤ" in w and rng.random() < 0.6:
        w = w.replace("ؤ", "ئ")
    if "ئ" in w[1:-1] and rng.random() < 0.3:
        w = w.replace("ئ", "ي")
    joins = [i for i in range(1, len(w) - 1) if w[i - 1] not in _NON_JOINING]
    if len(w) >= 4 and joins and rng.random() < 0.15:  # after a letter that joins
        i = rng.choice(joins)
        w = w[:i] + _TATWEEL + w[i:]
    if rng.random() < 0.2:  # one or two harakat, on consonants only
        spots = [i for i, c in enumerate(w) if c not in _LONG and c != _TATWEEL]
        for i in sorted(rng.sample(spots, min(len(spots), rng.choice((1, 2)))), reverse=True):
            w = w[:i + 1] + rng.choice(_VOWELS) + w[i + 1:]
    return w


_VARIANT_PRONE = re.compile("[أإآةىؤئ]|^ا(?!ل)")


# -- building ----------------------------------------------------------------

def seeded_hash(seed: int, key: str) -> int:
    """A stable pseudo-random rank of ``key`` (sha1, the same on every machine)."""
    return int(hashlib.sha1(f"{seed}:{key}".encode()).hexdigest()[:15], 16)


def _pick(docs: list[dict], n: int, seed: int, salt: str) -> list[dict]:
    return sorted(docs, key=lambda d: seeded_hash(seed, salt + d["id"]))[:n]


def _verse_ref(doc_id: str) -> str:
    """quran-2-255 / tafsir-<edition>-2-255 -> '2-255'."""
    return "-".join(doc_id.rsplit("-", 2)[-2:])


#: Tafsir editions whose entries explain one verse in a few sentences.
TAFSIR_EDITIONS = ("ar-tafsir-muyassar", "ar-tafseer-al-saddi", "ar-tafsir-al-baghawi",
                   "ar-tafsir-al-wasit")
_SENTENCE_END = re.compile(r"[.!؟?؛\n]+")


def _read(corpus_path: Path, sizes: Sizes, seed: int):
    """Two streaming passes: the ids, then the chosen documents.

    The first pass ranks each collection's ids by hash and keeps the first
    ``sizes``; the second keeps those documents and the tafsir entries of the
    chosen verses.  Memory holds only what is kept.
    """
    wanted = {"quran": sizes.quran_docs, "hadith": sizes.hadith_docs,
              "saudinewsnet": sizes.news_docs}
    ids: dict[str, list[str]] = {c: [] for c in wanted}
    for doc in iter_corpus(corpus_path):
        if doc.get("collection") in wanted:
            ids[doc["collection"]].append(doc["id"])
    chosen = {i for c, n in wanted.items()
              for i in sorted(ids[c], key=lambda i: seeded_hash(seed, "doc:" + i))[:n]}
    refs = {_verse_ref(i) for i in chosen if i.startswith("quran-")}
    kept: dict[str, list[dict]] = {c: [] for c in wanted}
    tafsir: dict[str, list[tuple[str, str]]] = {}
    for doc in iter_corpus(corpus_path):
        coll = doc.get("collection")
        if coll == "tafsir":
            ref = _verse_ref(doc["id"])
            if doc.get("category") in TAFSIR_EDITIONS and ref in refs:
                tafsir.setdefault(ref, []).append((doc["category"], doc["text"]))
        elif doc.get("id") in chosen:
            kept[coll].append({k: doc.get(k) or "" for k in
                               ("id", "title", "text", "collection", "category", "date")})
    return kept, tafsir


def _write_set(folder: Path, corpus_file: Path, queries: list[tuple[str, str]],
               qrels: list[tuple[str, str]], doc: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "corpus.jsonl"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(Path("..") / corpus_file.name)
    with open(folder / "queries.tsv", "w", encoding="utf-8") as f:
        for qid, text in queries:
            f.write(f"{qid}\t{' '.join(text.split())}\n")
    with open(folder / "qrels.tsv", "w", encoding="utf-8") as f:
        for qid, docid in qrels:
            f.write(f"{qid}\t{docid}\t1\n")
    (folder / "README.txt").write_text(doc.strip() + "\n", encoding="utf-8")


def quran_bare(verses: list[dict], n: int, seed: int):
    """Set 1, bare verse -> its vowelled verse.

    Query: :func:`imlai` of a corpus verse of 3 words or more (the sample is
    drawn by hash).  Relevant: that verse and every corpus verse with the same
    bare text (فبأي آلاء ربكما تكذبان is 31 verses).
    """
    by_key: dict[str, list[str]] = {}
    for v in verses:
        by_key.setdefault(_key(v["text"]), []).append(v["id"])
    pool = [v for v in verses if len(v["text"].split()) >= 3]
    queries, qrels = [], []
    for i, v in enumerate(_pick(pool, n, seed, "q1:")):
        qid = f"qb{i:03d}"
        queries.append((qid, imlai(v["text"])))
        qrels += [(qid, d) for d in by_key[_key(v["text"])]]
    return queries, qrels


def hadith_fragment(hadith: list[dict], n: int, seed: int):
    """Set 2, a run of 5-8 words from the middle of a hadith -> the hadith.

    From a hadith of 20 words or more: L = 5 + hash % 4 consecutive words,
    diacritics and punctuation removed, starting at a hash-chosen word
    between the middle and the end less L (the matn follows the isnad, so
    this is mostly matn).  A run found in more than 3 corpus hadith (an
    isnad chain, a formula) is not distinctive: up to 8 other starts are
    tried, then the hadith is skipped.  Relevant: that hadith and every
    corpus hadith whose bare text holds the same run (one matn in several
    books).
    """
    keys = {d["id"]: _key(d["text"]) for d in hadith}
    pool = [d for d in hadith if len(words(d["text"])) >= 20]
    queries, qrels = [], []
    for d in _pick(pool, len(pool), seed, "q2:"):
        if len(queries) >= n:
            break
        ws = words(d["text"])
        h = seeded_hash(seed, "frag:" + d["id"])
        length = 5 + h % 4
        half = len(ws) // 2
        for attempt in range(9):
            start = half + seeded_hash(seed, f"frag{attempt}:{d['id']}") % max(1, len(ws) - half - length)
            frag = ws[start:start + length]
            fk = _key(" ".join(frag))
            found = [other for other, k in keys.items() if fk in k]
            if len(found) <= 3:
                qid = f"hf{len(queries):03d}"
                queries.append((qid, " ".join(frag)))
                qrels += [(qid, other) for other in found]
                break
    return queries, qrels


def news_title(news: list[dict], n: int, seed: int):
    """Set 3, a news title -> its article (the title is not indexed).

    Titles of 3 words or more, as printed.  Relevant: the article, and any
    corpus article with the very same title (a story the agencies repeat).
    Other papers' versions of the same story count as wrong: a few points of
    every engine's MRR are lost to them alike.
    """
    by_title: dict[str, list[str]] = {}
    for d in news:
        by_title.setdefault(_key(d["title"]), []).append(d["id"])
    pool = [d for d in news if len(words(d["title"])) >= 3]
    queries, qrels = [], []
    for i, d in enumerate(_pick(pool, n, seed, "q3:")):
        qid = f"nt{i:03d}"
        queries.append((qid, d["title"]))
        qrels += [(qid, other) for other in by_title[_key(d["title"])]]
    return queries, qrels


def tafsir_verse(tafsir: dict[str, list[tuple[str, str]]], verses: list[dict], n: int,
                 seed: int):
    """Set 4, a sentence of a tafsir -> the verse it explains.

    The bench corpus gives the verse of each tafsir entry in its id
    (``tafsir-<edition>-<sura>-<aya>``).  For a corpus verse, one of the
    editions in ``TAFSIR_EDITIONS`` (al-Muyassar, al-Saadi, al-Baghawi,
    al-Wasit: one short entry per verse) is chosen by hash, its entry is
    split at . ! ؟ ؛ and line breaks, and one sentence of 6-30 words is
    chosen by hash; diacritics removed, quotation braces kept.  Relevant: the
    verse.  Noise: an entry that explains several verses at once is filed
    under the first one.
    """
    corpus_refs = {_verse_ref(v["id"]) for v in verses}
    pool = [v for v in verses if _verse_ref(v["id"]) in tafsir]
    queries, qrels = [], []
    for v in _pick(pool, len(pool), seed, "q4:"):
        if len(queries) >= n:
            break
        ref = _verse_ref(v["id"])
        entries = sorted(tafsir[ref])
        h = seeded_hash(seed, "taf:" + ref)
        _edition, text = entries[h % len(entries)]
        sentences = [s.strip() for s in _SENTENCE_END.split(bare(text))
                     if 6 <= len(words(s)) <= 30]
        if not sentences or ref not in corpus_refs:
            continue
        qid = f"tv{len(queries):03d}"
        queries.append((qid, sentences[(h >> 8) % len(sentences)]))
        qrels.append((qid, v["id"]))
    return queries, qrels


def spelling_variants(news: list[dict], hadith: list[dict], n: int, seed: int):
    """Set 5, 3 content words of a document, misspelt -> the document.

    Two thirds from news articles, one third from hadith.  From the document's
    bare words of 5 letters or more (mostly content words), 3 distinct ones are
    drawn with a seeded generator, preferring words with a letter people
    spell in several ways (أ إ آ ة ى ؤ ئ, initial ا); each is then rewritten
    by :func:`misspell`.  A query left unchanged by the draw gets a tatweel
    (or a tanween).
    Relevant: the document.
    """
    n_news = (2 * n) // 3
    sources = (_pick(news, n_news, seed, "q5:") + _pick(hadith, n - n_news, seed, "q5:"))
    queries, qrels = [], []
    for d in sources:
        rng = random.Random(f"{seed}:variants:{d['id']}")
        ws = list(dict.fromkeys(w for w in words(d["text"]) if len(w) >= 5))
        if len(ws) < 3:
            continue
        prone = [w for w in ws if _VARIANT_PRONE.search(w)]
        chosen = rng.sample(prone, min(2, len(prone)))
        chosen += rng.sample([w for w in ws if w not in chosen], 3 - len(chosen))
        rewritten = [misspell(w, rng) for w in chosen]
        if rewritten == chosen:
            w = rewritten[0]
            i = next((i for i in range(1, len(w) - 1) if w[i - 1] not in _NON_JOINING), 0)
            rewritten[0] = w[:i] + _TATWEEL + w[i:] if i else w + "\u064b"
        qid = f"sv{len(queries):03d}"
        queries.append((qid, " ".join(rewritten)))
        qrels.append((qid, d["id"]))
    return queries, qrels


SETS = ("quran_bare", "hadith_fragment", "news_title", "tafsir_verse", "spelling_variants")


def build_devsets(corpus_path: Path = BENCH_CORPUS, out: Path = OUT, sizes: Sizes = Sizes(),
                  seed: int = SEED) -> list[Path]:
    """Build (or reuse from ``out``) the five sets; return their folders.

    Each folder holds queries.tsv, qrels.tsv, a README.txt with the rule it
    was built by, and corpus.jsonl, a link to the shared corpus beside it.
    The cache key is the seed, the sizes, this module's own source (a rule
    that changes rebuilds the sets) and the corpus file's size and mtime.
    """
    corpus_path = Path(corpus_path)
    st = corpus_path.stat()
    rules = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()
    tag = hashlib.sha1(json.dumps([seed, asdict(sizes), rules, st.st_size,
                                   int(st.st_mtime)]).encode()).hexdigest()[:10]
    root = Path(out) / f"s{seed}-{tag}"
    folders = [root / name for name in SETS]
    if all((f / "qrels.tsv").exists() for f in folders):
        return folders
    kept, tafsir = _read(corpus_path, sizes, seed)
    verses = _pick(kept["quran"], sizes.quran_docs, seed, "doc:")
    hadith = _pick(kept["hadith"], sizes.hadith_docs, seed, "doc:")
    news = _pick(kept["saudinewsnet"], sizes.news_docs, seed, "doc:")
    root.mkdir(parents=True, exist_ok=True)
    corpus_file = root / "corpus.jsonl"
    with open(corpus_file, "w", encoding="utf-8") as f:
        for d in verses + hadith + [{**d, "title": ""} for d in news]:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    n = sizes.queries
    built = {
        "quran_bare": (quran_bare(verses, n, seed), quran_bare),
        "hadith_fragment": (hadith_fragment(hadith, n, seed), hadith_fragment),
        "news_title": (news_title(news, n, seed), news_title),
        "tafsir_verse": (tafsir_verse(tafsir, verses, n, seed), tafsir_verse),
        "spelling_variants": (spelling_variants(news, hadith, n, seed), spelling_variants),
    }
    for folder in folders:
        (queries, qrels), fn = built[folder.name]
        _write_set(folder, corpus_file, queries, qrels, fn.__doc__ or "")
    return folders
