"""The options of the ``seedsearch`` command: the parser, and the checks
argparse cannot make (a search query that starts with a minus, options that
contradict each other).  A usage mistake is one line on stderr and exit
status 2, like every other user mistake.
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from .. import __version__
from ..search.sorting import SORTS
from .reader import add_reader_commands

__all__ = ["build_parser", "parse_args", "DEFAULT_INDEX", "EXIT_USER_ERROR"]

DEFAULT_INDEX = "index"
DEFAULT_MAX_MB = 10.0
EXIT_USER_ERROR = 2


def _add_index_option(parser, default: str | None = DEFAULT_INDEX,
                      help: str = f"index folder (default: ./{DEFAULT_INDEX})"):
    parser.add_argument("--index", "-i", default=default, metavar="DIR", help=help)


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
                       "[--explain] [--filter FIELD=VALUE] [--exact] [--vowels] [--strict] "
                       "[--sort relevance|newest|oldest]",
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
    p.add_argument("--sort", choices=SORTS, default="relevance",
                   help="order of the hits: relevance (default), newest or oldest (by date; "
                        "undated documents last)")
    p.add_argument("--explain", action="store_true",
                   help="print how the query is read (words, terms per field, weights, "
                        "expansions, filters) instead of searching")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per hit, exactly Hit.to_dict(): id, rank, score, "
                        "title, date, collection, category and their labels, highlight "
                        "(escaped HTML with <mark>), fields")

    add_reader_commands(sub, _add_index_option)

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
    _add_index_option(p, default=None,  # None: not given (see _check_export)
                      help=f"index folder to export (default: ./{DEFAULT_INDEX}); with --query, "
                      "the index to plan the query against (default: none, the query as "
                      "written)")
    p.add_argument("--out", "-o", metavar="OUTDIR", help="folder for settings.json and bulk files")
    p.add_argument("--name", default=None, metavar="NAME",
                   help="index name in the bulk action lines (default: seedsearch)")
    p.add_argument("--query", metavar="QUERY",
                   help="print QUERY as query DSL (JSON) instead of exporting; with --index, "
                        "as seedsearch plans it on that index (its readings, expansions and "
                        "neighbours written out)")
    p.add_argument("--similar", metavar="ID",
                   help="print a more_like_this search body for the document ID instead")
    p.add_argument("--sort", choices=SORTS, default="relevance",
                   help="with --query: sort by date (newest, oldest), undated last")
    p.add_argument("--cross-fields", action="store_true",
                   help="with --query: multi_match cross_fields instead of combined_fields, "
                        "for OpenSearch before 3.2 and Elasticsearch before 7.13")
    p.add_argument("--max-mb", type=float, default=None, metavar="MB",
                   help=f"largest bulk file in MB (default: {DEFAULT_MAX_MB:g})")
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
    if command is not None and argv[command] == "export":
        # export --query -روسيا: the value that follows --query, whatever it is.
        lifted = list(argv)
        for i in range(command + 1, len(lifted) - 1):
            if lifted[i] == "--query" and lifted[i + 1].startswith("-"):
                lifted[i:i + 2] = [f"--query={lifted[i + 1]}"]
                break
        return lifted
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


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The options of ``argv``, checked; a usage mistake exits with status 2."""
    parser = build_parser()
    args = parser.parse_args(_lift_query(parser, argv))
    command = _subparser(parser, args.command)
    if args.command == "search":
        _check_search(command, args)
    elif args.command == "export":
        _check_export(command, args)
    return args


def _check_search(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.query is not None and args.query_option is not None:
        parser.error(f"two queries given ({args.query!r} and {args.query_option!r}); "
                     "quote the query as one argument")
    args.query = args.query if args.query is not None else args.query_option
    if args.query is None:
        parser.error("the following arguments are required: QUERY "
                     "(put -- before a query that starts with -)")
    if args.explain and args.json:
        parser.error("--json cannot go with --explain (--explain prints the plan as text)")


def _check_export(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """--query translates a query to stdout (against the vocabulary of
    --index when it is given): the other options of an export would be
    ignored, so they are refused; --cross-fields and
    --sort mean nothing without --query.  --similar prints a query that
    names the engine's index (--name) and reads neither a local index nor
    writes files."""
    if args.query is not None and args.similar is not None:
        parser.error("give --query or --similar, not both")
    # With --query, --index is the index whose vocabulary the translation
    # reads (the planner's decisions, see seedsearch.export.planned).
    args.query_index = args.index if args.query is not None else None
    if args.query is not None:
        for option, value in (("--out", args.out), ("--name", args.name),
                              ("--max-mb", args.max_mb)):
            if value is not None:
                parser.error(f"{option} cannot go with --query (a query is translated to "
                             "stdout, no files are written)")
    elif args.cross_fields:
        parser.error("--cross-fields needs --query (it chooses how a query is translated)")
    elif args.sort != "relevance":
        parser.error("--sort needs --query (it orders the hits of a translated query)")
    if args.similar is not None:
        for option, value in (("--out", args.out), ("--max-mb", args.max_mb),
                              ("--index", args.index)):
            if value is not None:
                parser.error(f"{option} cannot go with --similar (a more_like_this query "
                             "is printed to stdout; the engine reads the document)")
    args.index = DEFAULT_INDEX if args.index is None else args.index
    args.max_mb = DEFAULT_MAX_MB if args.max_mb is None else args.max_mb
