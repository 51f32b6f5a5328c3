"""The ``seedsearch`` command: a thin layer over the public API.

Every user mistake (no index, bad path, unreadable file, malformed line, bad
query argument) prints one line on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from .. import __version__
from ..errors import IndexNotFoundError, SeedsearchError, SourceError
from ..fields import DATE
from ..index import Index
from ..ingest.loaders import load_documents
from ..storage.opening import index_exists
from ..storage.reading import index_files
from .display import print_hits

__all__ = ["main", "build_parser"]

DEFAULT_INDEX = "index"
EXIT_USER_ERROR = 2


def _add_index_option(parser):
    parser.add_argument("--index", "-i", default=DEFAULT_INDEX, metavar="DIR",
                        help=f"index folder (default: ./{DEFAULT_INDEX})")


def _from_one(text: str) -> int:
    """An option's whole number of 1 or more (argparse reports the mistake)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1, not {value}")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse with a usage mistake reported like every other user error:
    one line on stderr, exit status 2 (argparse prints its usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR,
                  f"seedsearch: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    p.add_argument("--procs", type=_from_one, default=None, metavar="N",
                   help="indexing processes (default: 2 for large batches on 2+ cores)")
    p.add_argument("--vowels", action="store_true",
                   help="also index vowel data, for search --vowels (new indexes only)")
    p.add_argument("--skip-bad", action="store_true",
                   help="report malformed lines and unreadable files on stderr and go on")
    p.add_argument("--encoding", default=None, metavar="NAME",
                   help="the files' encoding when it is not UTF-8, e.g. cp1256 (Windows Arabic)")
    p.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                   help="what to do with bytes the encoding cannot decode (default: strict = "
                        "stop; replace: U+FFFD, counted per file on stderr)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    p = sub.add_parser("search", help="ranked search",
                       usage="%(prog)s QUERY [--index DIR] [--limit N] [--page N] [--json] "
                       "[--explain] [--filter FIELD=VALUE] [--exact] [--vowels] [--strict]",
                       description="Search an index. Example: seedsearch search "
                       "'«الجيش السوري» date:>2025' --limit 5")
    p.add_argument("query", nargs="?", metavar="QUERY",
                   help="the query; one that starts with - (-روسيا) may follow -- "
                   "(search -- -روسيا --index DIR)")
    p.add_argument(_QUERY_OPTION, dest="query_option", help=argparse.SUPPRESS)
    _add_index_option(p)
    p.add_argument("--limit", "-n", type=int, default=10, metavar="N", help="hits per page")
    p.add_argument("--page", "-p", type=int, default=1, metavar="N", help="page number")
    p.add_argument("--filter", "-f", action="append", default=[], metavar="FIELD=VALUE",
                   help="collection=…, category=… or date=… (repeatable)")
    p.add_argument("--exact", action="store_true", help="match word forms, no stemming")
    p.add_argument("--vowels", action="store_true",
                   help="harakat in the query must agree with the text's")
    p.add_argument("--strict", action="store_true", help="reject malformed query syntax")
    p.add_argument("--explain", action="store_true",
                   help="print how the query is read (words, terms per field, weights, "
                        "expansions, filters) instead of searching")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per hit (id, rank, score, title, date, collection, "
                        "category, highlight as escaped HTML, fields)")

    p = sub.add_parser("stats", help="documents, terms, segments, size, fields",
                       description="Show index statistics. Example: seedsearch stats")
    _add_index_option(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = sub.add_parser("serve", help="a local search page and JSON API (read-only)",
                       description="Serve a search page at / and a JSON API at /api/search "
                       "and /api/doc/ID. Needs: pip install 'seedsearch[web]' "
                       "(in a clone: pip install -e '.[web]'). "
                       "Example: seedsearch serve --index index/")
    _add_index_option(p)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 = any free)")

    p = sub.add_parser("export", help="export to OpenSearch/Elasticsearch, or translate a query",
                       description="Write OUTDIR/settings.json (the body of PUT /NAME) and "
                       "OUTDIR/bulk-00001.ndjson… (bulk API pairs), or with --query print a "
                       "query as OpenSearch/Elasticsearch query DSL. Example: seedsearch export "
                       "--index index/ --out export/ --name news, or seedsearch export --query "
                       "'«الجيش السوري» -روسيا'")
    _add_index_option(p)
    p.add_argument("--out", "-o", metavar="OUTDIR", help="folder for settings.json and bulk files")
    p.add_argument("--name", default=None, metavar="NAME",
                   help="index name in the bulk action lines (default: seedsearch)")
    p.add_argument("--query", metavar="QUERY",
                   help="print QUERY as query DSL (JSON) instead of exporting")
    p.add_argument("--cross-fields", action="store_true",
                   help="with --query: multi_match cross_fields instead of combined_fields, "
                        "for OpenSearch before 3.2 and Elasticsearch before 7.13")
    p.add_argument("--max-mb", type=float, default=10.0, metavar="MB",
                   help="largest bulk file in MB (default: 10)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")

    p = sub.add_parser("demo", help="index seeds/ into index/ and run example queries",
                       description="Index the bundled seeds/ corpus and run example "
                       "queries. Example: python -m seedsearch demo")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    return parser


#: Hidden option that carries a query lifted out of the way of argparse.
_QUERY_OPTION = "--query-text"


def _lift_query(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``argv`` with a search query that argparse would read as an option
    rewritten as ``--query-text=QUERY``.

    argparse takes any argument that starts with - for an option, so
    ``search -الدنيا`` failed with "the following arguments are required".
    The query is the argument after ``--`` (options may follow it), or an
    argument that starts with - and then a character no option has (an
    Arabic letter, a space); a value that follows an option (--limit -1)
    is left alone.
    """
    command = next((i for i, arg in enumerate(argv) if not arg.startswith("-")), None)
    if command is None or argv[command] != "search":
        return argv
    at = command + 1
    head, rest = argv[:at], argv[at:]
    search = _subparser(parser, "search")
    takes_value = {opt for action in search._actions if action.nargs != 0
                   for opt in action.option_strings}
    out: list[str] = []
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--" and i + 1 < len(rest):
            out.append(f"{_QUERY_OPTION}={rest[i + 1]}")
            out.extend(rest[i + 2:])
            break
        if arg in takes_value:
            out.extend(rest[i:i + 2])
            i += 2
            continue
        if len(arg) > 1 and arg[0] == "-" and (not arg[1].isascii() or arg[1].isspace()):
            arg = f"{_QUERY_OPTION}={arg}"
        out.append(arg)
        i += 1
    return head + out


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices[name]
    raise LookupError(name)


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

    show = not args.quiet and sys.stderr.isatty()  # progress goes to stderr
    for path in args.paths:  # before any index is created or overwritten
        if not Path(path).exists():
            raise SourceError("no such file or folder", path=Path(path))
    docs = load_documents(args.paths, encoding=args.encoding,
                          encoding_errors=args.encoding_errors,
                          on_error=report if args.skip_bad else None)
    with _undone_on_failure(Path(args.index)):
        with _open_or_create(args.index, args.overwrite, args.vowels) as ix:
            start = time.perf_counter()
            count = ix.add_documents(docs, progress=show, procs=args.procs)
            seconds = time.perf_counter() - start
            stats = ix.stats(count_terms=False)  # the vocabulary count takes seconds
    rate = count / seconds if seconds > 0 else 0.0
    print(f"added {count} documents in {seconds:.1f} s ({rate:.0f} docs/s); "
          f"index {args.index}: {stats['documents']} documents, "
          f"{stats['size_bytes'] / 1e6:.2f} MB")
    for path, count in docs.replaced.items():
        chars = "1 character was" if count == 1 else f"{count:,} characters were"
        print(f"seedsearch: note: {path}: {chars} not valid {docs.encoding}, replaced with "
              "U+FFFD", file=sys.stderr)
    if skipped:
        print(f"skipped {len(skipped)} bad records or files", file=sys.stderr)
    return 0


@contextmanager
def _undone_on_failure(folder: Path) -> Iterator[None]:
    """When the block fails and ``folder`` held no index before it, remove
    what the block wrote there: the index files that were not there before,
    then the folders it made, if they are empty.  So a failed first batch
    leaves no empty index behind (the next search says "no index here"),
    and nothing that was there before is touched."""
    made = []  # the folders the block may make, deepest first
    for path in (folder, *folder.parents):
        if path.exists():
            break
        made.append(path)
    if not made and (not folder.is_dir() or index_exists(folder)):
        yield  # a file (refused) or an index (a batch is all or nothing)
        return
    before = set(folder.iterdir()) if not made else set()
    try:
        yield
    except BaseException:
        if folder.is_dir():
            for path in index_files(folder):
                if path not in before:
                    path.unlink(missing_ok=True)
        for path in made:
            try:
                path.rmdir()
            except OSError:  # not empty, or not ours to remove
                break
        raise


def _filters(pairs: list[str]) -> dict[str, str | list[str]]:
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


def cmd_search(args) -> int:
    if args.explain:
        with Index.open(args.index) as ix:
            print(ix.explain(args.query, limit=args.limit, page=args.page,
                             filters=_filters(args.filter), exact=args.exact,
                             vowels=args.vowels, strict=args.strict))
        return 0
    with Index.open(args.index) as ix:
        results = ix.search(args.query, limit=args.limit, page=args.page,
                            filters=_filters(args.filter), exact=args.exact,
                            vowels=args.vowels, strict=args.strict)
        for warning in results.warnings:
            print(f"seedsearch: note: {warning}", file=sys.stderr)
        if args.json:
            for hit in results:
                print(json.dumps(hit.to_dict(tag="b"), ensure_ascii=False))
            if results.suggestion:
                print(f"seedsearch: did you mean: {results.suggestion}", file=sys.stderr)
            return 0
        noun = "document matches" if results.total == 1 else "documents match"
        print(f"{results.total} {noun}; page {args.page}")
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


def cmd_export(args) -> int:
    from ..export.bulk import DEFAULT_NAME, export_index
    from ..export.query import translate_query

    if args.query is not None:
        print(json.dumps(translate_query(args.query, combined=not args.cross_fields),
                         ensure_ascii=False, indent=2))
        return 0
    if not args.out:
        raise SeedsearchError("export: give --out OUTDIR (or --query QUERY to translate a query)")
    if not args.max_mb > 0:
        raise SeedsearchError(f"--max-mb must be above 0, not {args.max_mb:g}")
    start = time.perf_counter()
    summary = export_index(args.index, args.out, name=args.name or DEFAULT_NAME,
                           max_bytes=int(args.max_mb * 1024 * 1024),
                           progress=not args.quiet and sys.stderr.isatty())
    seconds = time.perf_counter() - start
    print(f"exported {summary.documents} documents in {seconds:.1f} s to {args.out}: "
          f"settings.json and {len(summary.files)} bulk files ({summary.bytes / 1e6:.1f} MB)")
    return 0


def cmd_demo(args) -> int:
    from .demo import run_demo

    return run_demo(progress=not args.quiet and sys.stderr.isatty())


def cmd_serve(args) -> int:
    from .serve import serve

    return serve(args.index, args.host, args.port)


COMMANDS = {"index": cmd_index, "search": cmd_search, "stats": cmd_stats, "serve": cmd_serve,
            "export": cmd_export, "demo": cmd_demo}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(_lift_query(parser, argv))
    if args.command == "search":
        if args.query is not None and args.query_option is not None:
            _subparser(parser, "search").error(
                f"two queries given ({args.query!r} and {args.query_option!r}); "
                "quote the query as one argument")
        args.query = args.query if args.query is not None else args.query_option
        if args.query is None:
            _subparser(parser, "search").error(
                "the following arguments are required: QUERY "
                "(put -- before a query that starts with -)")
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
