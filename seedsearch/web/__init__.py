"""``seedsearch serve``: a read-only search page and JSON API over one index.

``create_app(index)`` returns a Starlette app (install the extra:
``pip install 'seedsearch[web]'``):

- ``GET /``: the search page, rendered on the server (works with JavaScript
  off); ``/?similar=ID`` lists the documents like one; ``GET /doc/{id}``
  shows one document whole (:mod:`.pages`).  Every state is in the URL.
- ``GET /api/search?q=&page=&limit=&collection=&category=&date=&exact=&vowels=&sort=``,
  ``GET /api/similar/{id}?limit=&page=``, ``GET /api/complete?q=&limit=``,
  ``GET /api/doc/{id}`` (:mod:`.api`).
- ``GET /static/complete.js``: the one script, which offers completions
  while someone types (the page works without it).

The page and the API render the same ``to_dict()``.  A bad parameter gives
HTTP 400 with a message (a page in Arabic for the page, ``{"error": …}`` for
the API), never a traceback.  Document text reaches the page only through
Jinja2's autoescape or ``Hit.highlight``, which escapes before it marks;
a Content-Security-Policy that allows that one same-origin script and
nothing else is a second fence.

Example: ``seedsearch serve --index index/``, or from Python::

    import uvicorn
    from seedsearch.web import create_app
    uvicorn.run(create_app("index/"), host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import SeedsearchError
from ..index import Index
from .api import api_routes
from .arabic import error
from .pages import TEMPLATES, environment, page_routes, render

__all__ = ["create_app", "CSP"]

#: One same-origin script (completions), which may ask this server only;
#: no inline script, no other origin.
CSP = ("default-src 'none'; script-src 'self'; connect-src 'self'; "
       "style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
SCRIPT = TEMPLATES / "complete.js"


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


def _warm(ix: Index) -> None:
    try:
        ix.complete("ا")
    except SeedsearchError:
        pass  # the requests that follow will say what is wrong


def create_app(index: Index | str | os.PathLike, *,
               allowed_hosts: Sequence[str] | None = None) -> Starlette:
    """The app over ``index`` (an open Index, or the path of one, opened
    now so that a missing index fails before the server starts).

    ``allowed_hosts`` (e.g. ``["127.0.0.1", "localhost"]``) refuses requests
    whose Host header names another site, so that a web page cannot read a
    local server through DNS rebinding; ``seedsearch serve`` sets it when it
    listens on this machine only."""
    ix = index if isinstance(index, Index) else Index.open(index)
    env = environment()
    script = SCRIPT.read_bytes()

    def complete_js(request: Request) -> Response:
        return Response(script, media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "max-age=3600"})

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)  # registered for HTTPException only
        code = {404: "no_page", 405: "read_only"}.get(exc.status_code)
        if request.url.path.startswith("/api/"):
            message = {404: "no such page", 405: "this server is read-only: use GET"}.get(
                exc.status_code, exc.detail)
            return JSONResponse({"error": message}, status_code=exc.status_code)
        return render(env, ix, exc.status_code, error=error(code=code))

    @asynccontextmanager
    async def lifespan(app):
        # On an index of seedsearch 0.1 the first completion reads the
        # vocabulary once (half a second at 50,000 documents): do it now,
        # beside the server starting (the segments' own tables need nothing).
        threading.Thread(target=_warm, args=(ix,), daemon=True).start()
        yield
        if not isinstance(index, Index):  # we opened it, we close it
            ix.close()

    middleware = [Middleware(SecurityHeaders)]
    if allowed_hosts is not None:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    routes = page_routes(ix, env) + api_routes(ix) + [Route("/static/complete.js", complete_js)]
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error},
                    middleware=middleware, lifespan=lifespan)
    app.state.index = ix
    return app
