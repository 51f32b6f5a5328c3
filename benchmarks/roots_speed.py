"""Root search at scale: what the root tables cost to build and what a
``root:`` query costs to answer, on the first N documents of the bench corpus.

    python -m benchmarks.roots_speed --docs 50000 [--procs 2] [--batch 2000] [--keep /tmp/ix]

Builds an index with seedsearch's own writer (as ``benchmarks/speed.py``
does), timing the building of every segment's root table
(:func:`seedsearch.storage.roottable.root_arrays`) inside it; then times
root queries (letters and words) and a few plain queries, each run once
cold and then five times warm, in the same process.  Prints one JSON
object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from benchmarks.common import SHARED, iter_corpus, scratch_dir

#: Roots of different sizes in the corpus, given as letters and as a word.
ROOT_QUERIES = ("root:كتب", "root:قول", "root:ص-و-م", "root:علم", "root:ء م ن", "root:رسل",
                "root:حكم", "root:زلزل", "root:يكتبون", "جذر:الصائمين", "root:مدد",
                "root:وعد")
PLAIN_QUERIES = ("الصلاة", "الجيش السوري", "رئيس الوزراء", "كتاب")
COMBINED = ("root:صوم collection:hadith", "+root:حجج -العمرة", "root:كتب «رسول الله»")


def _timed(ix, query: str, runs: int = 5) -> tuple[float, float, int]:
    t = time.perf_counter()
    total = ix.search(query, limit=10).total
    cold = (time.perf_counter() - t) * 1000
    warm = []
    for _ in range(runs):
        t = time.perf_counter()
        ix.search(query, limit=10)
        warm.append((time.perf_counter() - t) * 1000)
    return cold, statistics.median(warm), total


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=50_000)
    ap.add_argument("--procs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=0,
                    help="add the documents in batches of this many (a segment each)")
    ap.add_argument("--keep", type=Path, default=None, help="build here and keep the index")
    ap.add_argument("--corpus", type=Path, default=SHARED / "bench" / "arabic_mix.jsonl.gz")
    args = ap.parse_args(argv)

    from seedsearch import Index
    from seedsearch.storage import flat, roottable

    spent = [0.0, 0]
    original = roottable.root_arrays

    def timed_root_arrays(*a, **k):
        t = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            spent[0] += time.perf_counter() - t
            spent[1] += 1

    flat.root_arrays = timed_root_arrays  # the writer's reference (same process only)
    report: dict = {"docs": args.docs, "procs": args.procs, "batch": args.batch}
    with scratch_dir("roots-speed") as tmp:
        folder = args.keep or Path(tmp) / "ix"
        t = time.perf_counter()
        ix = Index.create(folder)
        if args.batch:
            docs = list(iter_corpus(args.corpus, args.docs))
            t = time.perf_counter()  # reading the corpus is not the build
            for at in range(0, len(docs), args.batch):
                ix.add_documents(docs[at:at + args.batch], procs=args.procs)
        else:
            ix.add_documents(iter_corpus(args.corpus, args.docs), procs=args.procs)
        report["build_s"] = round(time.perf_counter() - t, 1)
        report["root_tables_s_in_this_process"] = round(spent[0], 1)
        report["root_tables_built_here"] = spent[1]
        report["queries"] = {}
        for q in ROOT_QUERIES + COMBINED + PLAIN_QUERIES:
            cold, warm, total = _timed(ix, q)
            report["queries"][q] = {"cold_ms": round(cold, 1), "warm_ms": round(warm, 1),
                                    "total": total}
        ix.close()
    warm_roots = [report["queries"][q]["warm_ms"] for q in ROOT_QUERIES]
    report["root_warm_ms_median"] = round(statistics.median(warm_roots), 1)
    report["root_warm_ms_max"] = max(warm_roots)
    print(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
