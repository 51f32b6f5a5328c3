"""``python -m benchmarks serve``: server-side time of the server's requests.

The demo index (seeds/, built with vowel data as ``seedsearch demo`` does)
is served in process through Starlette's TestClient; M distinct queries
(the six kinds of the speed benchmark, plus fully vowelled word pairs as
someone pasting a hadith would type, some with a collection filter, some
on page 2, some sorted by date) go to the page (``/``), and M others to the
API (``/api/search``), so that neither path reads what the other warmed.
A reader's paths follow, each with M requests of its own: the page sorted
by date (``/?sort=newest``, M queries drawn apart), a hit's page
(``/doc/{id}?q=…``, the whole text marked and its five similar texts), the
similar texts as JSON (``/api/similar/{id}``), both for M documents drawn
from the index, and completions (``/api/complete?q=``) of M distinct
prefixes of one to four letters cut from query words (the completion
table is read in the warm-up, as ``seedsearch serve`` reads it when it
starts).  Two clocks: the app's own ``Server-Timing`` (parsing, search,
``to_dict``, rendering) and the whole request through the ASGI stack and
the test client, an upper bound of what a server spends.  The target of
issues 13 and 23 is a median of at most 50 ms on each path.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path
from urllib.parse import quote

from .common import iter_corpus, markdown_table, note, scratch_dir
from .speed import draw_mix, percentile

TARGET_MS = 50.0


def web_queries(corpus: Path, m: int, seed: int = 13) -> list[dict]:
    """M distinct request parameter sets, drawn reproducibly."""
    from seedsearch.analysis import WORD_PATTERN

    rng = random.Random(seed)
    bare = [q for _, q in draw_mix(corpus, 5000, m, seed=seed)]
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


def prefixes(queries: list[dict], m: int) -> list[str]:
    """M distinct prefixes of one to four letters of the queries' words, as
    someone typing them would send (fewer when the words run out)."""
    from seedsearch.analysis import WORD_PATTERN

    out: dict[str, None] = {}
    words = [w for params in queries for w in WORD_PATTERN.findall(params["q"])]
    for i, word in enumerate(words):
        out.setdefault(word[:1 + i % 4])
        if len(out) >= m:
            break
    return list(out)


def _app_ms(response) -> float:
    return float(re.search(r"dur=([0-9.]+)", response.headers["server-timing"]).group(1))


def run_serve(corpus: Path, m: int) -> tuple[dict, str]:
    from starlette.testclient import TestClient

    from seedsearch import Index, load_documents
    from seedsearch.web import create_app

    drawn = web_queries(corpus, 2 * m + 5)
    warm = drawn[:5]
    sets: dict[str, list[tuple[str, dict]]] = {
        "/": [("/", p) for p in drawn[5::2]],
        "/api/search": [("/api/search", p) for p in drawn[6::2]]}
    # the reader's requests draw queries of their own
    extra = web_queries(corpus, 2 * m, seed=31)
    sets["/?sort=newest"] = [("/", {**p, "sort": "newest"}) for p in extra[:m]]
    with scratch_dir("seedsearch-serve-") as folder:
        note(f"indexing {corpus} (vowels=True, as the demo does) ...")
        with Index.create(folder / "ix", vowels=True) as ix:
            docs = (load_documents(corpus) if corpus.is_dir() else iter_corpus(corpus))
            ix.add_documents(docs, procs=1)
            documents = len(ix)
            ids = sorted(doc["id"] for doc in ix.iter_documents())
            rng = random.Random(23)
            chosen = rng.sample(ids, min(m, len(ids)))
            asked = [p["q"] for p in extra[m:]] or [""]
            sets["/doc/{id}"] = [(f"/doc/{quote(doc_id, safe='')}", {"q": asked[i % len(asked)]})
                                 for i, doc_id in enumerate(chosen)]
            sets["/api/similar/{id}"] = [(f"/api/similar/{quote(doc_id, safe='')}", {})
                                         for doc_id in reversed(chosen)]
            sets["/api/complete"] = [("/api/complete", {"q": prefix})
                                     for prefix in prefixes(extra, m)]
            client = TestClient(create_app(ix))
            for params in warm:  # warm-up: first reads of the index files
                client.get("/", params=params)
            client.get("/api/complete", params={"q": "ا"})  # the completion table
            times: dict[str, dict[str, list[float]]] = {}
            for path, requests in sets.items():
                app, wall = [], []
                for url, params in requests:
                    start = time.perf_counter()
                    response = client.get(url, params=params)
                    wall.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200, (params, response.text[:300])
                    app.append(_app_ms(response))
                times[path] = {"app": app, "request": wall}
    rows, report = [], {"documents": documents, "queries": len(sets["/"]),
                        "requests": {path: len(r) for path, r in sets.items()}, "paths": {}}
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
