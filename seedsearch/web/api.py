"""The JSON API of ``seedsearch serve``: search, similar documents,
completions and stored documents.

Every answer is a plain ``to_dict()`` of the library's results; a bad
parameter (any parameter the route does not know included) is HTTP 400
with ``{"error": …}`` in English, an unknown document 404, an index that
fails under the server 500 with its message; never a traceback.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import DocumentNotFoundError, QueryError, SeedsearchError
from ..index import Index
from ..search.results import label_fields
from ..text.roots import roots_of
from .params import SIMILAR_ALLOWED, Params, parse_params

__all__ = ["api_routes", "search_dict", "similar_dict", "timing", "COMPLETE_ALLOWED"]

#: What /api/complete understands (``limit`` as the search's: 1 to 100, 10 by default).
COMPLETE_ALLOWED = ("q", "limit")


def timing(start: float) -> dict[str, str]:
    """The Server-Timing header: the app's own time for the request."""
    return {"Server-Timing": f"app;dur={(time.perf_counter() - start) * 1000:.1f}"}


_NOT_ONE_WORD = re.compile(r"[\s:\"«»“”„()\[\]{}*~]")


def search_dict(ix: Index, params: Params) -> dict:
    """The page's and /api/search's answer: ``SearchResults.to_dict()``,
    facets that combine, plus the filters and switches it ran with."""
    results = ix.search(params.query(), limit=params.limit, page=params.page,
                        filters=params.filters(), exact=params.exact, vowels=params.vowels,
                        sort=params.sort, combine_facets=True)
    out = results.to_dict(tag="mark")
    out["filters"] = params.filters()
    out["exact"], out["vowels"], out["root"] = params.exact, params.vowels, params.root
    # The root of a one-word query, for the page to offer «بحث بالجذر» (roots_of: a
    # cached reading of one word).
    word = params.q.strip()
    out["word_roots"] = list(roots_of(word)) if word and not _NOT_ONE_WORD.search(word) else []
    return out


def similar_dict(ix: Index, doc_id: str, params: Params) -> dict:
    """The documents like ``doc_id``: ``SearchResults.to_dict()`` (its
    ``query`` the characteristic words), plus ``similar_to`` and the filters."""
    results = ix.similar(doc_id, limit=params.limit, page=params.page,
                         filters=params.filters(), combine_facets=True)
    out = results.to_dict(tag="mark")
    out["similar_to"] = doc_id
    out["filters"] = params.filters()
    return out


def _json(handler: Callable[[Request], dict]) -> Callable[[Request], Response]:
    """A route that answers ``handler``'s dict, or its mistake as JSON."""
    def route(request: Request) -> Response:
        start = time.perf_counter()
        try:
            out = handler(request)
        except DocumentNotFoundError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)
        except QueryError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        except SeedsearchError as exc:  # the index itself (gone, unreadable): say so
            return JSONResponse({"error": str(exc)}, status_code=500)
        return JSONResponse(out, headers=timing(start))
    return route


def api_routes(ix: Index) -> list[Route]:
    def search(request: Request) -> dict:
        params = parse_params(request.query_params.multi_items())
        if not params.q:
            raise QueryError("give a query: /api/search?q=…")
        return search_dict(ix, params)

    def similar(request: Request) -> dict:
        params = parse_params(request.query_params.multi_items(), allowed=SIMILAR_ALLOWED)
        return similar_dict(ix, request.path_params["doc_id"], params)

    def complete(request: Request) -> dict:
        params = parse_params(request.query_params.multi_items(), allowed=COMPLETE_ALLOWED)
        if not params.q:
            raise QueryError("give a prefix: /api/complete?q=…")
        return {"query": params.q, "completions": ix.complete(params.q, limit=params.limit)}

    def document(request: Request) -> dict:
        doc_id = request.path_params["doc_id"]
        doc = ix.get(doc_id)
        if doc is None:
            raise DocumentNotFoundError(doc_id)
        return {**doc, **label_fields(doc, ix.labels)}

    return [Route("/api/search", _json(search)),
            Route("/api/similar/{doc_id:path}", _json(similar)),
            Route("/api/complete", _json(complete)),
            Route("/api/doc/{doc_id:path}", _json(document))]
