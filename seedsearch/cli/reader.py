"""The reader's commands: ``similar`` and ``complete``, and the ``--filter``
pairs that ``search`` and ``similar`` share."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from ..errors import SeedsearchError
from ..fields import DATE
from ..index import Index
from ..search.complete import MAX_COMPLETIONS
from .display import print_hits

__all__ = ["add_reader_commands", "cmd_similar", "cmd_complete", "filters_of"]


def filters_of(pairs: list[str]) -> dict[str, str | list[str]]:
    """``--filter FIELD=VALUE`` pairs as ``filters=`` (a repeated
    collection or category is either value)."""
    out: dict[str, str | list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name or not value:
            raise SeedsearchError(f"--filter {pair!r}: use FIELD=VALUE, e.g. collection=news")
        if name in out and name != DATE:
            prev = out[name]
            out[name] = (prev if isinstance(prev, list) else [prev]) + [value]
        else:
            out[name] = value
    return out


def add_reader_commands(sub: argparse._SubParsersAction,
                        add_index_option: Callable[[argparse.ArgumentParser], None]) -> None:
    p = sub.add_parser("similar", help="the documents most like one document",
                       description="Rank the documents most like document ID by its most "
                       "characteristic words (ID itself left out). Example: seedsearch "
                       "similar bukhari:6507 --limit 5")
    p.add_argument("doc_id", metavar="ID", help="the id of a document of the index")
    add_index_option(p)
    p.add_argument("--limit", "-n", type=int, default=10, metavar="N", help="hits per page")
    p.add_argument("--page", "-p", type=int, default=1, metavar="N", help="page number")
    p.add_argument("--filter", "-f", action="append", default=[], metavar="FIELD=VALUE",
                   help="collection=…, category=… or date=… (repeatable)")
    p.add_argument("--explain", action="store_true",
                   help="print the document's characteristic words and the plan of their "
                        "query instead of searching")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per hit, as search --json prints them")

    p = sub.add_parser("complete", help="the index's words that begin with a prefix",
                       description="Print, one a line, the words of the index that begin with "
                       "PREFIX, most frequent first (harakat and hamza seats of the prefix "
                       "do not matter). Example: seedsearch complete أح --limit 5")
    p.add_argument("prefix", metavar="PREFIX")
    add_index_option(p)
    p.add_argument("--limit", "-n", type=int, default=10, metavar="N",
                   help=f"how many words (1 to {MAX_COMPLETIONS}; default 10)")


def cmd_similar(args: argparse.Namespace) -> int:
    with Index.open(args.index) as ix:
        if args.explain:
            print(ix.explain_similar(args.doc_id))
            return 0
        results = ix.similar(args.doc_id, limit=args.limit, page=args.page,
                             filters=filters_of(args.filter))
        if args.json:
            for hit in results:
                print(json.dumps(hit.to_dict(), ensure_ascii=False))
            return 0
        noun = "document is" if results.total == 1 else "documents are"
        print(f"{results.total} {noun} like {args.doc_id}; page {args.page}")
        print_hits(results)
    return 0


def cmd_complete(args: argparse.Namespace) -> int:
    with Index.open(args.index) as ix:
        for word in ix.complete(args.prefix, limit=args.limit):
            print(word)
    return 0
