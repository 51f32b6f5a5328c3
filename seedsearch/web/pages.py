"""The HTML pages of ``seedsearch serve``: the search page and a
document's page, rendered on the server, in Arabic, right to left.

- ``/?q=…`` searches; ``/?similar=ID`` lists the documents like one
  document; both with facets that combine, a sort switch, pages.  Every
  state is in the URL, and a parameter the page does not know (a tracker's
  ``fbclid``, ``utm_source``) is ignored.
- ``/doc/ID`` shows one document whole, as stored: its title, date and
  collection, the words of the search it was opened from (``?q=…`` and the
  rest of that search's state) marked, a link back to that search, and the
  documents most like it.

Document text reaches the page only through Jinja2's autoescape or
``Hit.highlight`` (which escapes before it marks).  Notices and errors are
said in Arabic (:mod:`.arabic`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..errors import DocumentNotFoundError, QueryError, SeedsearchError
from ..fields import TEXT, TITLE
from ..index import Index
from .api import search_dict, similar_dict, timing
from .arabic import FACET_TITLES, SORT_NAMES, error, notice, number
from .params import Params, parse_params

__all__ = ["page_routes", "environment", "render", "TEMPLATES", "FACET_SHOWN", "SIMILAR_SHOWN"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Facet values shown before «more» (the rest stay in a <details>).
FACET_SHOWN = 8
#: Similar documents listed beside a document.
SIMILAR_SHOWN = 5


def doc_path(doc_id: str) -> str:
    """The path of a document's page."""
    return "/doc/" + quote(doc_id, safe="")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["num"] = number
    env.globals.update(notice=notice, doc_path=doc_path, facet_titles=FACET_TITLES,
                       sort_names=SORT_NAMES, facet_shown=FACET_SHOWN,
                       similar_url=lambda doc_id: Params(similar=doc_id).url())
    return env


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


def render(env: jinja2.Environment, ix: Index, status: int, template: str = "search.html",
           **context: Any) -> HTMLResponse:
    base: dict[str, Any] = {
        "params": Params(), "results": None, "error": None, "detail": None,
        "has_vowels": ix.has_vowels, "documents": None, "page_numbers": [], "subject": None}
    return HTMLResponse(env.get_template(template).render({**base, **context}),
                        status_code=status)


def _mistake(env: jinja2.Environment, ix: Index, exc: SeedsearchError) -> HTMLResponse:
    """A request's mistake as an Arabic page (the English below it)."""
    if isinstance(exc, DocumentNotFoundError):
        return render(env, ix, 404, error=error(code="no_document",
                                                params={"doc": exc.doc_id[:200]}),
                      detail=str(exc))
    if isinstance(exc, QueryError):
        return render(env, ix, 400, error=error(exc), detail=str(exc))
    return render(env, ix, 500, error=error(code="index_failed"), detail=str(exc))


def page_routes(ix: Index, env: jinja2.Environment) -> list[Route]:
    def search(request: Request) -> Response:
        start = time.perf_counter()
        try:
            params = parse_params(request.query_params.multi_items(), ignore_unknown=True)
            subject = None
            results: dict | None
            if params.similar:
                subject = ix.get(params.similar)
                results = similar_dict(ix, params.similar, params)
            else:
                results = search_dict(ix, params) if params.q else None
        except SeedsearchError as exc:
            return _mistake(env, ix, exc)
        numbers = _page_numbers(params.page, results["pages"]) if results else []
        # the document count (a read of the index's table of contents) only
        # where it is shown: the page without a query
        documents = None if results else len(ix)
        response = render(env, ix, 200, params=params, results=results, page_numbers=numbers,
                          documents=documents, subject=subject)
        response.headers.update(timing(start))
        return response

    def document(request: Request) -> Response:
        start = time.perf_counter()
        doc_id = request.path_params["doc_id"]
        try:
            params = parse_params(request.query_params.multi_items(), ignore_unknown=True)
            hit = ix.document(doc_id, params.q, exact=params.exact, vowels=params.vowels)
            if hit is None:
                raise DocumentNotFoundError(doc_id)
            similar = ix.similar(doc_id, limit=SIMILAR_SHOWN)
        except SeedsearchError as exc:
            return _mistake(env, ix, exc)
        text, title = hit.get(TEXT.name) or "", hit.get(TITLE.name) or ""
        response = render(
            env, ix, 200, "doc.html", params=params, hit=hit,
            title=hit.highlight(TITLE.name, tag="mark", size=len(title)) if title else "",
            text=hit.highlight(TEXT.name, tag="mark", size=len(text)),
            marked=len(hit.spans(TEXT.name)) + len(hit.spans(TITLE.name)),
            similar=similar)
        response.headers.update(timing(start))
        return response

    return [Route("/", search), Route("/doc/{doc_id:path}", document)]
