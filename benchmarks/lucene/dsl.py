"""An exported index in real Lucene, searched with query DSL bodies.

:class:`LuceneDsl` compiles ``SearchDsl.java`` (with the analyzer builder of
``tests/lucene/AnalyzeWords.java``), starts one JVM that indexes the
export folder (``settings.json`` + bulk files) and answers search bodies one
at a time.  A body with a construct the interpreter does not know raises
:class:`Rejected`: the comparison never counts a query Lucene read
differently from the engines.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from . import HERE, compile_java, missing, missing9

__all__ = ["LuceneDsl", "Rejected", "MODULES", "why_not"]

#: The Lucene modules SearchDsl.java uses.
MODULES = ("core", "analyzers-common", "queries")
SOURCES = (HERE / "SearchDsl.java", HERE / "CombinedFields.java",
           HERE.parent.parent / "tests" / "lucene" / "AnalyzeWords.java")


class Rejected(Exception):
    """The interpreter does not know a construct of the search body."""


def why_not(lucene9: bool = False) -> str | None:
    """Why the Lucene side (8, or 9) cannot run here (a skip reason), or None."""
    return missing9() if lucene9 else missing(MODULES)


class LuceneDsl:
    """``with LuceneDsl(export_dir, workdir) as lucene: lucene.search(body)``;
    ``lucene9=True`` runs it in Lucene 9 (:func:`~benchmarks.lucene.lucene9_jar`),
    where ``combined_fields`` is Lucene's own CombinedFieldQuery."""

    def __init__(self, export: Path, work: Path, *, lucene9: bool = False):
        work.mkdir(parents=True, exist_ok=True)
        classpath = compile_java(SOURCES, work / "classes", MODULES, lucene9=lucene9)
        self.proc = subprocess.Popen(
            ["java", "-cp", classpath, "SearchDsl", str(export), str(work)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = self._line()
        if first != "ready":
            raise RuntimeError(f"SearchDsl did not start: {first!r} "
                               f"{self.proc.stderr.read().decode('utf-8', 'replace')[-3000:]}")

    def _line(self) -> str:
        assert self.proc.stdout is not None
        return self.proc.stdout.readline().decode("utf-8").rstrip("\n")

    def search(self, body: dict, size: int = 10) -> list[str]:
        """The ids of the top ``size`` hits of the search body ``body``."""
        return [doc_id for doc_id, _ in self.scored(body, size)]

    def scored(self, body: dict, size: int = 10) -> list[tuple[str, float]]:
        """(id, Lucene's score) of the top ``size`` hits of ``body``."""
        assert self.proc.stdin is not None
        line = json.dumps({**body, "size": size}, ensure_ascii=False)
        self.proc.stdin.write(line.encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        answer = self._line()
        if answer.startswith("REJECTED\t"):
            raise Rejected(answer.split("\t", 1)[1])
        if not answer and self.proc.poll() is not None:
            raise RuntimeError(self.proc.stderr.read().decode("utf-8", "replace")[-3000:])
        out = []
        for hit in answer.split("\t") if answer else []:
            doc_id, score = hit.rsplit(" ", 1)
            out.append((doc_id, float(score)))
        return out

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)

    def __enter__(self) -> LuceneDsl:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
