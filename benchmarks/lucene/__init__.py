"""Java and Debian's Lucene 8 jars: finding them and compiling against them.

Three programs run in real Lucene: ``LuceneBench.java`` here (the Lucene peer of
``python -m benchmarks quality``), ``tests/lucene/AnalyzeWords.java`` (the
export equivalence test) and ``SearchDsl.java`` here (an exported index
searched with translated queries: :mod:`.dsl`).  Both need ``java``, ``javac`` and Debian's
``liblucene8-java`` jars in /usr/share/java, which Debian names either
``lucene-core-8.7.0.jar`` or ``lucene8-core-….jar``; ``.ci/run`` installs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

JARS = Path("/usr/share/java")
HERE = Path(__file__).resolve().parent
INSTALL = "apt-get install openjdk-17-jdk-headless liblucene8-java; .ci/run does it"


#: A Lucene 9 (9.5) from a package registry: the Anserini jar that pyserini
#: 0.22.1 ships on PyPI holds all of Lucene, its sandbox (CombinedFieldQuery)
#: included.  ``.ci/run`` fetches it here (``SEEDSEARCH_LUCENE9_JAR`` overrides).
LUCENE9_JAR = Path.home() / ".cache" / "seedsearch" / "anserini-0.22.1-fatjar.jar"
LUCENE9_FETCH = ("pip download pyserini==0.22.1 --no-deps, then its "
                 "pyserini/resources/jars/anserini-0.22.1-fatjar.jar; .ci/run does it")


def lucene9_jar() -> Path | None:
    """The Lucene 9 jar (:data:`LUCENE9_JAR`), or None when it is not here."""
    path = Path(os.environ.get("SEEDSEARCH_LUCENE9_JAR") or LUCENE9_JAR)
    return path if path.is_file() else None


def _missing_tools() -> str | None:
    tools = [t for t in ("java", "javac") if shutil.which(t) is None]
    return f"{'/'.join(tools)} not found ({INSTALL})" if tools else None


def missing9() -> str | None:
    """Why Java code cannot run in Lucene 9 here, or None."""
    reason = _missing_tools()
    if reason:
        return reason
    return None if lucene9_jar() else f"no Lucene 9 jar: {LUCENE9_FETCH}"


def lucene_jar(module: str) -> Path | None:
    """The newest Lucene 8 jar of ``module`` (``core``, ``analyzers-common``,
    ``queryparser``…) in /usr/share/java, or None."""
    found = sorted([*JARS.glob(f"lucene-{module}-8*.jar"), *JARS.glob(f"lucene8-{module}*.jar")])
    return found[-1] if found else None


def lucene_version() -> str:
    """The version of Debian's lucene-core jar (``8.7.0``), or ``not installed``."""
    core = lucene_jar("core")
    if core is None:
        return "not installed"
    return core.stem.rsplit("-", 1)[-1] if core.name.startswith("lucene-core-") else core.stem


def missing(modules) -> str | None:
    """Why Java code using these Lucene modules cannot be compiled and run here
    (a sentence for a skip or an error), or None when everything is present."""
    reason = _missing_tools()
    if reason:
        return reason
    jars = [m for m in modules if lucene_jar(m) is None]
    if jars:
        return f"Lucene 8 jars not in {JARS}: {', '.join(jars)} ({INSTALL})"
    return None


def compile_java(source, out: Path, modules, *, lucene9: bool = False) -> str:
    """Compile ``source`` (one path, or several compiled together) against the
    jars of ``modules`` (or, with ``lucene9``, the Lucene 9 jar) into the
    folder ``out``; return the classpath that runs it (the jars, then ``out``)."""
    reason = missing(modules) if not lucene9 else missing9()
    if reason:
        raise RuntimeError(reason)
    jars = [str(lucene9_jar())] if lucene9 else [str(lucene_jar(m)) for m in modules]
    out.mkdir(parents=True, exist_ok=True)
    sources = [source] if isinstance(source, (str, Path)) else list(source)
    proc = subprocess.run(["javac", "-encoding", "UTF-8", "-d", str(out),
                           "-cp", ":".join(jars), *map(str, sources)],
                          capture_output=True, text=True, check=False)
    if proc.returncode:
        raise RuntimeError(f"javac {' '.join(Path(p).name for p in sources)} failed:\n{proc.stderr[-3000:]}")
    return ":".join([*jars, str(out)])
