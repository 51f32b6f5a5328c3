"""Retrieval quality: MRR@10, nDCG@10 and Recall@100 on eval folders.

An eval folder holds corpus.jsonl ({id, title, text}), queries.tsv
(qid TAB query) and qrels.tsv (qid TAB docid TAB relevance).  Folders whose
corpus.jsonl is the same file (the development sets of
:mod:`benchmarks.devsets` share one) are indexed once per engine.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

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


def _score_queries(engine, folder: Path, queries, qrels) -> dict:
    totals = [0.0, 0.0, 0.0]
    first = 0
    rr = {}
    judged = [q for q in queries if q in qrels]
    with Timer() as run:
        for qid in judged:
            ranked = engine.search(queries[qid], k=100)
            values = scores(ranked, qrels[qid])
            for i, value in enumerate(values):
                totals[i] += value
            rr[qid] = values[0]
            first += bool(ranked) and qrels[qid].get(ranked[0], 0) > 0
    n = max(1, len(judged))
    return {"engine": engine.name, "eval": Path(folder).name, "queries": len(judged),
            "mrr@10": totals[0] / n, "ndcg@10": totals[1] / n, "recall@100": totals[2] / n,
            "s@1": first / n, "query_ms": run.seconds * 1000 / n, "rr": rr}


def randomization_p(a: list[float], b: list[float], rounds: int = 10_000, seed: int = 0) -> float:
    """Two-sided p-value of the difference of two systems' mean scores on
    the same queries, by the paired randomization (permutation) test:
    each query's pair of scores is swapped at random ``rounds`` times, and
    p is the share of swaps whose mean difference is at least as large as
    the one measured (Smucker, Allan and Carterette, "A comparison of
    statistical significance tests for information retrieval evaluation",
    CIKM 2007, recommend it for IR metrics such as MRR)."""
    diffs = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    if not diffs.size or not diffs.any():
        return 1.0
    observed = abs(diffs.mean())
    rng = np.random.default_rng(seed)
    hits = 0
    for start in range(0, rounds, 1000):  # a thousand swaps at a time bounds the memory
        signs = rng.choice((-1.0, 1.0), size=(min(1000, rounds - start), diffs.size))
        hits += int((np.abs(signs @ diffs) / diffs.size >= observed - 1e-12).sum())
    return (hits + 1) / (rounds + 1)


def evaluate_group(engine, folders: list[Path]) -> list[dict]:
    """Index the corpus the folders share once, then run each folder's queries."""
    corpus, _, _ = load_eval(folders[0])
    rows = []
    with scratch_dir("seedsearch-quality-") as tmp:
        with Timer() as build:
            engine.build(iter(corpus), tmp / "ix")
        for folder in folders:
            _, queries, qrels = load_eval(folder)
            rows.append({**_score_queries(engine, folder, queries, qrels),
                         "docs": len(corpus), "build_s": build.seconds})
        engine.close()
    return rows


def evaluate(engine, folder: Path) -> dict:
    return evaluate_group(engine, [Path(folder)])[0]


def _groups(folders) -> list[list[Path]]:
    """Folders grouped by the corpus file they read (the dev sets share one)."""
    groups: dict[Path, list[Path]] = {}
    for folder in map(Path, folders):
        groups.setdefault((folder / "corpus.jsonl").resolve(), []).append(folder)
    return list(groups.values())


def run_quality(folders) -> tuple[list[dict], str]:
    rows = []
    for group in _groups(folders):
        for engine in quality_engines():
            names = ", ".join(f.name for f in group)
            note(f"quality: {engine.name} on {names} …")
            rows += evaluate_group(engine, group)
    return rows, format_quality(rows)


def format_quality(rows: list[dict]) -> str:
    """A set x engine table of MRR@10 (best per set in bold), the pasted
    sets' share of queries whose source ranks first, then every figure."""
    from .mixsets import PASTED_SETS

    sets = list(dict.fromkeys(r["eval"] for r in rows))
    engines = list(dict.fromkeys(r["engine"] for r in rows))
    cell = {(r["engine"], r["eval"]): r for r in rows}
    best = {s: max(cell[e, s]["mrr@10"] for e in engines if (e, s) in cell) for s in sets}

    def mrr(e, s):
        if (e, s) not in cell:
            return "–"
        v = cell[e, s]["mrr@10"]
        return f"**{v:.3f}**" if v == best[s] else f"{v:.3f}"

    means = {e: sum(cell[e, s]["mrr@10"] for s in sets if (e, s) in cell)
             / max(1, sum((e, s) in cell for s in sets)) for e in engines}
    pivot = markdown_table(["MRR@10", *sets, "mean"],
                           [[e, *(mrr(e, s) for s in sets), means[e]] for e in engines])
    pasted = [s for s in sets if s in PASTED_SETS]
    if pasted and all("s@1" in cell[e, s] for e in engines for s in pasted if (e, s) in cell):
        first = {s: max(cell[e, s]["s@1"] for e in engines if (e, s) in cell) for s in pasted}

        def s1(e, s):
            if (e, s) not in cell:
                return "–"
            v = cell[e, s]["s@1"]
            return f"**{v:.0%}**" if v == first[s] else f"{v:.0%}"

        pivot += "\n\nPasted text, the share of queries whose source ranks first:\n\n" + \
            markdown_table(["S@1", *pasted], [[e, *(s1(e, s) for s in pasted)] for e in engines])
    pivot += _against_best_peer(sets, engines, cell)
    detail = markdown_table(
        ["eval", "engine", "docs", "queries", "MRR@10", "nDCG@10", "Recall@100", "ms/query",
         "build s"],
        [[r["eval"], r["engine"], r.get("docs", ""), r["queries"], r["mrr@10"], r["ndcg@10"],
          r["recall@100"], r["query_ms"], r["build_s"]] for r in rows])
    return f"{pivot}\n\n{detail}"


def _against_best_peer(sets, engines, cell, ours: str = "seedsearch") -> str:
    """A table of seedsearch against the best other engine of each set: the
    difference of MRR@10 and its randomization p-value (runs saved without
    per-query figures give none)."""
    lines = []
    for s in sets:
        peers = [e for e in engines if e != ours and (e, s) in cell]
        if (ours, s) not in cell or not peers:
            continue
        peer = max(peers, key=lambda e: cell[e, s]["mrr@10"])
        a, b = cell[ours, s], cell[peer, s]
        if "rr" not in a or "rr" not in b:
            return ""
        qids = sorted(a["rr"])
        p = randomization_p([a["rr"][q] for q in qids], [b["rr"].get(q, 0.0) for q in qids])
        diff = a["mrr@10"] - b["mrr@10"]
        verdict = ("ahead" if diff > 0 else "behind") if p < 0.05 else "no significant difference"
        lines.append([s, peer, f"{diff:+.3f}", f"{p:.3f}", verdict])
    if not lines:
        return ""
    return ("\n\nseedsearch against the best other engine of each set: the difference of "
            "MRR@10 and the two-sided p-value of a paired randomization test over the set's "
            "queries (10,000 swaps; p < 0.05 reads as a real difference):\n\n"
            + markdown_table(["set", "best other engine", "Δ MRR@10", "p", "reading"], lines))
