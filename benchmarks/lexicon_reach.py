"""How often the shipped lexicon would let a bare word reach its prefixed forms.

``python -m benchmarks.lexicon_reach [--docs 300 --docs 3000]``: news
articles of the bench corpus (never shipped; measured only) are drawn with a
fixed seed.  For each collection size, the *index vocabulary* is every stem
and every normalized word of those articles.  A stem r is *prefixed-only*
when some p + r (p in و ف ب ل ك) is in the vocabulary, r itself is not, and
fewer than two distinct prefixes occur with it: the planner's rule today
(seedsearch.compile ``_ranked``) does not let the query r reach p + r.  It
is *helped* when :func:`seedsearch.text.lexicon.is_known_stem` knows r.

A helped r is *confirmed* when the whole news corpus (30,017 articles) has r
on its own at least 5 times, i.e. a large index would have made the same
call; the rest are read by eye (names such as وليد, بريطانيا are the risk).

Measured 2026-11-29 (lexicon of 25,089 hadith stems, stem() with نا):

======== ==================== ===================== =======================
articles prefixed tokens      unreachable today     reached with lexicon
======== ==================== ===================== =======================
100      4,373                1,677 (859 stems)     445 tokens (248 stems)
300      13,024               3,870 (1,512 stems)   822 tokens (342 stems)
3,000    131,181              21,561 (4,035 stems)  2,011 tokens (422 stems)
======== ==================== ===================== =======================

So on a 300-article news index the lexicon makes about a fifth of the
unreachable prefixed tokens reachable (6 % of all prefixed tokens); the
rest are modern words that classical hadith never uses (وطن, مشروع).  Read by
eye, 38 of 60 helped stems drawn at random (300 articles) were right splits
(بكلتا, وارجل, لأولادنا, وتوثيق, ليفسح); 22 were whole words whose rest is
also a classical word: names (لبنان -> بنان, فوزي, كابول, باريس, كندا) and
فاعل-pattern words after ب ف ك ل (باحث, باكر, فاضل, لامع), also فروق, بدلا,
كيفية.  The "confirmed" proxy does not separate them (بنان is a name in the
news too).  Such a false split only matters when someone searches the rare
rest (بنان, احث) and is shown the whole word, but the planner should prefer
the index's own evidence when it has any.
"""

from __future__ import annotations

import argparse
import collections

from seedsearch.text.lexicon import is_known_stem
from seedsearch.text.normalize import normalize
from seedsearch.text.stem import ONE_LETTER_PREFIXES, stem

from .common import BENCH_CORPUS, iter_corpus
from .devsets import ARABIC_WORD, SEED, seeded_hash


def _h(key: str) -> int:
    return seeded_hash(SEED, key)


def news_token_counts(corpus):
    docs = []
    for doc in iter_corpus(corpus):
        if doc.get("collection") == "saudinewsnet":
            docs.append((doc["id"], collections.Counter(ARABIC_WORD.findall(
                f"{doc.get('title') or ''} {doc['text']}"))))
    return docs


def reach(docs, n):
    chosen = sorted(docs, key=lambda d: _h(d[0]))[:n]
    tokens: collections.Counter = collections.Counter()
    for _, c in chosen:
        tokens.update(c)
    stems = collections.Counter()
    vocab = set()
    for t, k in tokens.items():
        s = stem(t)
        stems[s] += k
        vocab.add(s)
        vocab.add(normalize(t))
    prefixes: dict[str, set] = collections.defaultdict(set)
    for s in stems:
        if len(s) >= 4 and s[0] in ONE_LETTER_PREFIXES and not s.startswith("ال", 1):
            prefixes[s[1:]].add(s[0])
    stuck = {r for r, ps in prefixes.items() if r not in vocab and len(ps) < 2}
    helped = {r for r in stuck if is_known_stem(r)}

    def occurrences(rs):
        return sum(stems[p + r] for r in rs for p in prefixes[r])

    total = sum(stems[p + r] for r, ps in prefixes.items() for p in ps)
    return {"docs": n, "candidates": len(prefixes), "stuck": len(stuck), "helped": helped,
            "prefixed_tokens": total, "stuck_tokens": occurrences(stuck),
            "helped_tokens": occurrences(helped), "prefixes": prefixes}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lexicon_reach")
    parser.add_argument("--corpus", default=BENCH_CORPUS)
    parser.add_argument("--docs", type=int, action="append")
    args = parser.parse_args(argv)
    docs = news_token_counts(args.corpus)
    alone = collections.Counter()
    for _, c in docs:
        for t, k in c.items():
            alone[stem(t)] += k
    for n in args.docs or [300, 3000]:
        r = reach(docs, n)
        confirmed = {w for w in r["helped"] if alone[w] >= 5}
        print(f"{n} articles: {r['candidates']:,} stems seen after a one-letter prefix; "
              f"{r['stuck']:,} unreachable from the bare word today "
              f"({r['stuck_tokens']:,} of {r['prefixed_tokens']:,} prefixed tokens); "
              f"the lexicon reaches {len(r['helped']):,} of them "
              f"({r['helped_tokens']:,} tokens), {len(confirmed):,} confirmed by the whole "
              f"news corpus")
        unconfirmed = sorted(r["helped"] - confirmed, key=lambda w: _h(w))[:25]
        print("  not confirmed (read by eye):",
              " ".join(f"{min(r['prefixes'][w])}+{w}" for w in unconfirmed))
        sample = sorted(confirmed, key=lambda w: _h(w))[:15]
        print("  confirmed, e.g.:", " ".join(f"{min(r['prefixes'][w])}+{w}" for w in sample))


if __name__ == "__main__":
    main()
