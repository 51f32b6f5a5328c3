"""``python -m benchmarks serve``: server-side time of a search request.

The demo index (seeds/, built with vowel data as ``seedsearch demo`` does)
is served in process through Starlette's TestClient; M distinct queries
(the six kinds of the speed benchmark, plus fully vowelled word pairs as
someone pasting a hadith would type, some with a collection filter, some
on page 2) go to the page (``/``), and M others to the API
(``/api/search``), so that neither path reads what the other warmed.  Two
clocks: the app's own ``Server-Timing`` (parsing, search, ``to_dict``,
rendering) and the whole request through the ASGI stack and the test
client, an upper bound of what a server spends.
The target of issue 13 is a median of at most 50 ms.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

from .common import iter_corpus, markdown_table, note, scratch_dir
from .speed import draw_queries, percentile

TARGET_MS = 50.0


def web_queries(corpus: Path, m: int, seed: int = 13) -> list[dict]:
    """M distinct request parameter sets, drawn reproducibly."""
    from seedsearch.analysis import WORD_PATTERN

    rng = random.Random(seed)
    bare = [q for _, q in draw_queries(corpus, 5000, m, seed=seed)]
    vowelled = []
    for doc in rng.sample(list(iter_corpus(corpus)), min(m, 500)):
        words = [w for w in WORD_PATTERN.findall(doc.get("text") or "") if len(w) >= 5]
        if len(words) >= 3:
            at = rng.randrange(len(words) - 1)
            vowelled.append(f"{words[at]} {words[at + 1]}")
    out, seen = [], set()
    for i, q in enumerate(x for pair in zip(bare, vowelled) for x in pair):
        params = {"q": q}
        if i % 5 == 3:
            params["collection"] = rng.choice(("bukhari", "muslim"))
        if i % 7 == 5:
            params["page"] = "2"
        key = tuple(sorted(params.items()))
        if key not in seen:
            seen.add(key)
            out.append(params)
    return out[:m]


def _app_ms(response) -> float:
    return float(re.search(r"dur=([0-9.]+)", response.headers["server-timing"]).group(1))


def run_serve(corpus: Path, m: int) -> tuple[dict, str]:
    from starlette.testclient import TestClient

    from seedsearch import Index, load_documents
    from seedsearch.web import create_app

    drawn = web_queries(corpus, 2 * m + 5)
    warm, sets = drawn[:5], {"/": drawn[5::2], "/api/search": drawn[6::2]}
    with scratch_dir("seedsearch-serve-") as folder:
        note(f"indexing {corpus} (vowels=True, as the demo does) ...")
        with Index.create(folder / "ix", vowels=True) as ix:
            docs = (load_documents(corpus) if corpus.is_dir() else iter_corpus(corpus))
            ix.add_documents(docs, procs=1)
            documents = len(ix)
            client = TestClient(create_app(ix))
            for params in warm:  # warm-up: first reads of the index files
                client.get("/", params=params)
            times: dict[str, dict[str, list[float]]] = {}
            for path, queries in sets.items():
                app, wall = [], []
                for params in queries:
                    start = time.perf_counter()
                    response = client.get(path, params=params)
                    wall.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200, (params, response.text[:300])
                    app.append(_app_ms(response))
                times[path] = {"app": app, "request": wall}
    rows, report = [], {"documents": documents, "queries": len(sets["/"]), "paths": {}}
    for path, clocks in times.items():
        entry = {name: {"median_ms": percentile(v, 50), "p95_ms": percentile(v, 95)}
                 for name, v in clocks.items()}
        report["paths"][path] = entry
        for name, label in (("app", "app (Server-Timing)"), ("request", "whole request")):
            stats = entry[name]
            rows.append([f"`{path}`", label, stats["median_ms"], stats["p95_ms"],
                         "yes" if stats["median_ms"] <= TARGET_MS else "NO"])
    table = markdown_table(["path", "clock", "median ms", "p95 ms",
                            f"median ≤ {TARGET_MS:.0f} ms"], rows)
    return report, table
