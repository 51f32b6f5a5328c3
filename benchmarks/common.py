"""Shared helpers: corpus streaming, machine description, timing, tables."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from .lucene import lucene_version

ROOT = Path(__file__).resolve().parent.parent


def _find_shared() -> Path:
    """../shared beside the checkout, or the nearest ``shared`` folder above it.

    A git worktree (…/wt/<name>) sits one level deeper than the main clone;
    ``SEEDSEARCH_SHARED`` overrides both.
    """
    if os.environ.get("SEEDSEARCH_SHARED"):
        return Path(os.environ["SEEDSEARCH_SHARED"])
    for parent in ROOT.parents:
        if (parent / "shared").is_dir():
            return parent / "shared"
    return ROOT.parent / "shared"


SHARED = _find_shared()
BENCH_CORPUS = SHARED / "bench" / "arabic_mix.jsonl.gz"
XQUAD = SHARED / "eval" / "xquad_ar"
SEEDS = ROOT / "seeds"


def iter_corpus(path: Path, limit: int | None = None):
    """Stream documents from a .jsonl(.gz) file or a folder the loader reads."""
    path = Path(path)
    if path.is_file() and path.name.endswith((".jsonl", ".jsonl.gz")):
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for n, line in enumerate(f):
                if limit is not None and n >= limit:
                    return
                yield json.loads(line)
        return
    from seedsearch import load_documents

    for n, doc in enumerate(load_documents(path)):
        if limit is not None and n >= limit:
            return
        yield doc


def version_of(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict:
    return {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "seedsearch": version_of("seedsearch"),
        "whoosh": version_of("whoosh"),
        "pyarabic": version_of("pyarabic"),
        "tantivy": version_of("tantivy"),
        "bm25s": version_of("bm25s"),
        "PyStemmer": version_of("PyStemmer"),
        "lucene": lucene_version(),
    }


def machine_line(info: dict) -> str:
    return (f"{info['date']} · {info['cores']} cores · Python {info['python']} · "
            f"seedsearch {info['seedsearch']} · whoosh {info['whoosh']} · "
            f"pyarabic {info['pyarabic']} · tantivy {info['tantivy']} · "
            f"bm25s {info['bm25s']} · PyStemmer {info['PyStemmer']}"
            # Runs saved before the Lucene peer (--load) did not record it.
            + (f" · Lucene {info['lucene']}" if "lucene" in info else ""))


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished children (MB)."""
    return max(peak_rss_parts_mb())


def peak_rss_parts_mb() -> tuple[float, float]:
    """(this process, the largest of its finished and waited-for children):
    peak resident memory in MB.  The indexing workers are such children."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, kids / 1024


def dir_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()) / 1e6


@contextmanager
def scratch_dir(prefix: str):
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def markdown_table(headers: list[str], rows: list[list]) -> str:
    def cell(v):
        if isinstance(v, float):
            return f"{v:.3f}" if abs(v) < 10 else f"{v:.1f}"
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def write_json(path, data):
    if path:
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def note(msg: str):
    print(msg, file=sys.stderr, flush=True)
