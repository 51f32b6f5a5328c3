"""Build ``seedsearch/text/data/stems.txt.gz``: light stems attested on their own.

Run from the repository root (needs ../shared)::

    python tools/build_lexicon.py [--corpus ../shared/bench/arabic_mix.jsonl.gz]

Source: the **hadith** documents of the bench corpus only (classical matn
and isnad, public domain; see ``seedsearch/data/NOTICE.md``).  The Qur'an
text (Tanzil, CC BY 3.0, verbatim copies only), the news (CC BY-NC-SA) and
the tafsir (modern works of unclear status) are not read.  pyarabic's word
lists are not used either: pyarabic is GPL, this package is MIT.

Rule, in order:

1. every Arabic word of every hadith (letters, harakat, tatweel, Qur'anic
   small letters) is stemmed with :func:`seedsearch.text.stem.stem`, the stemmer
   the index uses.  ``stem`` strips the article and its combinations (ال بال
   وال …) but never a lone و ف ب ل ك, so بالقلم counts for قلم while بقلم
   counts for بقلم, not for قلم: a stem is counted only where it stands
   without a one-letter prefix;
2. a stem is kept when it occurs ``MIN_COUNT`` (3) times or more;
3. a kept stem that looks like a one-letter prefix on a much commoner word
   is dropped: ``p + x`` with p in و ف ب ل ك, x of 3 letters or more, not a
   stop word, and x ``ARTIFACT_RATIO`` (20) times as frequent (ومحمدا,
   بباب, لسبع go; كتاب, لبن, لعن stay).

The output is deterministic: sorted, one stem a line, gzip without a
timestamp.
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
from benchmarks.devsets import ARABIC_WORD  # noqa: E402
from seedsearch.text.stem import ONE_LETTER_PREFIXES, stem  # noqa: E402
from seedsearch.text.stopwords import STOP_WORDS  # noqa: E402

OUT = ROOT / "seedsearch" / "text" / "data" / "stems.txt.gz"
MIN_COUNT = 3
ARTIFACT_RATIO = 20


def count_stems(corpus: Path) -> collections.Counter:
    counts: collections.Counter = collections.Counter()
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if doc.get("collection") != "hadith":
                continue
            for word in ARABIC_WORD.findall(doc["text"]):
                s = stem(word)
                if s:
                    counts[s] += 1
    return counts


def select(counts: collections.Counter) -> list[str]:
    kept = {s for s, n in counts.items() if n >= MIN_COUNT}

    def artifact(s: str) -> bool:
        x = s[1:]
        return (s[0] in ONE_LETTER_PREFIXES and len(x) >= 3 and x not in STOP_WORDS
                and counts[x] >= ARTIFACT_RATIO * counts[s])

    return sorted(s for s in kept if not artifact(s))


def write(stems: list[str], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(s + "\n" for s in stems).encode("utf-8")
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                               filename="") as f:
        f.write(body)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BENCH_CORPUS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    counts = count_stems(args.corpus)
    stems = select(counts)
    write(stems, args.out)
    print(f"{len(counts):,} distinct stems in the hadith, {len(stems):,} kept "
          f"(>= {MIN_COUNT} occurrences, prefix artifacts dropped); "
          f"{args.out.stat().st_size:,} bytes -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
