"""Retrieval quality: MRR@10, nDCG@10 and Recall@100 on eval folders.

An eval folder holds corpus.jsonl ({id, title, text}), queries.tsv
(qid TAB query) and qrels.tsv (qid TAB docid TAB relevance).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .common import Timer, markdown_table, note, scratch_dir
from .engines import quality_engines


def load_eval(folder: Path):
    folder = Path(folder)
    with open(folder / "corpus.jsonl", encoding="utf-8") as f:
        corpus = [json.loads(line) for line in f if line.strip()]
    queries = {}
    with open(folder / "queries.tsv", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                qid, text = line.rstrip("\n").split("\t", 1)
                queries[qid] = text
    qrels: dict[str, dict[str, int]] = {}
    with open(folder / "qrels.tsv", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[2].lstrip("-").isdigit():
                qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    return corpus, queries, qrels


def scores(ranked: list[str], relevant: dict[str, int]) -> tuple[float, float, float]:
    """(reciprocal rank @10, nDCG@10, recall@100) for one query."""
    rr = 0.0
    for i, doc in enumerate(ranked[:10], 1):
        if relevant.get(doc, 0) > 0:
            rr = 1.0 / i
            break
    dcg = sum((2 ** relevant.get(doc, 0) - 1) / math.log2(i + 1)
              for i, doc in enumerate(ranked[:10], 1))
    ideal = sorted((r for r in relevant.values() if r > 0), reverse=True)[:10]
    idcg = sum((2 ** r - 1) / math.log2(i + 1) for i, r in enumerate(ideal, 1))
    wanted = {d for d, r in relevant.items() if r > 0}
    recall = len(wanted & set(ranked[:100])) / len(wanted) if wanted else 0.0
    return rr, (dcg / idcg if idcg else 0.0), recall


def evaluate(engine, folder: Path) -> dict:
    corpus, queries, qrels = load_eval(folder)
    with scratch_dir("seedsearch-quality-") as tmp:
        with Timer() as build:
            engine.build(iter(corpus), tmp / "ix")
        totals = [0.0, 0.0, 0.0]
        judged = [q for q in queries if q in qrels]
        with Timer() as run:
            for qid in judged:
                ranked = engine.search(queries[qid], k=100)
                for i, value in enumerate(scores(ranked, qrels[qid])):
                    totals[i] += value
        engine.close()
    n = max(1, len(judged))
    return {"engine": engine.name, "eval": Path(folder).name, "queries": len(judged),
            "mrr@10": totals[0] / n, "ndcg@10": totals[1] / n, "recall@100": totals[2] / n,
            "build_s": build.seconds, "query_ms": run.seconds * 1000 / n}


def run_quality(folders) -> tuple[list[dict], str]:
    rows = []
    for folder in folders:
        for engine in quality_engines():
            note(f"quality: {engine.name} on {Path(folder).name} …")
            rows.append(evaluate(engine, folder))
    table = markdown_table(
        ["eval", "engine", "queries", "MRR@10", "nDCG@10", "Recall@100", "ms/query"],
        [[r["eval"], r["engine"], r["queries"], r["mrr@10"], r["ndcg@10"], r["recall@100"],
          r["query_ms"]] for r in rows])
    return rows, table
