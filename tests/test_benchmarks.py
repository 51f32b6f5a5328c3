"""Smoke tests: both benchmark commands run on a tiny corpus (no timing asserts)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SMALL_CORPUS


def run_bench(*args):
    proc = subprocess.run([sys.executable, "-m", "benchmarks", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_speed_benchmark_runs_and_reports_ratios(tmp_path):
    corpus = tmp_path / "tiny.jsonl"
    corpus.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in SMALL_CORPUS * 3),
                      encoding="utf-8")
    out = run_bench("speed", "--corpus", str(corpus), "--docs", "9", "--queries", "12",
                    "--no-peers", "--json", str(tmp_path / "speed.json"))
    assert "build ratio vs stock" in out and "stock whoosh" in out and "seedsearch" in out
    report = json.loads((tmp_path / "speed.json").read_text())
    [scale] = report["scales"]
    assert {r["engine"] for r in scale["rows"]} >= {"stock whoosh", "seedsearch default (procs=1)"}
    assert all(r["docs"] == 9 and r["seconds"] > 0 for r in scale["rows"])


def test_quality_benchmark_scores_a_tiny_eval_set(tmp_path):
    folder = tmp_path / "tiny_eval"
    folder.mkdir()
    (folder / "corpus.jsonl").write_text(
        "\n".join(json.dumps({"id": d["id"], "title": d["title"], "text": d["text"]},
                             ensure_ascii=False) for d in SMALL_CORPUS), encoding="utf-8")
    (folder / "queries.tsv").write_text("q1\tمن التقى الرئيس السوري في موسكو؟\n"
                                        "q2\tما مصير القواعد العسكرية؟\n", encoding="utf-8")
    (folder / "qrels.tsv").write_text("q1\tnews-1\t1\nq2\tnews-2\t1\n", encoding="utf-8")
    out = run_bench("quality", "--eval", str(folder), "--json", str(tmp_path / "q.json"))
    assert "MRR@10" in out
    rows = json.loads((tmp_path / "q.json").read_text())["results"]
    ours = next(r for r in rows if r["engine"] == "seedsearch")
    assert ours["mrr@10"] == 1.0 and ours["queries"] == 2


def test_serve_benchmark_reports_median_and_p95_per_path(tmp_path):
    pytest.importorskip("starlette", reason="the web extra is not installed")
    corpus = tmp_path / "tiny.jsonl"
    corpus.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in SMALL_CORPUS * 3),
                      encoding="utf-8")
    out = run_bench("serve", "--corpus", str(corpus), "--queries", "6",
                    "--json", str(tmp_path / "serve.json"))
    assert "| `/` | app (Server-Timing) |" in out and "| `/api/search` | whole request |" in out
    report = json.loads((tmp_path / "serve.json").read_text())
    assert report["queries"] == 6
    for path in ("/", "/api/search"):
        clocks = report["paths"][path]
        assert 0 < clocks["app"]["median_ms"] <= clocks["request"]["median_ms"]


def test_export_benchmark_measures_a_small_index(tmp_path):
    from seedsearch import Index

    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(SMALL_CORPUS, procs=1)
    out = run_bench("export", "--index", str(tmp_path / "ix"), "--json", str(tmp_path / "e.json"))
    assert "seedsearch export" in out and "peak RSS MB" in out
    report = json.loads((tmp_path / "e.json").read_text())
    assert report["docs"] == len(SMALL_CORPUS) and report["bulk_files"] == 1
