"""Ranking trials: seedsearch alone, every development set, several rankings.

``python -m benchmarks trials`` indexes each corpus once (xquad_ar, the five
sets of :mod:`benchmarks.devsets`, the seven of :mod:`benchmarks.mixsets`),
keeps the indexes under ``benchmarks/out/trials/`` for the next run, and
scores each ranking variant on every set: MRR@10, and for the pasted sets the
share of queries whose source document ranks first.  A variant is a
:class:`seedsearch.search.ranking.Ranking`, so a trial changes no code and
no index (``search(ranking=…)``).  It is a development tool: read a gain as
real only when sets of different kinds agree.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from .common import BENCH_CORPUS, ROOT, XQUAD, markdown_table, note
from .quality import load_eval, scores

__all__ = ["VARIANTS", "run_trials", "format_trials", "eval_folders"]

OUT = ROOT / "benchmarks" / "out" / "trials"


def _variants() -> dict[str, Any]:
    from seedsearch.search.ranking import DEFAULT_RANKING as d

    return {
        "default": d,
        "no proximity": replace(d, proximity_bonus=0.0),
        "no phrase bonus": replace(d, phrase_bonus=0.0),
        "title ×1": replace(d, weights={"title": 1.0, "text": 1.0}),
    }


VARIANTS = _variants


def eval_folders(bench: Path = BENCH_CORPUS) -> list[list[Path]]:
    """The eval folders, grouped by the corpus they share."""
    from .devsets import build_devsets
    from .mixsets import build_mixsets, build_passages

    groups = [[XQUAD]] if (XQUAD / "corpus.jsonl").exists() else []
    if bench.exists():
        groups += [build_devsets(bench), build_mixsets(bench), [build_passages(bench)]]
    return groups


def _index(folder: Path) -> Any:
    """An index of the folder's corpus, built once and kept (by the corpus
    file's identity and seedsearch's analysis source)."""
    from seedsearch import Index, load_documents

    corpus = (folder / "corpus.jsonl").resolve()
    st = corpus.stat()
    package = ROOT / "seedsearch"
    analysis = hashlib.sha1(b"".join(p.read_bytes() for p in sorted(
        [*package.glob("text/*.py"), package / "analysis.py", package / "schema.py"])))
    tag = hashlib.sha1(json.dumps([str(corpus), st.st_size, int(st.st_mtime),
                                   analysis.hexdigest()]).encode())
    path = OUT / tag.hexdigest()[:12]
    if not (path / "done").exists():
        note(f"trials: indexing {corpus.parent.name} …")
        with Index.create(path, overwrite=True) as ix:
            ix.add_documents(load_documents(corpus), procs=1)
        (path / "done").write_text(str(corpus), encoding="utf-8")
    return Index.open(path)


def run_trials(variants: dict[str, Any], groups: list[list[Path]]) -> list[dict]:
    """One row per (variant, set): MRR@10, success@1, ms per query."""
    rows = []
    for group in groups:
        ix = _index(group[0])
        for folder in group:
            _, queries, qrels = load_eval(folder)
            judged = [q for q in queries if q in qrels]
            for name, ranking in variants.items():
                rr = first = 0.0
                start = time.perf_counter()
                for qid in judged:
                    ranked = [h.id for h in ix.search(queries[qid], limit=10, ranking=ranking)]
                    r = scores(ranked, qrels[qid])[0]
                    rr += r
                    first += r == 1.0
                ms = (time.perf_counter() - start) * 1000 / max(1, len(judged))
                rows.append({"variant": name, "eval": folder.name, "queries": len(judged),
                             "mrr@10": rr / max(1, len(judged)),
                             "s@1": first / max(1, len(judged)), "ms": ms})
        ix.close()
    return rows


def format_trials(rows: list[dict]) -> str:
    """Variant x set: MRR@10 (S@1 for the pasted sets), best per set in bold."""
    from .mixsets import PASTED_SETS

    sets = list(dict.fromkeys(r["eval"] for r in rows))
    variants = list(dict.fromkeys(r["variant"] for r in rows))
    cell = {(r["variant"], r["eval"]): r for r in rows}

    def value(v: str, s: str) -> float:
        r = cell[v, s]
        return r["s@1"] if s in PASTED_SETS else r["mrr@10"]

    best = {s: max(value(v, s) for v in variants) for s in sets}
    body = [[v, *(f"**{value(v, s):.3f}**" if value(v, s) == best[s] else f"{value(v, s):.3f}"
                  for s in sets)] for v in variants]
    heads = [f"{s} (S@1)" if s in PASTED_SETS else s for s in sets]
    return markdown_table(["ranking", *heads], body)
