"""``python -m seedsearch demo``: index seeds/ into index/ and show queries.

The queries show what stock Whoosh cannot do: a fully vowelled query finding
bare news text, a prefixed form finding the plain word, a «» phrase
highlighted in the vowelled hadith it came from, and a field filter.

The index carries Arabic display names for its collections
(:data:`DEMO_LABELS`); the news article, a ``.txt`` file with no collection
of its own, is put in the collection ``news``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from ..errors import SourceError
from ..fields import COLLECTION
from ..index import Index
from ..ingest.loaders import load_documents
from .display import matching, print_hits

__all__ = ["run_demo", "DEMO_QUERIES", "DEMO_LABELS", "project_root"]

#: The collection of a seed document that names none (the news article).
NEWS = "news"
#: Display names of the seeds' collections.
DEMO_LABELS = {COLLECTION: {"bukhari": "صحيح البخاري", "muslim": "صحيح مسلم", NEWS: "أخبار"}}

#: (what it shows, query, search options)
DEMO_QUERIES: tuple[tuple[str, str, dict], ...] = (
    ("a fully vowelled query finds the bare news text",
     "الْقَوَاعِدُ الْعَسْكَرِيَّةُ الرُّوسِيَّةُ", {}),
    ("a prefixed form (ب + ال) finds «الرئيس السوري»",
     "بالرئيس السوري", {}),
    ("a «» phrase, highlighted in the vowelled original",
     "«صلاة الجماعة»", {}),
    ("a field filter: only Sahih Muslim",
     "الوضوء collection:muslim", {}),
    ("diacritics that must agree (vowels=True): عِلْم (knowledge), not عَلِمَ (he knew)",
     "عِلْمٌ", {"vowels": True}),
)


def project_root() -> Path:
    """The folder that holds seeds/ and index/ (the repository root, two
    folders above this file's: seedsearch/cli/demo.py)."""
    return Path(__file__).resolve().parents[2]


def _in_a_collection(docs: Iterable[dict]) -> Iterator[dict]:
    """``docs``, each without a collection put in :data:`NEWS` (in place:
    a loaded document keeps its file and line for error messages)."""
    for doc in docs:
        if not doc.get(COLLECTION):
            doc[COLLECTION] = NEWS
        yield doc


def run_demo(progress: bool = True, out: TextIO = sys.stdout) -> int:
    root = project_root()
    seeds, index_dir = root / "seeds", root / "index"
    if not seeds.is_dir():
        raise SourceError("the demo corpus seeds/ is not there; run the demo from a "
                          "clone of the repository (pip install -e .)", path=seeds)
    start = time.perf_counter()
    docs = _in_a_collection(load_documents(seeds))
    with Index.create(index_dir, overwrite=True, vowels=True, labels=DEMO_LABELS) as ix:
        count = ix.add_documents(docs, progress=progress, procs=1)
        took = time.perf_counter() - start
        print(f"indexed {count} documents from {seeds} into {index_dir} in {took:.1f} s",
              file=out)
        for what, query, options in DEMO_QUERIES:
            t0 = time.perf_counter()
            results = ix.search(query, limit=3, **options)
            ms = (time.perf_counter() - t0) * 1000
            print(f"\n== {query}   ({what})", file=out)
            print(f"   {matching(results.total)}, {ms:.0f} ms", file=out)
            print_hits(results, stream=out)
    print(f"\nTo search it in a browser: pip install -e '.[web]' && "
          f"seedsearch serve --index {index_dir}", file=out)
    return 0
