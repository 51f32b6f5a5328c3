"""Index and query speed of seedsearch against stock Whoosh, in one run.

Every figure is a ratio against stock Whoosh 2.7.4 (StandardAnalyzer, the
same stored fields) measured on the same documents in the same run, with the
absolute numbers beside it: these machines are shared and absolute times
drift between runs.  Each index build runs in a fresh child process, so its
peak RSS is its own; the indexing workers that process forks are counted
too ("peak RSS MB" is the larger of the two, "main / worker MB" shows both).

The queries are of two sorts.  *Plain* queries are what people type most:
1-3 consecutive words cut from a random document, stop words and all, and
they are reported on their own.  The *mix* adds one kind each of 1 word,
2-3 words from anywhere in a document, a phrase, a prefix, a fuzzy word and
a filtered word.  Each query is distinct and timed once, after warm-up
queries none of the timed ones repeats, so no engine answers from a cache
of its own results.  After the build, a fresh process opens the index and
answers one query (``open + first query``); and the heaviest inputs a user
can type (a one- or two-letter prefix, many prefixes, an over-long word,
deep brackets) are timed one by one.
"""

from __future__ import annotations

import itertools
import multiprocessing
import random
import time

from .common import (
    Timer,
    dir_size_mb,
    iter_corpus,
    markdown_table,
    note,
    peak_rss_parts_mb,
    scratch_dir,
)
from .engines import Bm25sStemmer, Seedsearch, StockWhoosh, Tantivy

PLAIN = "plain"
MIX_KINDS = ("1-word", "2-3 words", "phrase", "prefix", "fuzzy", "filtered")
QUERY_KINDS = (PLAIN, *MIX_KINDS)
#: The kinds a peer engine answers (its syntax for the others differs).
PEER_KINDS = frozenset({PLAIN, "2-3 words"})

#: The heaviest inputs a user can type, each timed once after the build.
HEAVY = {
    "ا*": "ا*", "ال*": "ال*", "م*": "م*",
    "60 prefixes": " ".join(f"{a}{b}*" for a, b in itertools.product("امبتس", "لنرسمعوي"))[:400],
    "word of 1,000 letters": "الرئيس " + "سوري" * 250,
    "brackets 400 deep": "(" * 400 + "موسكو" + ")" * 400,
    "64 words": " ".join(["الصلاة", "الرئيس", "موسكو", "العلم"] * 16),
}


# -- index builds -------------------------------------------------------------
def _engine(name, procs):
    if name == "seedsearch":
        return Seedsearch(procs=procs)
    return {"stock whoosh": StockWhoosh, "tantivy": Tantivy, "bm25s": Bm25sStemmer}[name]()


def _timed(engine, query, k=10) -> float:
    start = time.perf_counter()
    engine.search(query, k=k)
    return (time.perf_counter() - start) * 1000


def _build_child(name, procs, corpus, n, folder, queries, out):
    """In a child process: build, time queries, report with peak RSS
    (the larger of this process and its own workers)."""
    engine = _engine(name, procs)
    docs = list(iter_corpus(corpus, n))
    chars = sum(len(d.get("text") or "") + len(d.get("title") or "") for d in docs)
    with Timer() as t:
        count = engine.build(iter(docs), folder)
    del docs
    warmup, timed = queries
    peer = name in ("tantivy", "bm25s")
    for kind, query in warmup:
        if not peer or kind in PEER_KINDS:
            engine.search(query, k=10)
    latencies = {kind: [] for kind in QUERY_KINDS}
    for kind, query in timed:
        if not peer or kind in PEER_KINDS:
            latencies[kind].append(_timed(engine, query))
    # Every query again at a limit from 1 to 100: the slowest is reported
    # (no query may hang or crawl at an odd limit, limit=1 included).
    slowest = 0.0
    heavy = {}
    if not peer:
        rng = random.Random(len(timed))
        for _kind, query in timed:
            slowest = max(slowest, _timed(engine, query, rng.randint(1, 100)))
        if name == "seedsearch":
            heavy = {label: _timed(engine, query) for label, query in HEAVY.items()}
    engine.close()
    main, workers = peak_rss_parts_mb()
    out.put({"engine": name if name != "seedsearch" else f"seedsearch procs={procs}",
             "docs": count, "seconds": t.seconds, "mb_text": chars * 2 / 1e6,
             "size_mb": dir_size_mb(folder), "rss_mb": max(main, workers),
             "rss_main_mb": main, "rss_workers_mb": workers, "latencies": latencies,
             "slowest_any_limit_ms": slowest, "heavy_ms": heavy})


def _open_child(name, folder, query, out):
    """In a fresh process: open the index and answer one query."""
    with Timer() as t:
        if name == "seedsearch":
            from seedsearch import Index

            with Index.open(folder) as ix:
                [h.id for h in ix.search(query)]
        else:
            from whoosh import index as windex
            from whoosh.qparser import MultifieldParser, OrGroup

            ix = windex.open_dir(str(folder))
            with ix.searcher() as s:
                q = MultifieldParser(["title", "text"], ix.schema, group=OrGroup).parse(query)
                [h["id"] for h in s.search(q, limit=10)]
    out.put(t.seconds * 1000)


def _in_child(target, *args):
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, out))
    proc.start()
    result = out.get()
    proc.join()
    return result


def build_and_query(name, procs, corpus, n, queries, first_query) -> dict:
    with scratch_dir("seedsearch-speed-") as tmp:
        row = _in_child(_build_child, name, procs, corpus, n, tmp / "ix", queries)
        if name in ("seedsearch", "stock whoosh"):
            row["open_ms"] = _in_child(_open_child, name, tmp / "ix", first_query)
    return row


# -- queries --------------------------------------------------------------------
def _word_runs(corpus, n_docs, rng, samples=600, numbers=True):
    """(words of the text, harakat stripped; collection) of random documents."""
    from seedsearch.analysis import WORD_PATTERN
    from seedsearch.text.normalize import strip_diacritics

    docs = list(iter_corpus(corpus, n_docs))
    out = []
    for doc in rng.sample(docs, min(len(docs), samples)):
        words = [strip_diacritics(w) for w in WORD_PATTERN.findall(doc.get("text") or "")]
        words = [w for w in words if w and (numbers or not w.isdigit())]
        if len(words) >= 4:
            out.append((words, doc.get("collection") or ""))
    return out


def draw_plain(corpus, n_docs, m, seed=20261203) -> list[tuple[str, str]]:
    """M distinct plain queries: 1-3 consecutive words of a random document
    among the first n_docs, stop words kept (as people type them)."""
    rng = random.Random(seed)
    runs = _word_runs(corpus, n_docs, rng)
    queries: dict[str, None] = {}
    for _ in range(50 * m):
        if len(queries) == m or not runs:
            break
        words, _ = rng.choice(runs)
        k = rng.choice((1, 2, 3))
        at = rng.randrange(len(words) - k + 1)
        queries[" ".join(words[at:at + k])] = None
    return [(PLAIN, q) for q in queries]


def draw_mix(corpus, n_docs, m, seed=20260128) -> list[tuple[str, str]]:
    """M distinct queries of the six mixed kinds drawn reproducibly from the
    first n_docs documents."""
    from seedsearch.text.terms import is_stopped

    rng = random.Random(seed)
    pool = [(words, c) for words, c in _word_runs(corpus, n_docs, rng, 400, numbers=False)
            if len([w for w in words if len(w) >= 3]) >= 4]
    queries: list[tuple[str, str]] = []
    seen = set()
    for i in itertools.count():
        if len(queries) == m or i > 50 * m or not pool:
            break
        kind = MIX_KINDS[i % len(MIX_KINDS)]
        words, collection = rng.choice(pool)
        words = [w for w in words if len(w) >= 3]
        content = [w for w in words if not is_stopped(w)] or words
        at = rng.randrange(len(words) - 2)
        if kind == "1-word":
            q = rng.choice(content)
        elif kind == "2-3 words":
            q = " ".join(rng.sample(content, min(len(content), rng.choice((2, 3)))))
        elif kind == "phrase":
            q = f'"{words[at]} {words[at + 1]}"'
        elif kind == "prefix":
            q = rng.choice(content)[:4] + "*"
        elif kind == "fuzzy":
            w = list(rng.choice(content))
            w[rng.randrange(1, len(w))] = rng.choice("بتسلمنوي")
            q = "".join(w) + "~"
        else:
            q = f"{rng.choice(content)} collection:{collection}" if collection else rng.choice(content)
        if q not in seen:
            seen.add(q)
            queries.append((kind, q))
    return queries


def warmup_and_timed(corpus, n_docs, m, plain):
    """Warm-up queries (a fifth as many, at most 60, of each sort), then the
    timed ones, none of which was a warm-up query: each timed query runs
    once, so no engine answers it from a cache of its own results."""
    warm_mix, warm_plain = max(1, min(60, m // 5)), max(1, min(60, plain // 5))
    mix = draw_mix(corpus, n_docs, m + warm_mix)
    plains = draw_plain(corpus, n_docs, plain + warm_plain)
    return mix[:warm_mix] + plains[:warm_plain], mix[warm_mix:] + plains[warm_plain:]


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


# -- analysis only ----------------------------------------------------------------
def analysis_speed(corpus, n_docs) -> dict:
    from whoosh.analysis import StandardAnalyzer

    from seedsearch import ArabicAnalyzer

    texts = [d.get("text") or "" for d in iter_corpus(corpus, n_docs)]
    out = {"docs": len(texts)}
    for label, analyzer in (("stock", StandardAnalyzer()), ("seedsearch", ArabicAnalyzer())):
        with Timer() as t:
            tokens = sum(1 for text in texts for _ in analyzer(text, mode="index"))
        out[label] = {"seconds": t.seconds, "tokens": tokens,
                      "tokens_per_s": tokens / t.seconds if t.seconds else 0.0,
                      "words_per_s": _words(texts) / t.seconds if t.seconds else 0.0}
    return out


def _words(texts):
    from seedsearch.analysis import WORD_PATTERN

    return sum(len(WORD_PATTERN.findall(t)) for t in texts)


# -- the whole run ------------------------------------------------------------------
def run_speed(corpus, scales, m, procs, peers=True, variants=True,
              plain=500) -> tuple[dict, str]:
    from seedsearch.batches import default_procs

    scales = sorted(set(scales))
    queries = warmup_and_timed(corpus, scales[0], m, plain)
    first_query = next(q for kind, q in queries[1] if kind == PLAIN)
    report = {"corpus": str(corpus), "queries": m, "plain": plain, "scales": []}
    for n in scales:
        default = default_procs(n)
        engines = [("stock whoosh", None), ("seedsearch", default)]
        if variants:
            engines += [("seedsearch", p) for p in dict.fromkeys((1, 2, procs or 1))
                        if p != default]
        if peers:
            engines += [(p, None) for p, cls in (("tantivy", Tantivy), ("bm25s", Bm25sStemmer))
                        if cls.available()]
        rows = []
        for name, p in engines:
            note(f"speed: {name}{f' procs={p}' if p else ''} on {n} documents …")
            row = build_and_query(name, p, corpus, n, queries, first_query)
            if name == "seedsearch" and p == default:
                row["engine"] = f"seedsearch default (procs={p})"
            rows.append(row)
        report["scales"].append({"docs": rows[0]["docs"], "rows": rows})
    note("speed: analysis only …")
    report["analysis"] = analysis_speed(corpus, min(scales[-1], 5000))
    return report, format_speed(report)


def _summary(row, kinds):
    values = list(itertools.chain.from_iterable(
        v for k, v in row["latencies"].items() if k in kinds))
    return percentile(values, 50), percentile(values, 95)


def _ratio(a, b):
    return a / b if a == a and b == b and b else float("nan")


def _rss_parts(row) -> str:
    """Peak RSS of the building process and of its largest worker ("-": none)."""
    if "rss_main_mb" not in row:  # a run saved before the split
        return "-"
    workers = row["rss_workers_mb"]
    return f"{row['rss_main_mb']:.0f} / {workers:.0f}" if workers else f"{row['rss_main_mb']:.0f} / -"


def _is_default(row) -> bool:
    return row["engine"].startswith(("seedsearch default", "stock"))


def format_speed(report) -> str:
    parts = []
    for scale in report["scales"]:
        rows = scale["rows"]
        stock = next(r for r in rows if r["engine"] == "stock whoosh")
        s50, s95 = _summary(stock, {PLAIN})
        m50, m95 = _summary(stock, set(MIX_KINDS))
        table = []
        for r in rows:
            p50, p95 = _summary(r, {PLAIN})
            x50, x95 = _summary(r, set(MIX_KINDS))
            table.append([r["engine"], r["docs"], r["seconds"], r["seconds"] / stock["seconds"],
                          r["size_mb"], r["size_mb"] / stock["size_mb"], r["rss_mb"],
                          _rss_parts(r), p50, p95, _ratio(p50, s50), _ratio(p95, s95),
                          _ratio(x50, m50), _ratio(x95, m95), r.get("open_ms", float("nan")),
                          r.get("slowest_any_limit_ms", float("nan"))])
        parts.append(f"### {scale['docs']:,} documents\n\n" + markdown_table(
            ["engine", "docs", "build s", "build ratio vs stock", "index MB", "size ratio",
             "peak RSS MB", "main / worker MB", "plain p50 ms", "plain p95 ms",
             "plain p50 ratio", "plain p95 ratio", "mix p50 ratio", "mix p95 ratio",
             "open + first query ms", "slowest ms, limit 1-100"], table))
        kinds = []
        for r in rows:
            if _is_default(r):
                kinds.append([r["engine"]] + [
                    f"{percentile(r['latencies'][k], 50):.1f} / "
                    f"{percentile(r['latencies'][k], 95):.1f}" for k in QUERY_KINDS])
        parts.append("Query p50 / p95 (ms) by kind:\n\n" + markdown_table(
            ["engine", *QUERY_KINDS], kinds))
        heavy = next((r["heavy_ms"] for r in rows if r["engine"].startswith("seedsearch default")
                      and r.get("heavy_ms")), None)
        if heavy:
            parts.append("The heaviest inputs (seedsearch default, ms):\n\n" + markdown_table(
                list(heavy), [list(heavy.values())]))
    a = report["analysis"]
    parts.append(markdown_table(
        ["analysis only", "docs", "tokens", "seconds", "tokens/s", "words/s", "ratio (words/s)"],
        [["stock StandardAnalyzer", a["docs"], a["stock"]["tokens"], a["stock"]["seconds"],
          a["stock"]["tokens_per_s"], a["stock"]["words_per_s"], 1.0],
         ["seedsearch ArabicAnalyzer", a["docs"], a["seedsearch"]["tokens"],
          a["seedsearch"]["seconds"], a["seedsearch"]["tokens_per_s"],
          a["seedsearch"]["words_per_s"],
          a["seedsearch"]["words_per_s"] / a["stock"]["words_per_s"]]]))
    return "\n\n".join(parts)


def plot(report, path):
    """Build time, index size and plain-query p50 and p95 against the number
    of documents, for stock Whoosh and seedsearch at its defaults."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = (("build (s)", lambda r: r["seconds"]), ("index (MB)", lambda r: r["size_mb"]),
              ("plain query p50 (ms)", lambda r: _summary(r, {PLAIN})[0]),
              ("plain query p95 (ms)", lambda r: _summary(r, {PLAIN})[1]))
    fig, axes = plt.subplots(1, 4, figsize=(14, 3.4))
    engines = [e for e in dict.fromkeys(r["engine"] for s in report["scales"] for r in s["rows"])
               if e.startswith(("stock", "seedsearch default"))]
    for ax, (title, value) in zip(axes, panels):
        for engine in engines:
            points = [(s["docs"], value(r)) for s in report["scales"] for r in s["rows"]
                      if r["engine"] == engine]
            ax.plot(*zip(*points), marker="o",
                    label="stock Whoosh" if engine.startswith("stock") else "seedsearch")
        ax.set(xscale="log", yscale="log", xlabel="documents", title=title)
        ax.grid(True, which="both", alpha=0.3)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
