"""Export speed and memory: ``seedsearch export`` of an existing index.

Two child processes, each timed with a monotonic clock and measured for peak
RSS: the baseline only reads every stored document through
``Index.iter_documents`` (what any export must pay), the second runs the
real ``seedsearch export`` (reading, JSON encoding, bulk files, settings).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_READ_ONLY = (
    "import sys\n"
    "from seedsearch import Index\n"
    "with Index.open(sys.argv[1]) as ix:\n"
    "    n = sum(1 for _ in ix.iter_documents())\n"
    "print(n)\n"
)


def _child(args: list[str]) -> tuple[float, float, str]:
    """Run one child; (seconds, peak RSS MB, stdout)."""
    start = time.monotonic()
    proc = subprocess.run(args, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if proc.returncode:
        raise RuntimeError(proc.stderr[-2000:])
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, usage.ru_maxrss / 1024, proc.stdout


def run_export(index: Path) -> tuple[dict, str]:
    """Measure reading and exporting ``index``; the figures and a markdown table."""
    index = Path(index)
    size = sum(p.stat().st_size for p in index.iterdir() if p.is_file()) / 1e6
    read_s, read_rss, out = _child([sys.executable, "-c", _READ_ONLY, str(index)])
    docs = int(out.strip())
    with tempfile.TemporaryDirectory(prefix="seedsearch-export-") as tmp:
        # RUSAGE_CHILDREN keeps the largest child so far: the export runs
        # second, so its figure is max(read, export); the read child is smaller.
        exp_s, exp_rss, _ = _child([sys.executable, "-m", "seedsearch", "export", "--index",
                                    str(index), "--out", tmp, "--quiet"])
        files = sorted(Path(tmp).glob("bulk-*.ndjson"))
        written = sum(p.stat().st_size for p in files) / 1e6
    report = {"index": str(index), "index_mb": size, "docs": docs,
              "read_seconds": read_s, "read_peak_rss_mb": read_rss,
              "export_seconds": exp_s, "export_peak_rss_mb": exp_rss,
              "bulk_files": len(files), "bulk_mb": written}
    table = (
        "| step | docs | seconds | docs/s | MB written | MB written/s | peak RSS MB | time ratio vs read |\n"
        "|---|---|---|---|---|---|---|---|\n"
        f"| read stored documents (baseline) | {docs} | {read_s:.1f} | {docs / read_s:.0f} | - | - "
        f"| {read_rss:.0f} | 1.00 |\n"
        f"| seedsearch export | {docs} | {exp_s:.1f} | {docs / exp_s:.0f} | {written:.0f} "
        f"({len(files)} files) | {written / exp_s:.1f} | {exp_rss:.0f} | {exp_s / read_s:.2f} |\n"
    )
    return report, table


# -- ranking: the export, in Lucene, against seedsearch ---------------------------
def build_pair(docs, folder: Path):
    """A seedsearch index of ``docs`` in ``folder/index``, exported to
    ``folder/export``: (open Index, export folder).  One indexing process,
    so that documents are numbered in load order on every run: two number
    them in the order the processes finish, and equal scores, ranked by
    document number, would then move between runs."""
    from seedsearch import Index
    from seedsearch.export.bulk import export_index

    ix = Index.create(folder / "index")
    ix.add_documents(docs, procs=1)
    export_index(ix, folder / "export")
    return ix, folder / "export"


#: A first hit "near" seedsearch's: one that seedsearch scores within this
#: share of its own first (a tie, give or take rounding and the proximity
#: bonus), looked for among seedsearch's first NEAR_DEPTH hits.
NEAR = 0.02
NEAR_DEPTH = 100


def agreement(ix, lucene, queries, *, index_aware: bool, k: int = 10) -> dict:
    """Per kind, over ``queries`` ((kind, query, sort) triples): the mean
    share of seedsearch's top ``k`` that the exported query finds in
    Lucene's top ``k`` (of the smaller of the two lists: a query with three
    hits compares three), the share whose first hit is the same
    (``top1``), or one seedsearch scores within :data:`NEAR` of its first
    (``top1_near``), and the queries the interpreter rejected."""
    from seedsearch.export.query import translate_query

    from .lucene.dsl import Rejected

    out: dict[str, dict] = {}
    for kind, query, sort in queries:
        row = out.setdefault(kind, {"queries": 0, "overlap": 0.0, "top1": 0, "top1_near": 0,
                                    "rejected": 0, "compared": 0})
        row["queries"] += 1
        hits = ix.search(query, limit=NEAR_DEPTH, sort=sort).hits
        ours = [h.id for h in hits[:k]]
        score_of = {h.id: h.score for h in hits}
        body = translate_query(query, sort=sort, index=ix if index_aware else None)
        try:
            theirs = lucene.search(body, k)
        except Rejected as exc:
            row["rejected"] += 1
            row.setdefault("reasons", []).append(f"{query}: {exc}")
            continue
        row["compared"] += 1
        if not ours and not theirs:
            row["overlap"] += 1.0
            row["top1"] += 1
            row["top1_near"] += 1
            continue
        n = min(len(ours), len(theirs)) or 1
        row["overlap"] += len(set(ours[:n]) & set(theirs[:n])) / n
        same = bool(ours and theirs and ours[0] == theirs[0])
        row["top1"] += same
        row["top1_near"] += same or bool(
            ours and theirs and sort == "relevance"
            and score_of.get(theirs[0], 0.0) >= (1 - NEAR) * score_of[ours[0]])
    for row in out.values():
        n = max(1, row["compared"])
        for key in ("overlap", "top1", "top1_near"):
            row[key] /= n
    return out


def eval_mrr(ix, lucene, queries: dict[str, str], qrels: dict[str, dict[str, int]], *,
             index_aware: bool) -> dict:
    """MRR@10 of seedsearch and of the exported query in Lucene over the
    judged queries, with the top-10 overlap and top-1 agreement."""
    from seedsearch.export.query import translate_query

    from .quality import scores

    judged = [q for q in queries if q in qrels]
    ours_rr = theirs_rr = overlap = 0.0
    top1 = 0
    for qid in judged:
        text = queries[qid]
        ours = [h.id for h in ix.search(text, limit=10).hits]
        theirs = lucene.search(translate_query(text, index=ix if index_aware else None), 10)
        ours_rr += scores(ours, qrels[qid])[0]
        theirs_rr += scores(theirs, qrels[qid])[0]
        n = min(len(ours), len(theirs)) or 1
        overlap += len(set(ours[:n]) & set(theirs[:n])) / n
        top1 += bool(ours and theirs and ours[0] == theirs[0])
    n = max(1, len(judged))
    return {"queries": len(judged), "mrr_seedsearch": ours_rr / n, "mrr_lucene": theirs_rr / n,
            "overlap": overlap / n, "top1": top1 / n}


def run_export_ranking(folders, *, lucene9: bool = False) -> tuple[list[dict], str]:
    """MRR@10 of seedsearch and of the exported queries in Lucene (8, or
    ``lucene9``) on each eval folder, translated without the index (before)
    and with it (after); folders sharing one corpus.jsonl are indexed once."""
    from .common import markdown_table, scratch_dir
    from .lucene.dsl import LuceneDsl
    from .quality import load_eval

    by_corpus: dict[Path, list[Path]] = {}
    for folder in map(Path, folders):
        by_corpus.setdefault((folder / "corpus.jsonl").resolve(), []).append(folder)
    rows = []
    for group in by_corpus.values():
        corpus, _, _ = load_eval(group[0])
        with scratch_dir("seedsearch-export-ranking-") as tmp:
            ix, export = build_pair(corpus, Path(tmp))
            try:
                with LuceneDsl(export, Path(tmp) / "lucene", lucene9=lucene9) as lucene:
                    for folder in group:
                        _, queries, qrels = load_eval(folder)
                        before = eval_mrr(ix, lucene, queries, qrels, index_aware=False)
                        after = eval_mrr(ix, lucene, queries, qrels, index_aware=True)
                        rows.append({"eval": folder.name, "docs": len(corpus),
                                     "before": before, "after": after})
            finally:
                ix.close()
    table = markdown_table(
        ["eval", "docs", "queries", "MRR@10 seedsearch", "Lucene, no index", "Lucene, --index",
         "top-10 overlap (no index → --index)", "top-1 agreement (no index → --index)"],
        [[r["eval"], r["docs"], r["after"]["queries"], f"{r['after']['mrr_seedsearch']:.4f}",
          f"{r['before']['mrr_lucene']:.4f}", f"{r['after']['mrr_lucene']:.4f}",
          f"{r['before']['overlap']:.3f} → {r['after']['overlap']:.3f}",
          f"{r['before']['top1']:.3f} → {r['after']['top1']:.3f}"] for r in rows])
    return rows, table
