"""Development sets on a mixed corpus with titles and tafsir: pasted text,
questions about a news article's body, and hadith matn sentences.

**For development only**, like :mod:`benchmarks.devsets` (drawn from the
bench corpus with a fixed seed at run time, cached under
``benchmarks/out/mixsets/``, never committed).  Where the five sets of
:mod:`benchmarks.devsets` leave titles out of the news and tafsir out of the
corpus, this corpus keeps both, because they are what misleads a ranking:

- a title that names one word of a question (news titles are indexed);
- a tafsir entry or another hadith that quotes the pasted text, with
  commentary around it (every tafsir entry of each query verse is in).

The corpus: ``Sizes.verses`` query verses of 4 words or more with all the
tafsir entries of each (eight editions), ``Sizes.other_verses`` more verses,
``Sizes.hadith`` hadith, ``Sizes.news`` titled news articles and
``Sizes.tafsir`` more tafsir entries, chosen by hash.

The sets, each judged by construction (the source document, plus any
corpus document of the same collection whose bare text holds the query's
bare text):

- ``pasted_uthmani``, ``pasted_imlai``, ``pasted_bare``: a whole verse as
  stored (Uthmani, vowelled), in imla'i spelling with its harakat, and in
  imla'i spelling without them (relevant: every document whose bare text
  is the verse's: the verse, a verse of the same words, and the tafsir
  entries that are the verse alone);
- ``pasted_hadith``: 8-14 consecutive words of a hadith's second half, as
  stored (harakat and punctuation);
- ``pasted_news``: a sentence of 8-20 words of a news article, as stored;
- ``news_body``: a question about a sentence of a titled article's body (not
  its first sentence): an interrogative and 4-7 of the sentence's content
  words in their order, bare;
- ``hadith_matn``: a sentence of 8-16 words of a hadith's matn (after the
  isnad), bare, as someone types it from memory; the hadith's title names
  only its book and number.

The ``pasted_*`` sets answer one question, reported as the share of queries
whose source ranks first: does a document that *is* the query, or holds it
whole, come before the documents that quote it?
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from .common import BENCH_CORPUS, ROOT, iter_corpus
from .devsets import _SMALL_HIGH_YEH, _TATWEEL, _imlai_word, _key, _verse_ref, bare, imlai, seeded_hash, words

__all__ = ["MIX_SETS", "PASTED_SETS", "MixSizes", "build_mixsets", "imlai_vowelled"]

SEED = 21
OUT = ROOT / "benchmarks" / "out" / "mixsets"
PASTED_SETS = ("pasted_uthmani", "pasted_imlai", "pasted_bare", "pasted_hadith", "pasted_news")
MIX_SETS = PASTED_SETS + ("news_body", "hadith_matn")

#: Harakat a reader's vowelled text keeps (fathatan to sukun); every other
#: mark of the Uthmani text goes.
_KEPT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
_QURANIC_MARKS = re.compile("[\u0610-\u061a\u0653-\u065f\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06ed"
                            "\u08d3-\u08ff]")
_SENTENCE = re.compile(r"[^.!؟?؛:\n«»\"]+")
#: Interrogatives a question about a news story starts with (one by hash).
_ASK = ("ما", "ماذا", "كيف", "متى", "أين", "لماذا", "هل", "من", "كم", "ما هو", "ما هي",
        "ما سبب", "ما حقيقة")
#: Words a question leaves out: the commonest function words of news prose
#: (written here, not taken from seedsearch's stop list under test).
_FUNCTION = frozenset("""في من على إلى عن مع أن إن أو و ثم كما قد لقد لا لم لن ما هذا هذه ذلك
تلك التي الذي الذين هو هي هم كان كانت يكون وقد وكان وفي ومن كل بعد قبل بين حيث عند عندما
أيضا خلال منذ حتى لكن غير بعض وقال قال وأضاف وأوضح وأشار اليوم أمس""".split())
#: Where a hadith's matn begins: after the first blessing on the Prophet
#: (bare text), where his words or the narrative follow the chain.
_MATN_START = re.compile(r"عليه وسلم")
#: A sentence with one of these is still the chain of narrators.
_CHAIN = re.compile(r"حدثنا|حدثني|أخبرنا|أخبرني|أنبأنا|عن ")


@dataclass(frozen=True)
class MixSizes:
    verses: int = 150
    other_verses: int = 1500
    hadith: int = 7000
    news: int = 5000
    tafsir: int = 2500
    queries: int = 150


def imlai_vowelled(uthmani: str) -> str:
    """A verse in imla'i spelling with its harakat, as a reader types it from
    a vowelled text in modern script: the letters :func:`devsets.imlai`
    writes, each keeping the fatha, damma, kasra, sukun, shadda or tanween
    it carries; Qur'anic marks, the dagger alef's mark and tatweel go."""
    out = []
    for word in uthmani.split():
        letters = _imlai_word(word)  # the bare imla'i letters of the word
        marks = _marks_by_letter(word)
        out.append(_revowel(letters, marks))
    return " ".join(out)


def _marks_by_letter(word: str) -> list[tuple[str, str]]:
    """(letter, kept harakat) pairs of a Uthmani word, marks dropped."""
    pairs: list[tuple[str, str]] = []
    for ch in word.replace("\u0671", "\u0627").replace(_TATWEEL + _SMALL_HIGH_YEH, "\u064a"):
        if ch in _KEPT:
            if pairs:
                pairs[-1] = (pairs[-1][0], pairs[-1][1] + ch)
        elif _QURANIC_MARKS.match(ch) or ch in (_TATWEEL, "\u0670"):
            continue
        else:
            pairs.append((ch, ""))
    return pairs


def _revowel(letters: str, marks: list[tuple[str, str]]) -> str:
    """The imla'i ``letters`` with the harakat of the Uthmani letters they
    line up with (a letter imla'i adds, such as the alef of الصلاة, bare)."""
    out, j = [], 0
    for ch in letters:
        found = next((k for k in range(j, min(j + 3, len(marks))) if marks[k][0] == ch), None)
        if found is None:
            out.append(ch)
            continue
        out.append(ch + marks[found][1])
        j = found + 1
    return "".join(out)


def _pick(items: list, n: int, salt: str) -> list:
    return sorted(items, key=lambda d: seeded_hash(SEED, salt + (d if isinstance(d, str)
                                                                 else d["id"])))[:n]


def _read(corpus_path: Path, sizes: MixSizes) -> list[dict]:
    """Two streaming passes: which ids, then those documents."""
    ids: dict[str, list[str]] = {}
    verse_words: dict[str, int] = {}
    for doc in iter_corpus(corpus_path):
        ids.setdefault(doc["collection"], []).append(doc["id"])
        if doc["collection"] == "quran":
            verse_words[doc["id"]] = len(doc["text"].split())
    long_verses = [i for i in ids["quran"] if verse_words[i] >= 4]
    query_verses = _pick(long_verses, sizes.verses, "qv:")
    refs = {_verse_ref(i) for i in query_verses}
    chosen = set(query_verses)
    chosen |= set(_pick(ids["quran"], sizes.other_verses, "v:"))
    chosen |= set(_pick(ids["hadith"], sizes.hadith, "h:"))
    chosen |= set(_pick(ids["saudinewsnet"], sizes.news, "n:"))
    chosen |= set(_pick(ids["tafsir"], sizes.tafsir, "t:"))
    kept = []
    for doc in iter_corpus(corpus_path):
        if doc["id"] in chosen or (doc["collection"] == "tafsir"
                                   and _verse_ref(doc["id"]) in refs):
            kept.append({k: doc.get(k) or "" for k in
                         ("id", "title", "text", "collection", "category", "date")})
            kept[-1]["query_verse"] = doc["id"] in query_verses
    return kept


def _holders(docs: list[dict], text: str) -> list[str]:
    """Documents whose bare text holds ``text``'s bare words in order."""
    key = _key(text)
    return [d["id"] for d in docs if key in d["_key"]]


def _copies(docs: list[dict], text: str) -> list[str]:
    """Documents whose text *is* ``text``, read in imla'i spelling (a tafsir
    entry of al-Baghawi is now and then the verse alone): a verbatim copy is
    the query as much as its source, and no ranking can tell them apart."""
    key = _key(imlai(text))
    return [d["id"] for d in docs if d["_imlai"] == key]


def _pasted_verses(verses: list[dict], docs: list[dict], n: int) -> dict[str, list]:
    out: dict[str, list] = {"pasted_uthmani": [], "pasted_imlai": [], "pasted_bare": []}
    for i, v in enumerate(verses[:n]):
        same = _copies(docs, v["text"])
        for name, text in (("pasted_uthmani", v["text"]), ("pasted_imlai", imlai_vowelled(v["text"])),
                           ("pasted_bare", bare(imlai_vowelled(v["text"])))):
            out[name].append((f"{name[7]}{i:03d}", text, same))
    return out


def _sentences(text: str, lo: int, hi: int) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if lo <= len(words(s)) <= hi]


def _pasted_hadith(hadith: list[dict], n: int) -> list:
    out = []
    for d in _pick(hadith, len(hadith), "ph:"):
        ws = d["text"].split()
        if len(ws) < 24 or len(out) >= n:
            continue
        length = 8 + seeded_hash(SEED, "len:" + d["id"]) % 7
        start = len(ws) // 2 + seeded_hash(SEED, "at:" + d["id"]) % max(1, len(ws) // 2 - length)
        frag = " ".join(ws[start:start + length])
        found = _holders(hadith, frag)
        if d["id"] in found and len(found) <= 3:
            out.append((f"h{len(out):03d}", frag, found))
    return out


def _pasted_news(news: list[dict], n: int) -> list:
    out = []
    for d in _pick(news, len(news), "pn:"):
        sentences = _sentences(d["text"], 8, 20)
        if not sentences or len(out) >= n:
            continue
        s = sentences[seeded_hash(SEED, "s:" + d["id"]) % len(sentences)]
        out.append((f"n{len(out):03d}", s, _holders(news, s) or [d["id"]]))
    return out


def _news_body(news: list[dict], n: int) -> list:
    out = []
    for d in _pick([d for d in news if d["title"]], len(news), "nb:"):
        sentences = _sentences(d["text"], 8, 40)[1:]  # not the lead, which retells the title
        if not sentences or len(out) >= n:
            continue
        h = seeded_hash(SEED, "b:" + d["id"])
        content = [w for w in words(sentences[h % len(sentences)])
                   if w not in _FUNCTION and len(w) >= 3]
        if len(content) < 4:
            continue
        size = 4 + (h >> 8) % 4
        start = (h >> 16) % max(1, len(content) - size + 1)
        question = f"{_ASK[(h >> 24) % len(_ASK)]} {' '.join(content[start:start + size])}"
        out.append((f"b{len(out):03d}", question, [d["id"]]))
    return out


def _hadith_matn(hadith: list[dict], n: int) -> list:
    out = []
    for d in _pick(hadith, len(hadith), "hm:"):
        text = bare(d["text"])
        start = _MATN_START.search(text)
        if start is None or len(out) >= n:
            continue
        sentences = [s for s in _sentences(text[start.end():], 8, 16) if not _CHAIN.search(s)]
        if not sentences:
            continue
        s = sentences[seeded_hash(SEED, "m:" + d["id"]) % len(sentences)]
        found = _holders(hadith, s)
        if d["id"] in found and len(found) <= 3:
            out.append((f"m{len(out):03d}", s, found))
    return out


def build_mixsets(corpus_path: Path = BENCH_CORPUS, out: Path = OUT,
                  sizes: MixSizes = MixSizes()) -> list[Path]:
    """Build (or reuse from ``out``) the seven sets; return their folders
    (cached by the seed, the sizes, this module's source and the corpus)."""
    corpus_path = Path(corpus_path)
    st = corpus_path.stat()
    rules = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()
    tag = hashlib.sha1(json.dumps([SEED, asdict(sizes), rules, st.st_size,
                                   int(st.st_mtime)]).encode()).hexdigest()[:10]
    root = Path(out) / f"s{SEED}-{tag}"
    folders = [root / name for name in MIX_SETS]
    if all((f / "qrels.tsv").exists() for f in folders):
        return folders
    docs = _read(corpus_path, sizes)
    for d in docs:
        d["_key"] = _key(d["text"])
        d["_imlai"] = _key(imlai(d["text"])) if len(d["text"]) < 1000 else ""
    by = {c: [d for d in docs if d["collection"] == c]
          for c in ("quran", "hadith", "saudinewsnet", "tafsir")}
    verses = [v for v in by["quran"] if v["query_verse"]]
    verses = sorted(verses, key=lambda v: seeded_hash(SEED, "order:" + v["id"]))
    sets = {**_pasted_verses(verses, docs, sizes.queries),
            "pasted_hadith": _pasted_hadith(by["hadith"], sizes.queries),
            "pasted_news": _pasted_news(by["saudinewsnet"], sizes.queries),
            "news_body": _news_body(by["saudinewsnet"], 2 * sizes.queries),
            "hadith_matn": _hadith_matn(by["hadith"], 2 * sizes.queries)}
    root.mkdir(parents=True, exist_ok=True)
    corpus_file = root / "corpus.jsonl"
    with open(corpus_file, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({k: v for k, v in d.items() if not k.startswith("_")
                                and k != "query_verse"}, ensure_ascii=False) + "\n")
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        link = folder / "corpus.jsonl"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(Path("..") / corpus_file.name)
        with open(folder / "queries.tsv", "w", encoding="utf-8") as fq, \
                open(folder / "qrels.tsv", "w", encoding="utf-8") as fr:
            for qid, text, relevant in sets[folder.name]:
                fq.write(f"{qid}\t{' '.join(text.split())}\n")
                fr.writelines(f"{qid}\t{r}\t1\n" for r in relevant)
    return folders


# -- passages ----------------------------------------------------------------
PASSAGE_SEED = 22


def build_passages(corpus_path: Path = BENCH_CORPUS, out: Path = OUT,
                   articles: int = 1500, queries: int = 300) -> Path:
    """``news_passages``: long questions over passages that share a title.

    Wikipedia-style retrieval in miniature: ``articles`` titled news articles
    of four paragraphs or more are cut at their line breaks, and every
    paragraph of 20 words or more is a passage with the article's title (so
    a title names the subject of many passages, and answers none).  A query
    asks about one sentence of a passage after the first: an interrogative,
    4-8 of the sentence's content words in their order, and one or two
    content words of the title (the entity a question names), 7-12 words in
    all.  Relevant: that passage.  A ranking that adds a title match to every
    passage of the article on top of the body's evidence puts the article's
    other passages first.
    """
    st = Path(corpus_path).stat()
    rules = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()
    tag = hashlib.sha1(json.dumps([PASSAGE_SEED, articles, queries, rules, st.st_size,
                                   int(st.st_mtime)]).encode()).hexdigest()[:10]
    folder = Path(out) / f"p{PASSAGE_SEED}-{tag}" / "news_passages"
    if (folder / "qrels.tsv").exists():
        return folder
    candidates = []
    for doc in iter_corpus(corpus_path):
        if doc["collection"] == "saudinewsnet" and doc.get("title") and \
                doc["text"].count("\n") >= 3:
            candidates.append(doc)
    chosen = sorted(candidates, key=lambda d: seeded_hash(PASSAGE_SEED, d["id"]))[:articles]
    passages = []
    for d in chosen:
        for k, para in enumerate(p for p in d["text"].split("\n") if len(words(p)) >= 20):
            passages.append({"id": f"{d['id']}#{k}", "title": d["title"], "text": para.strip(),
                             "collection": "saudinewsnet", "category": d.get("category", ""),
                             "date": d.get("date", "")})
    asked = []
    for p in sorted(passages, key=lambda p: seeded_hash(PASSAGE_SEED, "q:" + p["id"])):
        if len(asked) >= queries:
            break
        if p["id"].endswith("#0"):
            continue  # the lead paragraph retells the title
        h = seeded_hash(PASSAGE_SEED, "s:" + p["id"])
        sentences = _sentences(p["text"], 8, 60)
        title_words = [w for w in words(p["title"]) if w not in _FUNCTION and len(w) >= 3]
        if not sentences or not title_words:
            continue
        content = [w for w in words(sentences[h % len(sentences)])
                   if w not in _FUNCTION and len(w) >= 3 and w not in title_words]
        if len(content) < 4:
            continue
        size = 4 + (h >> 8) % 5
        start = (h >> 16) % max(1, len(content) - size + 1)
        named = title_words[(h >> 24) % len(title_words):][:1 + (h >> 28) % 2]
        question = " ".join([_ASK[(h >> 32) % len(_ASK)], *content[start:start + size], *named])
        asked.append((f"p{len(asked):03d}", question, p["id"]))
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "corpus.jsonl", "w", encoding="utf-8") as f:
        for p in passages:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    with open(folder / "queries.tsv", "w", encoding="utf-8") as fq, \
            open(folder / "qrels.tsv", "w", encoding="utf-8") as fr:
        for qid, text, pid in asked:
            fq.write(f"{qid}\t{text}\n")
            fr.write(f"{qid}\t{pid}\t1\n")
    return folder
