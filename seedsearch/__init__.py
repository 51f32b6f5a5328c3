"""seedsearch: Arabic full-text search on Whoosh.

>>> from seedsearch import Index, load_documents
>>> ix = Index.create("index/", overwrite=True)          # doctest: +SKIP
>>> ix.add_documents(load_documents("seeds/"))           # doctest: +SKIP
>>> for hit in ix.search("الرئيس السوري"): print(hit.id, hit.highlight("text"))  # doctest: +SKIP
"""

import warnings as _warnings

# Whoosh 2.7.4 has non-raw regex strings that Python 3.12+ reports as
# SyntaxWarning when it compiles them; silence those, here and only here.
_warnings.filterwarnings("ignore", category=SyntaxWarning, module=r".*whoosh")

from .analysis import (  # noqa: E402
                       ArabicAnalyzer,
                       ArabicExactAnalyzer,
                       ArabicNormalizeFilter,
                       ArabicStemFilter,
                       ArabicTokenizer,
                       ArabicVowelAnalyzer,
)
from .errors import (  # noqa: E402
                       ArgumentError,
                       DocumentError,
                       DocumentNotFoundError,
                       ExportError,
                       IndexClosedError,
                       IndexExistsError,
                       IndexLockedError,
                       IndexNotFoundError,
                       IndexPathError,
                       IndexWriteError,
                       LabelError,
                       QueryError,
                       SchemaMismatchError,
                       SeedsearchError,
                       SourceError,
)
from .fields import analyze  # noqa: E402
from .index import Index  # noqa: E402
from .ingest.loaders import load_documents  # noqa: E402
from .search.results import Hit, SearchResults  # noqa: E402
from .text.normalize import normalize, strip_diacritics  # noqa: E402
from .text.stem import stem  # noqa: E402

__version__ = "0.2.0"

__all__ = [
    "Index", "load_documents", "Hit", "SearchResults",
    "normalize", "strip_diacritics", "stem", "analyze",
    "ArabicAnalyzer", "ArabicExactAnalyzer", "ArabicVowelAnalyzer",
    "ArabicTokenizer", "ArabicNormalizeFilter", "ArabicStemFilter",
    "SeedsearchError", "IndexNotFoundError", "IndexExistsError", "IndexLockedError",
    "IndexPathError", "IndexWriteError", "SchemaMismatchError", "DocumentError",
    "SourceError", "QueryError", "ExportError", "LabelError", "DocumentNotFoundError",
    "IndexClosedError", "ArgumentError",
]
