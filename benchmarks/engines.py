"""The engines measured side by side: seedsearch, stock Whoosh, and optional peers.

Each engine has ``build(docs, folder)`` and ``search(query, k) -> [ids]``.
Stock Whoosh uses its StandardAnalyzer on the same stored fields and an OR
query over title and text (its default AND would return nothing for most
questions, which is not a fair comparison).  tantivy (its Arabic stemmer) and
bm25s + PyStemmer (Snowball Arabic) run only when installed.  SQLite FTS5
(stdlib ``sqlite3``, ``unicode61 remove_diacritics 2``, bm25 ranking) runs
wherever the local SQLite was built with FTS5.  Lucene's ArabicAnalyzer (its
defaults, BM25, an OR query over title and text) runs in a JVM
(``benchmarks/lucene/LuceneBench.java``) wherever java, javac and Debian's
Lucene 8 jars are installed (``apt-get install openjdk-17-jdk-headless
liblucene8-java``; the bench extras cannot install them).
"""

from __future__ import annotations

import importlib.util
import subprocess
import tempfile
from pathlib import Path

from . import lucene


def _importable(*modules: str) -> bool:
    """True when every module can be imported (an optional peer is installed)."""
    return all(importlib.util.find_spec(m) is not None for m in modules)


class Seedsearch:
    name = "seedsearch"

    def __init__(self, procs=None, vowels=False):
        self.procs = procs
        self.vowels = vowels

    def build(self, docs, folder: Path):
        from seedsearch import Index

        self.ix = Index.create(folder, vowels=self.vowels)
        return self.ix.add_documents(docs, procs=self.procs)

    def search(self, query, k=10, **options):
        return [h.id for h in self.ix.search(query, limit=k, **options)]

    def close(self):
        self.ix.close()


class StockWhoosh:
    name = "stock whoosh"

    def build(self, docs, folder: Path):
        from whoosh import fields, index

        schema = fields.Schema(id=fields.ID(unique=True, stored=True),
                               title=fields.TEXT(stored=True), text=fields.TEXT(stored=True),
                               date=fields.STORED, collection=fields.ID(stored=True),
                               category=fields.ID(stored=True))
        folder.mkdir(parents=True, exist_ok=True)
        self.ix = index.create_in(str(folder), schema)
        writer = self.ix.writer(limitmb=256)
        n = 0
        for doc in docs:
            writer.add_document(id=doc["id"], title=doc.get("title") or "", text=doc["text"],
                                date=doc.get("date"), collection=doc.get("collection") or "",
                                category=doc.get("category") or "")
            n += 1
        writer.commit()
        from whoosh.qparser import MultifieldParser, OrGroup

        self.parser = MultifieldParser(["title", "text"], self.ix.schema, group=OrGroup)
        self.searcher = self.ix.searcher()
        return n

    def parse(self, query):
        return self.parser.parse(query)

    def search(self, query, k=10, **options):
        q = self.parse(query)
        return [hit["id"] for hit in self.searcher.search(q, limit=k)]

    def close(self):
        self.searcher.close()


class Tantivy:
    name = "tantivy (Arabic stemmer)"

    @staticmethod
    def available():
        return _importable("tantivy")

    def build(self, docs, folder: Path):
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        builder.add_text_field("title", stored=False, tokenizer_name="ar_stem")
        builder.add_text_field("text", stored=False, tokenizer_name="ar_stem")
        schema = builder.build()
        folder.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(schema, path=str(folder))
        analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                    .filter(tantivy.Filter.lowercase())
                    .filter(tantivy.Filter.stemmer("arabic")).build())
        self.index.register_tokenizer("ar_stem", analyzer)
        writer = self.index.writer()
        n = 0
        for doc in docs:
            writer.add_document(tantivy.Document(id=doc["id"], title=doc.get("title") or "",
                                                 text=doc["text"]))
            n += 1
        writer.commit()
        self.index.reload()
        self.searcher = self.index.searcher()
        return n

    def search(self, query, k=10, **options):
        q, _errors = self.index.parse_query_lenient(query, ["title", "text"])
        result = self.searcher.search(q, k)
        return [self.searcher.doc(addr)["id"][0] for _, addr in result.hits]

    def close(self):
        pass


class Bm25sStemmer:
    name = "bm25s + PyStemmer"

    @staticmethod
    def available():
        return _importable("bm25s", "Stemmer")

    def build(self, docs, folder: Path):
        import bm25s
        import Stemmer

        self.stemmer = Stemmer.Stemmer("arabic")
        docs = list(docs)
        self.ids = [d["id"] for d in docs]
        corpus = [f"{d.get('title') or ''} {d['text']}" for d in docs]
        tokens = bm25s.tokenize(corpus, stopwords=None, stemmer=self.stemmer, show_progress=False)
        self.retriever = bm25s.BM25()
        self.retriever.index(tokens, show_progress=False)
        return len(docs)

    def search(self, query, k=10, **options):
        import bm25s

        tokens = bm25s.tokenize([query], stopwords=None, stemmer=self.stemmer,
                                show_progress=False)
        k = min(k, len(self.ids))
        try:
            results, _ = self.retriever.retrieve(tokens, k=k, show_progress=False)
        except ValueError:  # a query with no known token
            return []
        return [self.ids[i] for i in results[0]]

    def close(self):
        pass


class SqliteFts5:
    """SQLite FTS5 as a user would set it up: unicode61 tokenizer, bm25 ranking.

    ``remove_diacritics 2`` folds Latin accents only; Arabic harakat stay in
    the tokens (they are neither spaces nor punctuation to unicode61).  The
    query is each whitespace-separated chunk quoted, joined with OR.
    """

    name = "sqlite fts5 (unicode61)"

    @staticmethod
    def available():
        import sqlite3

        try:
            sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(a)")
        except sqlite3.OperationalError:
            return False
        return True

    def build(self, docs, folder: Path):
        import sqlite3

        folder.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(folder / "fts.db"))
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text, "
                        "tokenize = 'unicode61 remove_diacritics 2')")
        n = 0
        for doc in docs:
            self.db.execute("INSERT INTO docs (id, title, text) VALUES (?, ?, ?)",
                            (doc["id"], doc.get("title") or "", doc["text"]))
            n += 1
        self.db.commit()
        return n

    def search(self, query, k=10, **options):
        import sqlite3

        chunks = ['"' + c.replace('"', "") + '"' for c in query.split()
                  if any(ch.isalnum() for ch in c)]
        if not chunks:
            return []
        try:
            rows = self.db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank "
                                   "LIMIT ?", (" OR ".join(chunks), k)).fetchall()
        except sqlite3.OperationalError:  # a chunk that tokenizes to nothing
            return []
        return [r[0] for r in rows]

    def close(self):
        self.db.close()


class LuceneArabic:
    """Lucene 8's ArabicAnalyzer at its defaults (StandardTokenizer, lowercase,
    decimal digits, its Arabic stop set, ArabicNormalizationFilter,
    ArabicStemFilter) with BM25 on title and text, as a Lucene user would
    set it up.

    ``LuceneBench.java`` is compiled when the engine is made (outside the
    timed build, into a temporary folder); ``build`` writes the documents to a
    TSV file and starts one JVM that indexes them and then answers a query a
    line over its stdin/stdout, so the build time includes the JVM's start.
    """

    name = "lucene (ArabicAnalyzer)"
    MODULES = ("core", "analyzers-common", "queryparser")
    SOURCE = lucene.HERE / "LuceneBench.java"

    @staticmethod
    def available():
        return lucene.missing(LuceneArabic.MODULES) is None

    def __init__(self):
        self.proc: subprocess.Popen | None = None
        self._classes = tempfile.TemporaryDirectory(prefix="seedsearch-lucene-")
        self.classpath = lucene.compile_java(self.SOURCE, Path(self._classes.name),
                                             self.MODULES)

    @staticmethod
    def _line(text) -> str:
        """One TSV field or query: no tab or line break left inside it."""
        return str(text).replace("\t", " ").replace("\r", " ").replace("\n", " ")

    def build(self, docs, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        tsv = folder / "docs.tsv"
        n = 0
        with open(tsv, "w", encoding="utf-8", errors="replace", newline="\n") as f:
            for doc in docs:
                f.write("\t".join(self._line(v) for v in
                                  (doc["id"], doc.get("title") or "", doc["text"])) + "\n")
                n += 1
        self.log = folder / "java.log"
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                ["java", "-cp", self.classpath, "LuceneBench", str(folder / "index"), str(tsv)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log)
        if self._read() != "ready":
            raise RuntimeError(self._failure("did not get ready"))
        return n

    def _read(self) -> str:
        assert self.proc is not None and self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(self._failure("ended"))
        return line.decode("utf-8").rstrip("\r\n")

    def _failure(self, what: str) -> str:
        tail = self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        return f"LuceneBench {what}:\n{tail}"

    def search(self, query, k=10, **options):
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(f"{k}\t{self._line(query)}\n".encode("utf-8", "replace"))
        self.proc.stdin.flush()
        line = self._read()
        return line.split("\t") if line else []

    def close(self):
        """End the JVM (the end of its stdin stops it; terminate if it hangs)."""
        if self.proc is not None:
            assert self.proc.stdin is not None and self.proc.stdout is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                self.proc.wait()
            self.proc.stdout.close()
            self.proc = None
        self._classes.cleanup()


def quality_engines():
    engines = [Seedsearch(procs=1), StockWhoosh()]
    for peer in (Tantivy, Bm25sStemmer, SqliteFts5, LuceneArabic):
        if peer.available():
            engines.append(peer())
    return engines
