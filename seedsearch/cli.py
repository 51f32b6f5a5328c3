"""The ``seedsearch`` command: a thin layer over the public API.

Every user mistake (no index, bad path, unreadable file, malformed line, bad
query argument) prints one line on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from . import __version__
from .errors import IndexNotFoundError, SeedsearchError
from .index import Index
from .loaders import load_documents

__all__ = ["main", "build_parser"]

DEFAULT_INDEX = "index"
EXIT_USER_ERROR = 2


def _add_index_option(parser):
    parser.add_argument("--index", "-i", default=DEFAULT_INDEX, metavar="DIR",
                        help=f"index folder (default: ./{DEFAULT_INDEX})")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="seedsearch",
        description="Arabic full-text search: index files, search them, show statistics.")
    parser.add_argument("--version", action="version", version=f"seedsearch {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("index", help="add .txt/.jsonl/.json files or folders to an index",
                       description="Add documents to an index (created if missing). "
                       "Example: seedsearch index seeds/ --index index/")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _add_index_option(p)
    p.add_argument("--overwrite", action="store_true",
                   help="replace the index in DIR (only its own files are deleted)")
    p.add_argument("--procs", type=int, default=None, metavar="N",
                   help="indexing processes (default: 2 for large batches on 2+ cores)")
    p.add_argument("--vowels", action="store_true",
                   help="also index vowel data, for search --vowels (new indexes only)")
    p.add_argument("--skip-bad", action="store_true",
                   help="report malformed lines and unreadable files on stderr and go on")
    p.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                   help="what to do with invalid UTF-8 (default: strict = stop)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    p = sub.add_parser("search", help="ranked search",
                       description="Search an index. Example: seedsearch search "
                       "'«الجيش السوري» date:>2025' --limit 5")
    p.add_argument("query")
    _add_index_option(p)
    p.add_argument("--limit", "-n", type=int, default=10, metavar="N", help="hits per page")
    p.add_argument("--page", "-p", type=int, default=1, metavar="N", help="page number")
    p.add_argument("--filter", "-f", action="append", default=[], metavar="FIELD=VALUE",
                   help="collection=…, category=… or date=… (repeatable)")
    p.add_argument("--exact", action="store_true", help="match word forms, no stemming")
    p.add_argument("--vowels", action="store_true",
                   help="harakat in the query must agree with the text's")
    p.add_argument("--strict", action="store_true", help="reject malformed query syntax")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per hit (id, score, title, date, highlight)")

    p = sub.add_parser("stats", help="documents, terms, segments, size, fields",
                       description="Show index statistics. Example: seedsearch stats")
    _add_index_option(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = sub.add_parser("demo", help="index seeds/ into index/ and run example queries",
                       description="Index the bundled seeds/ corpus and run example "
                       "queries. Example: python -m seedsearch demo")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    return parser


def _open_or_create(path, overwrite, vowels):
    if overwrite:
        return Index.create(path, overwrite=True, vowels=vowels)
    try:
        return Index.open(path)
    except IndexNotFoundError:
        return Index.create(path, vowels=vowels)


def cmd_index(args) -> int:
    skipped = []

    def report(exc):
        skipped.append(exc)
        print(f"seedsearch: skipped: {exc}", file=sys.stderr)

    show = not args.quiet and sys.stdout.isatty()
    docs = load_documents(args.paths, encoding_errors=args.encoding_errors,
                          on_error=report if args.skip_bad else None)
    with _open_or_create(args.index, args.overwrite, args.vowels) as ix:
        start = time.perf_counter()
        count = ix.add_documents(docs, progress=show, procs=args.procs)
        seconds = time.perf_counter() - start
        stats = ix.stats(count_terms=False)  # the vocabulary count takes seconds
    rate = count / seconds if seconds > 0 else 0.0
    print(f"added {count} documents in {seconds:.1f} s ({rate:.0f} docs/s); "
          f"index {args.index}: {stats['documents']} documents, "
          f"{stats['size_bytes'] / 1e6:.2f} MB")
    if skipped:
        print(f"skipped {len(skipped)} bad records or files", file=sys.stderr)
    return 0


def _filters(pairs):
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name or not value:
            raise SeedsearchError(f"--filter {pair!r}: use FIELD=VALUE, e.g. collection=news")
        if name in out and name != "date":
            prev = out[name]
            out[name] = (prev if isinstance(prev, list) else [prev]) + [value]
        else:
            out[name] = value
    return out


def _markers(stream):
    if stream.isatty() and os.environ.get("NO_COLOR") is None:
        return "\033[1;31m", "\033[0m"
    return "<b>", "</b>"


def print_hits(results, stream=None):
    """Print ranked hits with their highlighted title and text snippet."""
    stream = stream or sys.stdout
    start, end = _markers(stream)
    for hit in results:
        date = hit.get("date") or "-"
        title = hit.get("title") or ""
        print(f"{hit.rank:>3}. {hit.id}  score {hit.score:.2f}  date {date}", file=stream)
        if title:
            print(f"     {hit.highlight('title', start=start, end=end)}", file=stream)
        snippet = " ".join(hit.highlight("text", start=start, end=end, size=200).split())
        print(f"     {snippet}", file=stream)


def cmd_search(args) -> int:
    with Index.open(args.index) as ix:
        results = ix.search(args.query, limit=args.limit, page=args.page,
                            filters=_filters(args.filter), exact=args.exact,
                            vowels=args.vowels, strict=args.strict)
        for warning in results.warnings:
            print(f"seedsearch: note: {warning}", file=sys.stderr)
        if args.json:
            for hit in results:
                print(json.dumps({"id": hit.id, "score": round(hit.score, 4), "rank": hit.rank,
                                  "title": hit.get("title", ""), "date": hit.get("date"),
                                  "highlight": hit.highlight("text")}, ensure_ascii=False))
            if results.suggestion:
                print(f"seedsearch: did you mean: {results.suggestion}", file=sys.stderr)
            return 0
        print(f"{results.total} documents match; page {args.page}")
        if results.suggestion:
            print(f"did you mean: {results.suggestion}")
        print_hits(results)
    return 0


def cmd_stats(args) -> int:
    with Index.open(args.index) as ix:
        stats = ix.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    for key, value in stats.items():
        if key == "size_bytes":
            key, value = "size", f"{value / 1e6:.1f} MB ({value} bytes)"
        elif key == "fields":
            value = ", ".join(value)
        print(f"{key:>10}: {value}")
    return 0


def cmd_demo(args) -> int:
    from .demo import run_demo

    return run_demo(progress=not args.quiet and sys.stdout.isatty())


COMMANDS = {"index": cmd_index, "search": cmd_search, "stats": cmd_stats, "demo": cmd_demo}


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except SeedsearchError as exc:
        print(f"seedsearch: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("seedsearch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of a pipe (| head) went away: not an error of ours.
        sys.stderr.close()
        return 0
