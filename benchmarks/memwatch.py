"""Memory of one CLI run, parent and workers: ``python -m benchmarks.memwatch [opts] -- ARGS``.

Runs ``seedsearch ARGS`` in this process and, while it runs, samples every
process of the tree (this one and the indexing workers it forks) from
/proc twice a second: peak VmRSS, and its anonymous part (RssAnon; the rest
is mostly index files mapped by Whoosh, which the kernel can drop).  With
``--trace`` it also starts tracemalloc in this process (not in the workers)
and writes the top allocations every ``--every`` seconds to ``--log``.

Example::

    python -m benchmarks.memwatch --trace --log /tmp/mem.log -- \\
        index ../shared/bench/arabic_mix.jsonl.gz --index /tmp/ix --overwrite --quiet
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path


def _status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM, RssAnon, RssFile of a process, in kB ({} if it is gone)."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                    out[key] = int(value.split()[0])
    except OSError:
        return {}
    return out


def _children(pid: int) -> list[int]:
    kids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(name))
    return kids


class TreeSampler(threading.Thread):
    """Peak memory (MB) of this process and of every descendant seen."""

    def __init__(self, interval: float = 0.5):
        super().__init__(daemon=True)
        self.interval = interval
        self.peaks: dict[int, dict[str, float]] = {}
        self.stopped = threading.Event()

    def sample(self):
        todo, seen = [os.getpid()], set()
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            status = _status(pid)
            if status:
                peak = self.peaks.setdefault(pid, {})
                for key, kb in status.items():
                    peak[key] = max(peak.get(key, 0.0), kb / 1024)
            todo.extend(_children(pid))

    def run(self):
        while not self.stopped.wait(self.interval):
            self.sample()

    def report(self) -> str:
        me = os.getpid()
        lines = []
        for pid, peak in sorted(self.peaks.items(), key=lambda kv: kv[0] != me):
            role = "parent" if pid == me else "worker"
            lines.append(f"{role} {pid}: peak RSS {peak.get('VmRSS', 0):.0f} MB "
                         f"(anonymous {peak.get('RssAnon', 0):.0f} MB, "
                         f"files {peak.get('RssFile', 0):.0f} MB; kernel high-water "
                         f"{peak.get('VmHWM', 0):.0f} MB)")
        return "\n".join(lines)


class TraceDumper(threading.Thread):
    """Every ``every`` seconds, the top allocations of this process to ``log``."""

    def __init__(self, log: Path, every: float, top: int = 15):
        super().__init__(daemon=True)
        self.log, self.every, self.top = log, every, top
        self.stopped = threading.Event()
        self.start_time = time.monotonic()

    def dump(self, label: str):
        snapshot = tracemalloc.take_snapshot()
        current, peak = tracemalloc.get_traced_memory()
        with self.log.open("a", encoding="utf-8") as f:
            f.write(f"--- {label} t={time.monotonic() - self.start_time:.0f}s "
                    f"traced {current / 2**20:.1f} MB (peak {peak / 2**20:.1f} MB)\n")
            for stat in snapshot.statistics("lineno")[:self.top]:
                f.write(f"{stat.size / 2**20:9.1f} MB {stat.count:9d} blocks  "
                        f"{stat.traceback[0]}\n")
            for stat in snapshot.statistics("traceback")[:3]:
                f.write(f"  {stat.size / 2**20:.1f} MB allocated at:\n")
                for line in stat.traceback.format()[-12:]:
                    f.write(f"    {line}\n")

    def run(self):
        while not self.stopped.wait(self.every):
            self.dump("periodic")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.memwatch")
    parser.add_argument("--trace", action="store_true", help="tracemalloc in this process")
    parser.add_argument("--log", type=Path, default=Path("memwatch.log"))
    parser.add_argument("--every", type=float, default=30.0, metavar="SECONDS")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="-- then seedsearch's arguments")
    opts = parser.parse_args(argv)
    args = opts.args[1:] if opts.args[:1] == ["--"] else opts.args

    from seedsearch.cli.main import main as cli_main

    sampler = TreeSampler()
    sampler.start()
    dumper = None
    if opts.trace:
        tracemalloc.start(12)
        # Workers are forked from this process: they need not pay for tracing.
        os.register_at_fork(after_in_child=tracemalloc.stop)
        dumper = TraceDumper(opts.log, opts.every)
        dumper.start()
    start = time.perf_counter()
    status = cli_main(args)
    seconds = time.perf_counter() - start
    sampler.stopped.set()
    sampler.sample()
    if dumper is not None:
        dumper.stopped.set()
        dumper.dump("end")
    print(f"memwatch: exit {status} after {seconds:.1f} s", file=sys.stderr)
    print(sampler.report(), file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
