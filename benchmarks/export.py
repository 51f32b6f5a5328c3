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
