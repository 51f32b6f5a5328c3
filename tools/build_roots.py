"""Build ``seedsearch/text/data/roots.tsv.gz``: the Arabic roots that
:mod:`seedsearch.text.roots` accepts, each with its number of attested verbs
and how often the hadith use it.

Run from the repository root (needs ../shared), in a virtualenv with ``mazini``
installed (CC BY 4.0; needed only here, never at run time)::

    pip install mazini && python tools/build_roots.py [--corpus ../shared/bench/arabic_mix.jsonl.gz]

Source: the attested-verb lexicon that ``mazini`` packages, the four root x
pattern tables of *جداول إحصاء الأفعال العربية* (Marwan al-Bawwab and Yahya Mir
Alam), as published in the ``m-bakni/arabic-morphology`` repository under CC BY
4.0: 24,188 verbs over 7,626 roots (6,680 of three letters, 946 of four).  Each
line of the output is a root, hamza written ء, a tab, and how many of the
tables' verb patterns (I-X and the quadriliteral forms) are attested for it: a
measure of how productive, and so how likely, a root is; another tab and the
root's frequency in the hadith of the bench corpus (classical text in the public
domain, the same source as ``stems.txt.gz``; the Qur'an, tafsir and news are not
read): each word of each hadith counts once, for the first root that
:func:`seedsearch.text.roots.roots_of` returns for it.  That is computed
``PASSES`` times: first with the verb counts as the only prior, then with the
frequencies of the pass before.  The nouns of the IRREGULAR table (الله, ابن,
أب) are not counted: they are found by the table, and الله alone (170,000
times) would give its root a prior that outweighs every pattern.  The frequency is the prior that tells مقال
(قول) from a reading as مقل.

The output is deterministic: sorted, gzip without a timestamp.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import BENCH_CORPUS  # noqa: E402

OUT = ROOT / "seedsearch" / "text" / "data" / "roots.tsv.gz"
PASSES = 2


def build() -> list[tuple[str, int]]:
    from mazini.lexicon import attested_wazns, lexicon_roots

    return sorted((r, len(attested_wazns(r))) for r in lexicon_roots())


def hadith_counts(corpus: Path) -> collections.Counter:
    """Each hadith word's count shared among its roots (see the docstring)."""
    from benchmarks.devsets import ARABIC_WORD
    from seedsearch.text import roots

    words: collections.Counter = collections.Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if doc.get("collection") == "hadith":
                words.update(roots.skeleton(w) for w in ARABIC_WORD.findall(doc["text"]))
    counts: collections.Counter = collections.Counter()
    for word, n in words.items():
        if roots.irregular_root(word):
            continue  # found by its table: counted, الله alone would outweigh every pattern
        found = roots.roots_of(word)
        if found:
            counts[found[0]] += n
    return counts


def write(rows: list[tuple[str, int, int]], out: Path) -> None:
    body = "".join(f"{r}\t{n}\t{c}\n" for r, n, c in rows).encode("utf-8")
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(body)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--corpus", type=Path, default=BENCH_CORPUS)
    args = parser.parse_args(argv)
    from seedsearch.text import roots

    verbs = build()
    rows = [(r, n, 0) for r, n in verbs]  # the first pass: no frequency yet
    for _ in range(PASSES):
        write(rows, args.out)
        for cached in (roots._weights, roots._prior, roots._known, roots.roots_of):
            cached.cache_clear()
        counts = hadith_counts(args.corpus)
        rows = [(r, n, counts.get(r, 0)) for r, n in verbs]
    write(rows, args.out)
    import mazini

    print(f"{len(rows):,} roots from mazini {mazini.__version__}, "
          f"{sum(1 for r in rows if r[2]):,} seen in the hadith -> {args.out} "
          f"({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
