"""Index and query speed of seedsearch against stock Whoosh, in one run.

Every figure is a ratio against stock Whoosh 2.7.4 (StandardAnalyzer, the
same stored fields) measured on the same documents in the same run, with the
absolute numbers beside it: these machines are shared and absolute times
drift between runs.  Each index build runs in a fresh child process, so its
peak RSS is its own; the indexing workers that process forks are counted
too ("peak RSS MB" is the larger of the two, "main / worker MB" shows both).
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

QUERY_KINDS = ("1-word", "2-3 words", "phrase", "prefix", "fuzzy", "filtered")


# -- index builds -------------------------------------------------------------
def _engine(name, procs):
    if name == "seedsearch":
        return Seedsearch(procs=procs)
    return {"stock whoosh": StockWhoosh, "tantivy": Tantivy, "bm25s": Bm25sStemmer}[name]()


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
        if not (peer and kind != "2-3 words"):
            engine.search(query, k=10)
    latencies = {kind: [] for kind in QUERY_KINDS}
    for kind, query in timed:
        if peer and kind != "2-3 words":
            continue  # peers answer plain queries only (their syntax differs)
        start = time.perf_counter()
        engine.search(query, k=10)
        latencies[kind].append((time.perf_counter() - start) * 1000)
    # Every query again at a limit from 1 to 100: the slowest is reported
    # (no query may hang or crawl at an odd limit, limit=1 included).
    slowest = 0.0
    if not peer:
        rng = random.Random(len(timed))
        for _kind, query in timed:
            start = time.perf_counter()
            engine.search(query, k=rng.randint(1, 100))
            slowest = max(slowest, (time.perf_counter() - start) * 1000)
    engine.close()
    main, workers = peak_rss_parts_mb()
    out.put({"engine": name if name != "seedsearch" else f"seedsearch procs={procs}",
             "docs": count, "seconds": t.seconds, "mb_text": chars * 2 / 1e6,
             "size_mb": dir_size_mb(folder), "rss_mb": max(main, workers),
             "rss_main_mb": main, "rss_workers_mb": workers, "latencies": latencies,
             "slowest_any_limit_ms": slowest})


def build_and_query(name, procs, corpus, n, queries) -> dict:
    ctx = multiprocessing.get_context("fork")
    out = ctx.Queue()
    with scratch_dir("seedsearch-speed-") as tmp:
        proc = ctx.Process(target=_build_child,
                           args=(name, procs, corpus, n, tmp / "ix", queries, out))
        proc.start()
        result = out.get()
        proc.join()
    return result


# -- queries --------------------------------------------------------------------
def draw_queries(corpus, n_docs, m, seed=20260128) -> list[tuple[str, str]]:
    """M distinct queries of six kinds drawn reproducibly from the first
    n_docs documents."""
    from seedsearch.analysis import WORD_PATTERN
    from seedsearch.text.normalize import strip_diacritics
    from seedsearch.text.terms import is_stopped

    rng = random.Random(seed)
    docs = list(iter_corpus(corpus, n_docs))
    pool = []
    for doc in rng.sample(docs, min(len(docs), 400)):
        words = [strip_diacritics(w) for w in WORD_PATTERN.findall(doc.get("text") or "")]
        words = [w for w in words if len(w) >= 3 and not w.isdigit()]
        if len(words) >= 4:
            pool.append((words, doc.get("collection") or ""))
    queries: list[tuple[str, str]] = []
    seen = set()
    for i in itertools.count():
        if len(queries) == m or i > 50 * m:
            break
        kind = QUERY_KINDS[i % len(QUERY_KINDS)]
        words, collection = rng.choice(pool)
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


def warmup_and_timed(corpus, n_docs, m):
    """Warm-up queries (a fifth as many, at most 60), then M distinct timed
    queries none of which was a warm-up query: each timed query runs once,
    so no engine answers it from a cache of its own results."""
    warmup = max(1, min(60, m // 5))
    drawn = draw_queries(corpus, n_docs, m + warmup)
    return drawn[:warmup], drawn[warmup:]


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


# -- cold open --------------------------------------------------------------------
def cold_open(corpus, n, query) -> dict:
    """Seconds to open an index and answer a first query (seedsearch, stock)."""
    out = {}
    with scratch_dir("seedsearch-cold-") as tmp:
        for name in ("stock whoosh", "seedsearch"):
            engine = _engine(name, 1)
            engine.build(iter_corpus(corpus, n), tmp / name.replace(" ", "_"))
            engine.close()
            with Timer() as t:
                if name == "seedsearch":
                    from seedsearch import Index

                    with Index.open(tmp / "seedsearch") as ix:
                        [h.id for h in ix.search(query)]
                else:
                    from whoosh import index as windex
                    from whoosh.qparser import MultifieldParser, OrGroup

                    ix = windex.open_dir(str(tmp / "stock_whoosh"))
                    with ix.searcher() as s:
                        q = MultifieldParser(["title", "text"], ix.schema, group=OrGroup).parse(query)
                        [h["id"] for h in s.search(q, limit=10)]
            out[name] = t.seconds * 1000
    return out


# -- the whole run ------------------------------------------------------------------
def run_speed(corpus, scales, m, procs, peers=True, variants=True) -> tuple[dict, str]:
    from seedsearch.batches import default_procs

    scales = sorted(set(scales))
    queries = warmup_and_timed(corpus, scales[0], m)
    report = {"corpus": str(corpus), "queries": m, "scales": []}
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
            row = build_and_query(name, p, corpus, n, queries)
            if name == "seedsearch" and p == default:
                row["engine"] = f"seedsearch default (procs={p})"
            rows.append(row)
        report["scales"].append({"docs": n, "rows": rows})
    note("speed: analysis only …")
    report["analysis"] = analysis_speed(corpus, min(scales[-1], 5000))
    note("speed: cold open …")
    report["cold_open_ms"] = cold_open(corpus, scales[0], queries[1][1][1])
    return report, format_speed(report)


def _summary(row, kinds=None):
    values = list(itertools.chain.from_iterable(
        v for k, v in row["latencies"].items() if kinds is None or k in kinds))
    return percentile(values, 50), percentile(values, 95), percentile(values, 99)


def _rss_parts(row) -> str:
    """Peak RSS of the building process and of its largest worker ("-": none)."""
    if "rss_main_mb" not in row:  # a run saved before the split
        return "-"
    workers = row["rss_workers_mb"]
    return f"{row['rss_main_mb']:.0f} / {workers:.0f}" if workers else f"{row['rss_main_mb']:.0f} / -"


def format_speed(report) -> str:
    parts = []
    for scale in report["scales"]:
        rows = scale["rows"]
        stock = next(r for r in rows if r["engine"] == "stock whoosh")
        s50, s95, _ = _summary(stock)
        table = []
        for r in rows:
            p50, p95, p99 = _summary(r)
            plain50, plain95, _ = _summary(r, {"1-word", "2-3 words"})
            table.append([r["engine"], r["docs"], r["seconds"], r["docs"] / r["seconds"],
                          r["mb_text"] / r["seconds"], r["seconds"] / stock["seconds"],
                          r["size_mb"], r["rss_mb"], _rss_parts(r), p50, p95, p99, plain95,
                          p50 / s50 if s50 == s50 and s50 else float("nan"),
                          p95 / s95 if s95 == s95 and s95 else float("nan"),
                          r.get("slowest_any_limit_ms", float("nan"))])
        parts.append(f"### {scale['docs']:,} documents\n\n" + markdown_table(
            ["engine", "docs", "build s", "docs/s", "MB text/s", "build ratio vs stock",
             "index MB", "peak RSS MB", "main / worker MB", "query p50 ms", "p95 ms", "p99 ms",
             "plain-query p95 ms", "p50 ratio vs stock", "p95 ratio vs stock",
             "slowest ms, limit 1-100"], table))
        kinds = []
        for r in rows:
            if r["engine"].startswith(("seedsearch default", "stock")):
                kinds.append([r["engine"]] + [percentile(r["latencies"][k], 50)
                                              for k in QUERY_KINDS])
        parts.append("Query p50 (ms) by kind:\n\n" + markdown_table(["engine", *QUERY_KINDS], kinds))
    a = report["analysis"]
    parts.append(markdown_table(
        ["analysis only", "docs", "tokens", "seconds", "tokens/s", "words/s", "ratio (words/s)"],
        [["stock StandardAnalyzer", a["docs"], a["stock"]["tokens"], a["stock"]["seconds"],
          a["stock"]["tokens_per_s"], a["stock"]["words_per_s"], 1.0],
         ["seedsearch ArabicAnalyzer", a["docs"], a["seedsearch"]["tokens"],
          a["seedsearch"]["seconds"], a["seedsearch"]["tokens_per_s"],
          a["seedsearch"]["words_per_s"],
          a["seedsearch"]["words_per_s"] / a["stock"]["words_per_s"]]]))
    c = report["cold_open_ms"]
    parts.append(markdown_table(["cold open + first query", "ms", "ratio"],
                                [["stock whoosh", c["stock whoosh"], 1.0],
                                 ["seedsearch", c["seedsearch"],
                                  c["seedsearch"] / c["stock whoosh"]]]))
    return "\n\n".join(parts)


def plot(report, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    engines = sorted({r["engine"] for s in report["scales"] for r in s["rows"]})
    for engine in engines:
        xs, build, p50 = [], [], []
        for scale in report["scales"]:
            row = next((r for r in scale["rows"] if r["engine"] == engine), None)
            if row:
                xs.append(scale["docs"])
                build.append(row["docs"] / row["seconds"])
                p50.append(_summary(row)[0])
        left.plot(xs, build, marker="o", label=engine)
        right.plot(xs, p50, marker="o", label=engine)
    left.set(xscale="log", xlabel="documents", ylabel="docs/s", title="index build")
    right.set(xscale="log", xlabel="documents", ylabel="ms", title="query p50")
    left.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=100)

