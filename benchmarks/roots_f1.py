"""Root search, end to end: precision, recall and F1 of ``root:`` at verse level.

    python -m benchmarks.roots_f1 [--hadith 2000] [--json out.json]

On the Qur'an (the bench corpus's 6,236 Uthmani verses, read in imla'i script
by :func:`benchmarks.devsets.imlai`) and on the first 2,000 hadith, does
``root:كتب`` return the verses that hold a word of that root?

The gold is a word -> root lexicon from the sources of
:mod:`benchmarks.roots_gold`, none of them the Quranic Arabic Corpus (held out):
the hand-written pairs, arramooz's tool words and **every** noun and verb of the
arramooz dictionary (GPL, read at run time from ``arramooz-pysqlite``, never
stored here), and **every** form mazini conjugates of every verb attested in
al-Bawwab and Mir Alam's tables (CC BY 4.0) that one root alone gives
(:func:`gold_roots` says in which order they are believed).  A word of a text
is judged when the lexicon has it, as written (harakat removed) or after one
proclitic (و ف ب ل ك ال وال فال بال لل ول فل) and one pronoun suffix (ه ها هم
هما هن كم ك نا ني ي) are taken off, with one root or none; other words are
dropped from the texts: every text is indexed as its judged words only, in
their order, so that every verse a query returns can be judged.  (So the
figures speak of the words the gold covers, about three quarters of the
running words; and the lexicon has errors of its own, a few per cent by
``roots_gold``'s reading, and the clitic stripping adds some.)

A verse is relevant to a root when one of its judged words has that root
in the gold; ``root:<letters>`` returns the verses it returns (no limit).
Every root of the gold that occurs in the texts is queried; micro figures
pool every (root, verse) pair, macro figures average the roots' F1.  The
same is measured with the root given as a word: for each root, its judged
word most frequent in the texts (an ambiguous word searches both its roots:
that costs precision, and counts).

First of all sources, unless ``--no-corrections``: ``roots/corrections.tsv``,
16 words frequent in the texts whose root the sources give plainly wrong for
running text (بن, "son of", under بنن, coffee; قلت, "I said", under the rare
noun قلت; كانت under نتو), each with its reason; the figures are reported both
ways.

Needs ``pip install mazini arramooz-pysqlite`` (without them the lexicon is
the hand-written pairs alone and the figures say little).  Prints a table
and, with ``--json``, writes every figure.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import pickle
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.common import SHARED
from benchmarks.devsets import ARABIC_WORD, bare, imlai
from benchmarks.roots_gold import _ARABIC_LETTERS, _root_shaped, canon, hand

CORPUS = SHARED / "bench" / "arabic_mix.jsonl.gz"
CORRECTIONS = Path(__file__).resolve().parent / "roots" / "corrections.tsv"
PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ول", "فل",
              "وب", "فب", "ولل")
ENCLITICS = ("", "ه", "ها", "هم", "هما", "هن", "كم", "ك", "نا", "ني", "ي")
_KEY = str.maketrans({"ى": "ي", "ٱ": "ا"})


def key(word: str) -> str:
    return bare(word).translate(_KEY)


#: Two roots: a word the gold cannot judge (it is left out of the texts).
AMBIGUOUS = {"?", "??"}
#: The kinds of arramooz's tool words that have no root.
ROOTLESS_TYPES = ("حرف", "ضمير", "حرف ابجدي")


def lexicon(corrections: bool = True) -> list[dict[str, set[str]]]:
    """Word (harakat removed, ى as ي) -> gold roots, one table per source in
    the order they are believed (see :func:`gold_roots`); an empty set
    means "no root".  With ``corrections``, first the few words of
    ``roots/corrections.tsv``, frequent in the texts, that the sources give
    a root plainly wrong for them there (بن under بنن, coffee; قلت, "I
    said", under the noun قلت), each with its reason."""
    hand_t: dict[str, set[str]] = collections.defaultdict(set)
    tools: dict[str, set[str]] = {}
    named: dict[str, set[str]] = {}
    dictionary: dict[str, set[str]] = collections.defaultdict(set)
    conjugated: dict[str, set[str]] = collections.defaultdict(set)
    for pair in hand():
        hand_t[key(pair.word)] |= {pair.root} if pair.root else set()
    fixed: dict[str, set[str]] = {}
    if corrections:
        for line in CORRECTIONS.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                word, root, _why = line.split("\t")
                fixed[key(word)] = AMBIGUOUS if root == "?" else ({root} if root else set())
    try:
        import os

        import arramooz

        base = os.path.join(os.path.dirname(arramooz.__file__), "data")
        con = sqlite3.connect(os.path.join(base, "arabicdictionary.sqlite"))
        unrooted: set[str] = set()  # words the dictionary gives no root of 3-4 letters
        for table in ("nouns", "verbs"):
            for word, root in con.execute(f"select unvocalized, root from {table}"):  # noqa: S608
                r = canon(root or "")
                if not word or not _ARABIC_LETTERS.match(word):
                    continue
                if len(r) in (3, 4) and _ARABIC_LETTERS.match(r) and _root_shaped(r):
                    dictionary[key(word)].add(r)
                else:
                    unrooted.add(key(word))
        for word in unrooted - set(dictionary):
            dictionary[word] = AMBIGUOUS  # (الله: "root" الله) not judged
        stop = sqlite3.connect(os.path.join(base, "stopwords.sqlite"))
        for word, kind, original in stop.execute(
                "select UNVOCALIZED, TYPE, ORIGINAL from STOPWORDS"):
            w, o = key(word), key(original or "")
            if w in dictionary or (o != w and o in dictionary and kind in ROOTLESS_TYPES):
                # also a noun or verb (رب, من: منّ): not judged, unless it is a
                # form of a verb or noun the dictionary has (وكان: كان)
                named[w] = set(dictionary[o]) if kind not in ROOTLESS_TYPES and o in dictionary \
                    else AMBIGUOUS
            elif kind in ROOTLESS_TYPES:
                tools[w] = set()
            else:  # a noun with no root (ذلك, الذين); a verb (وكان) the dictionary lacks: not judged
                named[w] = set(dictionary[o]) if o in dictionary else (
                    set() if kind == "اسم" else AMBIGUOUS)
    except ImportError:
        pass
    try:
        import mazini as mz
        from mazini.lexicon import attested_wazns, lexicon_roots

        for root in lexicon_roots():
            for wazn in attested_wazns(root):
                try:
                    conj = mz.conjugate(root, wazn)
                except Exception:  # noqa: BLE001, S112 (a verb mazini cannot conjugate)
                    continue
                for forms in conj.slots.values():
                    for f in forms:
                        conjugated[key(f.form)].add(canon(root))
    except ImportError:
        pass
    # A conjugated form is believed only when one root gives it and it has
    # three letters or more (mazini gives من for مون, مين, منن, مني and منو).
    conjugated = {w: r for w, r in conjugated.items() if len(r) == 1 and len(w) >= 3}
    return [fixed, dict(hand_t), named, tools, dict(dictionary), conjugated]


def _lookup(w: str, lex: list[dict[str, set[str]]]) -> set[str] | None:
    for table in lex:
        if w in table:
            return table[w]
    return None


def gold_roots(word: str, lex: list[dict[str, set[str]]]) -> set[str] | None:
    """The gold roots of a word of a text (see the module): the first source
    that has the word, as written or without its clitics, in the order hand
    pairs, arramooz's particles and pronouns (no root), arramooz's nouns and
    verbs, arramooz's other tool words (no root), mazini's unambiguous
    conjugations (after the corrections of ``roots/corrections.tsv``, when
    the lexicon has them); an empty set: no root; None or two roots: not
    judged."""
    w = key(word)
    # The word and its clitic-free rests in the hand pairs and arramooz first,
    # then in mazini's conjugations (الحق is also the imperative ألحق).
    for tables in (lex[:-1], lex[-1:]):
        found = _lookup(w, tables)
        if found is not None:
            return found
        for pre in PROCLITICS:
            if not w.startswith(pre):
                continue
            for suf in ENCLITICS:
                if (pre or suf) and w.endswith(suf) and len(w) - len(pre) - len(suf) >= 2:
                    rest = w[len(pre):len(w) - len(suf)]
                    found = _lookup(rest, tables)
                    if found is None and suf and rest.endswith("ت"):  # رحمته -> رحمة
                        found = _lookup(rest[:-1] + "ة", tables)
                    if found is not None:
                        return found
    return None


def texts(hadith: int) -> dict[str, list[tuple[str, str]]]:
    """(id, text as a user reads it) of the Qur'an's verses (imla'i) and of
    the first ``hadith`` hadith."""
    out: dict[str, list[tuple[str, str]]] = {"quran": [], "hadith": []}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            coll = doc.get("collection")
            if coll == "quran":
                out["quran"].append((doc["id"], imlai(doc["text"])))
            elif coll == "hadith" and len(out["hadith"]) < hadith:
                out["hadith"].append((doc["id"], doc["text"]))
    return out


def evaluate(name: str, docs: list[tuple[str, str]], lex: list[dict[str, set[str]]],
             folder: Path) -> dict:
    from seedsearch import Index

    judged_docs = []
    relevant: dict[str, set[str]] = collections.defaultdict(set)
    word_count: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    running = judged_running = 0
    for doc_id, text in docs:
        kept = []
        for w in ARABIC_WORD.findall(text):
            if not bare(w):
                continue
            running += 1
            roots = gold_roots(w, lex)
            if roots is not None and len(roots) <= 1:  # judged, unambiguously
                judged_running += 1
                kept.append(w)
                for r in roots:
                    relevant[r].add(doc_id)
                    word_count[r][bare(w)] += 1
        if kept:
            judged_docs.append({"id": doc_id, "text": " ".join(kept)})
    ix = Index.create(folder)
    ix.add_documents(judged_docs, procs=1)
    size = len(judged_docs)
    report: dict = {"texts": len(docs), "judged_texts": size, "running_words": running,
                    "judged_running_words": judged_running, "roots": len(relevant)}
    for how in ("letters", "word"):
        tp = fp = fn = 0
        f1s = []
        ms = []
        for root, rel in relevant.items():
            value = root if how == "letters" else word_count[root].most_common(1)[0][0]
            t = time.perf_counter()
            got = {h.id for h in ix.search(f"root:{value}", limit=size)}
            ms.append((time.perf_counter() - t) * 1000)
            a, b, c = len(got & rel), len(got - rel), len(rel - got)
            tp, fp, fn = tp + a, fp + b, fn + c
            f1s.append(2 * a / (2 * a + b + c) if a + b + c else 1.0)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        report[how] = {"precision": round(p, 3), "recall": round(r, 3),
                       "f1": round(2 * p * r / (p + r) if p + r else 0.0, 3),
                       "macro_f1": round(sum(f1s) / len(f1s), 3),
                       "ms_median": round(sorted(ms)[len(ms) // 2], 2)}
    ix.close()
    return report


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--hadith", type=int, default=2000)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--lexicon-cache", type=Path, help="keep the lexicon in this pickle")
    ap.add_argument("--no-corrections", action="store_true",
                    help="the sources' roots alone, without roots/corrections.tsv")
    args = ap.parse_args(argv)
    t = time.perf_counter()
    if args.lexicon_cache and args.lexicon_cache.exists():
        lex = pickle.loads(args.lexicon_cache.read_bytes())
    else:
        lex = lexicon(corrections=not args.no_corrections)
        if args.lexicon_cache:
            args.lexicon_cache.write_bytes(pickle.dumps(lex))
    report: dict = {"lexicon_words": sum(map(len, lex)), "lexicon_s": round(time.perf_counter() - t, 1)}
    with tempfile.TemporaryDirectory(prefix="roots-f1") as tmp:
        for name, docs in texts(args.hadith).items():
            report[name] = evaluate(name, docs, lex, Path(tmp) / name)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"lexicon: {report['lexicon_words']:,} words")
    print("| texts | judged words (of running) | roots | root as | precision | recall | F1 | "
          "macro F1 | ms (median) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in ("quran", "hadith"):
        r = report[name]
        for how in ("letters", "word"):
            m = r[how]
            print(f"| {name} ({r['judged_texts']:,} of {r['texts']:,}) | "
                  f"{r['judged_running_words']:,} of {r['running_words']:,} | {r['roots']:,} | "
                  f"{how} | {m['precision']} | {m['recall']} | {m['f1']} | {m['macro_f1']} | "
                  f"{m['ms_median']} |")


if __name__ == "__main__":
    main()
