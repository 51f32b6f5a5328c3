"""``seedsearch serve``: a read-only search page and JSON API over one index.

``create_app(index)`` returns a Starlette app (install the extra:
``pip install 'seedsearch[web]'``):

- ``GET /``: the page, rendered on the server (works with JavaScript off);
  every state (query, filters, switches, page) is in the URL.
- ``GET /api/search?q=&page=&limit=&collection=&category=&date=&exact=&vowels=``:
  ``SearchResults.to_dict()`` plus the filters and switches it ran with.
- ``GET /api/doc/{id}``: one stored document, or a 404 JSON error.

The page and the API render the same ``to_dict()``.  A bad parameter gives
HTTP 400 with a message (a page for the page, ``{"error": …}`` for the
API), never a traceback.  Document text reaches the page only through
Jinja2's autoescape or ``Hit.highlight``, which escapes before it marks;
a Content-Security-Policy without scripts is a second fence.

Example: ``seedsearch serve --index index/``, or from Python::

    import uvicorn
    from seedsearch.web import create_app
    uvicorn.run(create_app("index/"), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..errors import QueryError, SeedsearchError
from ..fields import CATEGORY, COLLECTION, YEAR
from ..index import Index
from .params import Params, parse_params

__all__ = ["create_app"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: No scripts at all, no outside requests: the page needs neither.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: Facet values shown before «more» (the rest stay in a <details>).
FACET_SHOWN = 8
FACET_TITLES = {COLLECTION: "المجموعة", CATEGORY: "التصنيف", YEAR: "السنة"}


class SecurityHeaders:
    """ASGI middleware: the CSP and two more headers on every response."""

    HEADERS = [(b"content-security-policy", CSP.encode()),
               (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"no-referrer")]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.HEADERS
            await send(message)
        await self.app(scope, receive, send_with_headers)


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True)


def _page_numbers(page: int, pages: int) -> list[int | None]:
    """Pages to link: the first, the last and two on each side of ``page``;
    None marks a gap."""
    keep = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    out: list[int | None] = []
    for n in keep:
        if out and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


def _timing(start: float) -> dict[str, str]:
    return {"Server-Timing": f"app;dur={(time.perf_counter() - start) * 1000:.1f}"}


def create_app(index: Index | str | os.PathLike, *,
               allowed_hosts: Sequence[str] | None = None) -> Starlette:
    """The app over ``index`` (an open Index, or the path of one, opened
    now so that a missing index fails before the server starts).

    ``allowed_hosts`` (e.g. ``["127.0.0.1", "localhost"]``) refuses requests
    whose Host header names another site, so that a web page cannot read a
    local server through DNS rebinding; ``seedsearch serve`` sets it when it
    listens on this machine only."""
    ix = index if isinstance(index, Index) else Index.open(index)
    env = _environment()

    def render(status: int, **context) -> HTMLResponse:
        base: dict[str, Any] = {
            "params": Params(), "results": None, "error": None, "has_vowels": ix.has_vowels,
            "documents": None, "facet_titles": FACET_TITLES, "facet_shown": FACET_SHOWN,
            "page_numbers": []}
        html = env.get_template("search.html").render({**base, **context})
        return HTMLResponse(html, status_code=status)

    def run(params: Params) -> dict:
        results = ix.search(params.q, limit=params.limit, page=params.page,
                            filters=params.filters(), exact=params.exact,
                            vowels=params.vowels)
        out = results.to_dict(tag="mark")
        out["filters"] = params.filters()
        out["exact"], out["vowels"] = params.exact, params.vowels
        return out

    def page(request: Request) -> Response:
        start = time.perf_counter()
        try:
            params = parse_params(request.query_params.multi_items())
            results = run(params) if params.q else None
        except QueryError as exc:
            return render(400, error=str(exc))
        except SeedsearchError as exc:  # the index itself (gone, unreadable): say so
            return render(500, error=str(exc))
        numbers = _page_numbers(params.page, results["pages"]) if results else []
        # the document count (a read of the index's table of contents) only
        # where it is shown: the page without a query
        documents = None if results else len(ix)
        response = render(200, params=params, results=results, page_numbers=numbers,
                          documents=documents)
        response.headers.update(_timing(start))
        return response

    def api_search(request: Request) -> Response:
        start = time.perf_counter()
        try:
            params = parse_params(request.query_params.multi_items())
            if not params.q:
                raise QueryError("give a query: /api/search?q=…")
            out = run(params)
        except QueryError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        except SeedsearchError as exc:
            return JSONResponse({"error": str(exc)}, status_code=500)
        return JSONResponse(out, headers=_timing(start))

    def api_doc(request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        try:
            doc = ix.get(doc_id)
        except SeedsearchError as exc:  # the index itself (closed, gone): say so
            return JSONResponse({"error": str(exc)}, status_code=500)
        if doc is None:
            return JSONResponse({"error": f"no document with id {doc_id[:200]!r}"},
                                status_code=404)
        return JSONResponse(doc)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)  # registered for HTTPException only
        message = {404: "no such page", 405: "this server is read-only: use GET"}.get(
            exc.status_code, exc.detail)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=exc.status_code)
        return render(exc.status_code, error=message)

    @asynccontextmanager
    async def lifespan(app):
        yield
        if not isinstance(index, Index):  # we opened it, we close it
            ix.close()

    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts is not None:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    app = Starlette(routes=[Route("/", page), Route("/api/search", api_search),
                            Route("/api/doc/{doc_id:path}", api_doc)],
                    exception_handlers={HTTPException: http_error},
                    middleware=middleware, lifespan=lifespan)
    app.state.index = ix
    return app
