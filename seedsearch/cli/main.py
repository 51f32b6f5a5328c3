"""The ``seedsearch`` command: a thin layer over the public API (its
options are :mod:`.options`').

Every user mistake (no index, bad path, unreadable file, malformed line, bad
query argument, options that contradict each other) prints one line on
stderr and exits with status 2.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from ..errors import IndexNotFoundError, SeedsearchError, SourceError
from ..index import Index
from ..ingest.loaders import load_documents
from ..storage.opening import index_exists
from ..storage.reading import index_files
from ..storage.replacing import staged_replacement
from .display import documents, matching, print_hits
from .options import EXIT_USER_ERROR, build_parser, parse_args
from .reader import cmd_complete, cmd_similar, filters_of

__all__ = ["main", "build_parser"]


def _open_or_create(path, overwrite, vowels):
    if overwrite:
        return Index.create(path, overwrite=True, vowels=vowels)
    try:
        ix = Index.open(path)
    except IndexNotFoundError:
        return Index.create(path, vowels=vowels)
    if vowels and not ix.has_vowels:
        ix.close()
        raise SeedsearchError(
            f"{path}: the index there was created without vowel data, which --vowels "
            "cannot add to it; to rebuild it with vowel data, add --overwrite and give "
            "every file again")
    return ix


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
    folder = Path(args.index)
    # --overwrite builds beside the old index and replaces it only if all went well.
    replacing = args.overwrite and folder.is_dir() and index_exists(folder)
    with _undone_on_failure(folder), \
            (staged_replacement(folder) if replacing else nullcontext(folder)) as target:
        with _open_or_create(target, args.overwrite, args.vowels) as ix:
            start = time.perf_counter()
            count = ix.add_documents(docs, progress=show, procs=args.procs)
            seconds = time.perf_counter() - start
            stats = ix.stats(count_terms=False)  # the vocabulary count takes seconds
    rate = count / seconds if seconds > 0 else 0.0
    print(f"added {documents(count)} in {seconds:.1f} s ({rate:.0f} docs/s); "
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


def cmd_search(args) -> int:
    if args.explain:
        with Index.open(args.index) as ix:
            print(ix.explain(args.query, limit=args.limit, page=args.page,
                             filters=filters_of(args.filter), exact=args.exact,
                             vowels=args.vowels, strict=args.strict))
        return 0
    with Index.open(args.index) as ix:
        results = ix.search(args.query, limit=args.limit, page=args.page,
                            filters=filters_of(args.filter), exact=args.exact,
                            vowels=args.vowels, strict=args.strict, sort=args.sort)
        for warning in results.warnings:
            print(f"seedsearch: note: {warning}", file=sys.stderr)
        if args.json:
            for hit in results:
                print(json.dumps(hit.to_dict(), ensure_ascii=False))
            if results.suggestion:
                print(f"seedsearch: did you mean: {results.suggestion}", file=sys.stderr)
            return 0
        print(f"{matching(results.total)}; page {args.page}")
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
    from ..export.query import translate_query, translate_similar

    if args.query is not None or args.similar is not None:
        body = (translate_similar(args.similar, index=args.name) if args.similar is not None
                else translate_query(args.query, combined=not args.cross_fields, sort=args.sort,
                                     index=args.query_index))
        print(json.dumps(body, ensure_ascii=False, indent=2))
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


COMMANDS = {"index": cmd_index, "search": cmd_search, "similar": cmd_similar,
            "complete": cmd_complete, "stats": cmd_stats, "serve": cmd_serve,
            "export": cmd_export, "demo": cmd_demo}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
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
