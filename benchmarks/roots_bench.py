"""``python -m benchmarks.roots_bench``: word -> root candidates measured on the gold.

Every candidate is a function ``word -> tuple of roots`` (best first, at most
two kept), run on the three sets of :mod:`benchmarks.roots_gold`, and on the
distinct words of the bench corpus's 6,236 Qur'an verses and first 2,000 hadith
(coverage and speed only: that text has no gold here).  A candidate whose
package is not installed is left out; the peers are GPL or large, so they are
not in any extra of seedsearch: ``pip install nltk tashaphyne qalsadi farahidi
bayan-tokenizer mazini arramooz-pysqlite`` in a scratch virtualenv.

Figures, per set and class:

* **acc@1**: the first root returned is the gold root (a word without a root
  counts as right when nothing is returned);
* **acc@2**: the gold root is among the first two;
* **answered**: some root is returned (for words that have one);
* **words/s**: distinct corpus words per second, cold (no cache), one core,
  the best of three runs (one run of a 1,500-word sample for a candidate
  slower than 1,000 words/s); run with ``PYTHONHASHSEED=0``, since tashaphyne's
  answers depend on set order.

A returned "root" must have 3 or 4 letters after :func:`canon`; a stemmer that
returns a stem of another length has not answered.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import BENCH_CORPUS  # noqa: E402
from benchmarks.roots_gold import Pair, all_sets, canon  # noqa: E402

Candidate = Callable[[str], tuple[str, ...]]
_WORD = re.compile(r"[\u0621-\u064a\u0671\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+")
_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def _roots(values) -> tuple[str, ...]:
    """Canonical 3-4 letter roots, most frequent first (ties: first seen)."""
    counts = collections.Counter()
    order: dict[str, int] = {}
    for v in values:
        if not v:
            continue
        r = canon(v)
        if 3 <= len(r) <= 4:
            counts[r] += 1
            order.setdefault(r, len(order))
    return tuple(sorted(counts, key=lambda r: (-counts[r], order[r])))


def cand_isri() -> Candidate:
    from nltk.stem.isri import ISRIStemmer

    stemmer = ISRIStemmer()
    return lambda w: _roots([stemmer.stem(w)])


def cand_tashaphyne() -> Candidate:
    from tashaphyne.stemming import ArabicLightStemmer

    stemmer = ArabicLightStemmer()

    def run(w: str) -> tuple[str, ...]:
        stemmer.light_stem(w)
        return _roots([stemmer.get_root()])
    return run


def cand_qalsadi() -> Candidate:
    import qalsadi.analex

    analyzer = qalsadi.analex.Analex()
    return lambda w: _roots(a.root for a in analyzer.check_word(w))


def cand_farahidi() -> Candidate:
    import farahidi

    return lambda w: _roots(a.root for a in farahidi.analyze(w))


def cand_bayan() -> Candidate:
    from bayan._tok.morphology import ArabicMorphAnalyzer

    m = ArabicMorphAnalyzer()
    return lambda w: _roots([m.extract_root(w)])


def cand_seedsearch() -> Candidate:
    from seedsearch.text.roots import roots_of

    return roots_of


def cand_seedsearch_normalized() -> Candidate:
    """The same, given the word as the index holds it (أ إ آ folded to ا, ة to ه)."""
    from seedsearch.text.normalize import normalize
    from seedsearch.text.roots import roots_of

    return lambda w: roots_of(normalize(w))


def cand_isri_checked() -> Candidate:
    """ISRI, kept only when its answer is a root of seedsearch's inventory."""
    from seedsearch.text.roots import known_roots

    isri = cand_isri()
    return lambda w: tuple(r for r in isri(w) if r in known_roots())


def cand_seedsearch_then_isri() -> Candidate:
    """seedsearch, and ISRI for the words it gives no root."""
    ours, isri = cand_seedsearch(), cand_isri()
    return lambda w: ours(w) or isri(w)


CANDIDATES: dict[str, Callable[[], Candidate]] = {
    "seedsearch.text.roots": cand_seedsearch,
    "same, on normalized words": cand_seedsearch_normalized,
    "ISRI (nltk)": cand_isri,
    "ISRI + root list": cand_isri_checked,
    "seedsearch, then ISRI": cand_seedsearch_then_isri,
    "tashaphyne get_root": cand_tashaphyne,
    "qalsadi (arramooz)": cand_qalsadi,
    "farahidi (AlKhalil 2)": cand_farahidi,
    "bayan-tokenizer": cand_bayan,
}


#: What each candidate is, as recorded when measured (licence from the package's
#: metadata; size installed, with the packages it pulls in).
ABOUT: dict[str, tuple[str, str]] = {
    "seedsearch.text.roots": ("MIT code, CC BY 4.0 root list", "31 KB data + 24 KB code, no new dependency"),
    "same, on normalized words": ("as above", "as above"),
    "ISRI (nltk)": ("Apache-2.0", "nltk 14 MB + regex, joblib, click"),
    "ISRI + root list": ("Apache-2.0 + CC BY 4.0", "as the two"),
    "seedsearch, then ISRI": ("MIT + CC BY 4.0 + Apache-2.0", "as the two"),
    "tashaphyne get_root": ("GPL", "6.4 MB + pyarabic"),
    "qalsadi (arramooz)": ("GPL", "qalsadi 6.6 MB, arramooz 22 MB, naftawayh 3.9 MB, "
                           "libqutrub, alyahmor, tashaphyne, 5 more: ~60 MB"),
    "farahidi (AlKhalil 2)": ("GPL-3.0-or-later", "12 MB"),
    "bayan-tokenizer": ("MIT", "240 KB"),
}

HAND_CLASSES = ("sound", "hollow", "assimilated", "defective", "doubly_weak", "doubled",
                "hamzated", "quadriliteral", "clitic", "name", "particle")
SHAPE_CLASSES = ("sound", "hollow", "assimilated", "defective", "doubly_weak", "doubled",
                 "hamzated", "quadriliteral")


def _pooled(row: dict, sets: tuple[str, ...], cls: str, key: str) -> tuple[float, int]:
    n = sum(row["sets"][s][cls]["n"] for s in sets if cls in row["sets"].get(s, {}))
    if not n:
        return float("nan"), 0
    return sum(row["sets"][s][cls][key] * row["sets"][s][cls]["n"]
               for s in sets if cls in row["sets"].get(s, {})) / n, n


def markdown(report: dict) -> str:
    """The tables of benchmarks/ROOTS.md."""
    def pct(x: float) -> str:
        return "–" if x != x else f"{100 * x:.1f}"

    out = ["| candidate | licence | hand acc@1 (acc@2) | arramooz acc@1 (acc@2) | mazini acc@1 (acc@2) "
           "| answered, hand / arramooz / mazini | Qur'an words answered | hadith words answered "
           "| words/s | size |", "|" + "---|" * 10]
    for name, row in report.items():
        s = row["sets"]
        cells = [f"{pct(s[k]['all']['acc1'])} ({pct(s[k]['all']['acc2'])})" if k in s else "–"
                 for k in ("hand", "arramooz", "mazini")]
        answered = " / ".join(pct(s[k]["all"]["answered"]) for k in ("hand", "arramooz", "mazini") if k in s)
        corpus = row.get("corpus", {})
        speed = [v["words_per_s"] for v in corpus.values()]
        lic, size = ABOUT.get(name, ("?", "?"))
        out.append(f"| {name} | {lic} | " + " | ".join(cells) + f" | {answered} | "
                   + " | ".join(pct(corpus[c]["answered"]) if c in corpus else "–"
                                for c in ("quran", "hadith"))
                   + f" | {min(speed):,.0f}" * bool(speed) + " |" * (not speed) + f" | {size} |")
    for title, sets, classes in (("hand", ("hand",), HAND_CLASSES),
                                 ("arramooz + mazini", ("arramooz", "mazini"), SHAPE_CLASSES)):
        first = next(iter(report.values()))
        ns = [_pooled(first, sets, c, "acc1")[1] for c in classes]
        out += ["", f"acc@1 (acc@2) by class, {title} gold:", "",
                "| candidate | " + " | ".join(f"{c} ({n})" for c, n in zip(classes, ns)) + " |",
                "|" + "---|" * (len(classes) + 1)]
        for name, row in report.items():
            out.append(f"| {name} | " + " | ".join(
                f"{pct(_pooled(row, sets, c, 'acc1')[0])} ({pct(_pooled(row, sets, c, 'acc2')[0])})"
                for c in classes) + " |")
    return "\n".join(out) + "\n"


def score(fn: Candidate, pairs: list[Pair]) -> dict[str, dict[str, float]]:
    """acc@1, acc@2 and answered, overall and per class."""
    by: dict[str, list[tuple[bool, bool, bool, bool]]] = collections.defaultdict(list)
    for p in pairs:
        try:
            got = fn(p.word)[:2]
        except Exception:  # noqa: BLE001 (a crash is a wrong answer)
            got = ()
        if p.root:
            row = (bool(got) and got[0] == p.root, p.root in got, bool(got), True)
        else:
            row = (not got, not got, bool(got), False)
        by[p.cls].append(row)
        by["all"].append(row)
    out = {}
    for cls, rows in by.items():
        rooted = [r for r in rows if r[3]]
        out[cls] = {"n": len(rows), "acc1": sum(r[0] for r in rows) / len(rows),
                    "acc2": sum(r[1] for r in rows) / len(rows),
                    "answered": (sum(r[2] for r in rooted) / len(rooted)) if rooted else 0.0}
    return out


def corpus_words(path: Path, hadith: int = 2000) -> dict[str, list[str]]:
    """Distinct bare words of the Qur'an verses and of the first ``hadith`` hadith."""
    words: dict[str, set[str]] = {"quran": set(), "hadith": set()}
    seen_hadith = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            coll = doc.get("collection")
            if coll == "hadith":
                if seen_hadith >= hadith:
                    continue
                seen_hadith += 1
            elif coll != "quran":
                continue
            for w in _WORD.findall(doc["text"]):
                bare = _HARAKAT.sub("", w).replace("ٱ", "ا")
                if len(bare) >= 2:
                    words[coll].add(bare)
    return {k: sorted(v) for k, v in words.items()}


def coverage(fn: Candidate, words: list[str], limit: int | None,
             repeat: int = 1) -> tuple[float, float]:
    """Share of the words that get a root, and words per second (the best of
    ``repeat`` runs: the machine is shared, and a neighbour only slows a run)."""
    sample = words if limit is None else words[:: max(1, len(words) // limit)]
    best = float("inf")
    for _ in range(repeat):
        try:  # time seedsearch cold: its cache may hold words of an earlier run
            from seedsearch.text.roots import roots_of
            roots_of.cache_clear()
        except ImportError:
            pass
        start = time.perf_counter()
        got = 0
        for w in sample:
            try:
                got += bool(fn(w))
            except Exception:  # noqa: BLE001
                pass
        best = min(best, time.perf_counter() - start)
    return got / len(sample), len(sample) / best if best else float("inf")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BENCH_CORPUS)
    parser.add_argument("--only", nargs="*", help="candidate names (substrings)")
    parser.add_argument("--slow-sample", type=int, default=1500,
                        help="corpus words timed for candidates slower than 1,000 words/s")
    parser.add_argument("--no-corpus", action="store_true", help="the gold sets only")
    parser.add_argument("--markdown", type=Path, help="write the tables of ROOTS.md here")
    parser.add_argument("--from-json", type=Path, help="only render --markdown from an earlier --json")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--errors", type=Path, help="write the wrong answers of each candidate here")
    args = parser.parse_args(argv)
    if args.from_json:
        text = markdown(json.loads(args.from_json.read_text(encoding="utf-8")))
        (args.markdown.write_text(text, encoding="utf-8") if args.markdown else print(text))
        return 0
    sets = all_sets()
    print("gold:", ", ".join(f"{k} {len(v)}" for k, v in sets.items()))
    words = corpus_words(args.corpus) if args.corpus.exists() and not args.no_corpus else {}
    print("corpus words:", ", ".join(f"{k} {len(v):,}" for k, v in words.items()))
    report = {}
    errors = []
    for name, make in CANDIDATES.items():
        if args.only and not any(o.lower() in name.lower() for o in args.only):
            continue
        try:
            t0 = time.perf_counter()
            fn = make()
            fn("كتاب")
            load = time.perf_counter() - t0
        except ImportError as e:
            print(f"{name}: not installed ({e.name})")
            continue
        row: dict = {"load_s": load, "sets": {}, "corpus": {}}
        for set_name, pairs in sets.items():
            row["sets"][set_name] = score(fn, pairs)
            if args.errors:
                for p in pairs:
                    got = fn(p.word)[:2]
                    if (got[:1] != (p.root,)) if p.root else got:
                        errors.append(f"{name}\t{set_name}\t{p.cls}\t{p.word}\t{p.root}\t{' '.join(got)}")
        for coll, ws in words.items():
            speed_probe = coverage(fn, ws[:200], None)[1]
            limit = None if speed_probe > 1000 else args.slow_sample
            cov, wps = coverage(fn, ws, limit, repeat=3 if limit is None else 1)
            row["corpus"][coll] = {"words": len(ws) if limit is None else limit,
                                   "answered": cov, "words_per_s": wps}
        report[name] = row
        s = row["sets"]
        print(f"{name:24} " + "  ".join(
            f"{k}: acc@1 {v['all']['acc1']:.3f} acc@2 {v['all']['acc2']:.3f} ans {v['all']['answered']:.3f}"
            for k, v in s.items()) + "  " + "  ".join(
            f"{c}: {v['answered']:.3f} @ {v['words_per_s']:,.0f} w/s" for c, v in row["corpus"].items()),
            flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.errors:
        args.errors.write_text("\n".join(errors) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(markdown(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
