"""One test per Whoosh 2.7.4 internal that seedsearch.storage relies on:
each compares the fast read with Whoosh's own public answer."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import SMALL_CORPUS
from whoosh import index as windex
from whoosh.util.numeric import byte_to_length, length_to_byte

from seedsearch import Index
from seedsearch.fields import TEXT, TEXT_FIELDS
from seedsearch.storage import columns, flat, patches, reading, runs, writing
from seedsearch.text.terms import words_of


@pytest.fixture
def two_segments(tmp_path):
    """SMALL_CORPUS in two commits (two segments), one document deleted."""
    ix = Index.create(tmp_path / "ix")
    ix.add_documents(SMALL_CORPUS[:5])
    ix.add_documents(SMALL_CORPUS[5:] + [
        {"id": f"rep-{i}", "text": "الرئيس " * (i + 1) + "في موسكو"} for i in range(300)])
    ix.delete_documents(["news-2"])
    yield ix
    ix.close()


def _reader(ix):
    return ix._current().reader


def test_index_name_and_files_are_whoosh_s(two_segments):
    assert reading.INDEX_NAME == windex._DEF_INDEX_NAME == "MAIN"
    names = {p.name for p in reading.index_files(two_segments.path)}
    assert any(n.endswith(".toc") for n in names) and any(n.endswith(".seg") for n in names)


def test_segment_count_counts_commits(two_segments):
    assert reading.segment_count(two_segments._ix) == 2


@pytest.mark.parametrize("term", ["الرءيس", "موسكو", "في", "القواعد", "غائبة"])
def test_postings_equal_whoosh_matcher(two_segments, term):
    """Whole posting lists (inlined, one block and many blocks) read as
    arrays equal what Whoosh's matcher yields, deleted documents included,
    and so do their encoded positions."""
    for segreader, _ in reading.leaves(_reader(two_segments)):
        ids, weights = reading.postings(segreader, TEXT.exact, term)
        value_ids, value_weights, values = reading.postings_values(segreader, TEXT.exact, term)
        expected = []
        if term.encode("utf-8") in set(segreader.lexicon(TEXT.exact)):
            m = segreader._terms.matcher(TEXT.exact, term.encode("utf-8"),
                                         segreader.schema[TEXT.exact].format)
            while m.is_active():
                expected.append((m.id(), m.weight(), m.value()))
                m.next()
        assert list(zip(ids.tolist(), weights.tolist())) == [e[:2] for e in expected]
        assert value_ids.tolist() == ids.tolist()
        assert value_weights.tolist() == weights.tolist()
        assert list(values) == [e[2] for e in expected]


def test_long_posting_list_spans_several_blocks(two_segments):
    segreader, _ = reading.leaves(_reader(two_segments))[1]
    ids, weights = reading.postings(segreader, TEXT.exact, "الرءيس")
    assert len(ids) > 128  # more than one Whoosh block
    assert np.all(np.diff(ids) > 0) and weights.max() == 300


def test_lengths_equal_doc_field_length(two_segments):
    for segreader, _ in reading.leaves(_reader(two_segments)):
        arr = reading.lengths(segreader, TEXT.exact)
        assert arr.tolist() == [segreader.doc_field_length(d, TEXT.exact, 0) or 0
                                for d in range(segreader.doc_count_all())]


def test_live_mask_matches_is_deleted(two_segments):
    masks = [reading.live_mask(r) for r, _ in reading.leaves(_reader(two_segments))]
    assert sum(int((~m).sum()) for m in masks) == 1
    for (segreader, _), mask in zip(reading.leaves(_reader(two_segments)), masks):
        assert mask.tolist() == [not segreader.is_deleted(d)
                                 for d in range(segreader.doc_count_all())]


def test_column_values_are_padded_to_every_document(two_segments):
    """The second segment's last 300 documents have no collection: Whoosh
    leaves the column short, the backend pads it with ""."""
    segreader, _ = reading.leaves(_reader(two_segments))[1]
    values = list(columns.column_values(segreader, "collection"))
    assert len(values) == segreader.doc_count_all()
    assert values[:4] == ["muslim", "news", "news", "news"] and values[-1] == ""


@pytest.mark.parametrize("column", ["collection", "category", "year"])
def test_column_codes_read_the_values_column_values_reads(two_segments, column):
    """column_codes reads a VarBytes column's trailer itself (lengths,
    offsets, type codes) instead of Whoosh's reader and its loop over the
    documents: each document's value is the one Whoosh's reader gives,
    padded with "" where Whoosh left the column short."""
    for segreader, _ in reading.leaves(_reader(two_segments)):
        codes, labels = columns.column_codes(segreader, column)
        assert [labels[c] for c in codes] == list(columns.column_values(segreader, column))


def test_column_codes_tell_apart_long_arabic_values_and_values_that_share_a_beginning(tmp_path):
    """Categories of more than eight bytes (one Arabic letter is two) are told
    apart by their whole text, a shared beginning (الأخبار المحلية, الأخبار
    الدولية) included, and a value longer than the numpy path reads
    (64 bytes) is read one by one, still right."""
    long_name = "تقارير " * 12
    docs = [{"id": f"d{i}", "text": "خبر عن الرئيس", "category": c}
            for i, c in enumerate(["الأخبار المحلية", "الأخبار الدولية", "الأخبار المحلية",
                                   "", "رياضة"])]
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(docs)
        segreader, _ = reading.leaves(_reader(ix))[0]
        codes, labels = columns.column_codes(segreader, "category")
        assert [labels[c] for c in codes] == ["الأخبار المحلية", "الأخبار الدولية",
                                              "الأخبار المحلية", "", "رياضة"]
        ix.add_documents([{"id": "long", "text": "تقرير", "category": long_name}])
        segreader, _ = reading.leaves(_reader(ix))[-1]
        codes, labels = columns.column_codes(segreader, "category")
        assert [labels[c] for c in codes] == list(columns.column_values(segreader, "category"))
        assert len(labels[codes[0]].encode()) > 64 and labels[codes[0]].startswith("تقارير")


def test_pending_delete_replaces_a_repeated_id_within_one_batch(empty_index):
    """writing.next_docnum/delete_pending: the last copy of an id wins."""
    empty_index.add_documents([{"id": "a", "text": "موسكو"}, {"id": "a", "text": "لندن"}])
    assert len(empty_index) == 1
    assert empty_index.get("a")["text"] == "لندن"


def test_stored_fields_read_from_the_segment_equal_whoosh_s(two_segments):
    """The hits' stored fields are read from each segment's per-document
    reader; they equal what Whoosh's reader gives, in both segments."""
    state = two_segments._current()
    reader = _reader(two_segments)
    assert len(state.leaves) == 2
    for docnum in range(reader.doc_count_all()):
        assert state.stored(docnum) == reader.stored_fields(docnum)
    assert state.stored(0)["id"] == "news-1"


@pytest.mark.parametrize("prefix", ["الر", "م", ""])
def test_prefix_terms_merged_across_segments_equal_whoosh_s(two_segments, prefix):
    """A prefix word reads each segment's term table and merges them: the
    same terms and document frequencies as Whoosh's multi-segment reader."""
    state = two_segments._current()
    whoosh = [(t.decode("utf-8"), info.doc_frequency())
              for t, info in _reader(two_segments).iter_prefix(TEXT.exact, prefix)]
    assert list(state.iter_prefix(TEXT.exact, prefix)) == whoosh
    assert len(whoosh) > 2 and any(df > 1 for _, df in whoosh)


def test_a_missing_length_column_is_looked_up_once(two_segments):
    """The ranked fields keep no lengths; the patched reader asks the disk
    once, not once per posting, and still answers the default."""
    segreader, _ = reading.leaves(_reader(two_segments))[0]
    perdoc = segreader._perdoc
    storage = perdoc._storage
    calls = []
    original = storage.file_exists
    storage.file_exists = lambda name: calls.append(name) or original(name)
    try:
        assert [perdoc.doc_field_length(d, TEXT.ranked, 0) for d in range(3)] == [0, 0, 0]
        assert perdoc.doc_field_length(0, TEXT.exact, 0) > 0
    finally:
        storage.file_exists = original
    assert len([c for c in calls if f"_{TEXT.ranked}_len" in c or "text_len" in c]) <= 1


# -- the writer's pool ------------------------------------------------------------
def _every_posting(ix):
    """(field, term) -> (ids, weights, encoded values) of a one-segment index."""
    (segreader, _), = reading.leaves(_reader(ix))
    out = {}
    for fieldname, tbytes in segreader.all_terms():
        try:
            text = tbytes.decode("utf-8")
        except UnicodeDecodeError:  # the date field's numeric terms
            continue
        ids, weights = reading.postings(segreader, fieldname, text)
        # A value-less posting (an id's, a year's) reads as None from a block
        # and as nothing from a list inlined in its term entry.
        values = [v for v in reading.postings_values(segreader, fieldname, text)[2] if v]
        out[fieldname, text] = (ids.tolist(), weights.tolist(), values)
    return out


def _built(path, batches, optimize=False):
    ix = Index.create(path)
    for batch in batches:
        ix.add_documents(batch, procs=1)
    if optimize:
        ix.optimize()
    return ix


@pytest.fixture
def whoosh_pool_index(tmp_path, monkeypatch):
    """SMALL_CORPUS written through Whoosh's own PostingPool (the patch is
    off when the schema lacks seedsearch's mark)."""
    with monkeypatch.context() as m:
        m.setattr(patches, "SCHEMA_MARK", "no such field")
        ix = _built(tmp_path / "whoosh", [SMALL_CORPUS])
    yield ix
    ix.close()


def test_term_pool_writes_the_postings_whoosh_s_pool_writes(tmp_path, whoosh_pool_index):
    """The pool, and the writer that hands it each text field at once, give
    the segment Whoosh's postings, field lengths, stored fields and columns,
    but for the exact fields' lengths: Whoosh counts their terms, seedsearch
    (from analysis 5) their words, so that the seated hamza of والمسؤول,
    filed under two spellings at one position, is one word."""
    ours = _built(tmp_path / "ours", [SMALL_CORPUS])
    expected = _every_posting(whoosh_pool_index)
    assert ("text_exact", "موسكو") in expected
    assert _every_posting(ours) == expected
    whoosh = _per_document(whoosh_pool_index)
    for stored, lengths, _ in whoosh:
        for spec in TEXT_FIELDS.values():
            words = len(list(words_of(stored.get(spec.name) or "")))
            lengths[spec.exact] = byte_to_length(length_to_byte(words))  # Whoosh's one byte
    assert _per_document(ours) == whoosh
    # The corpus has such a word, whose document Whoosh measures one longer.
    assert any(lengths["text_exact"] < counted["text_exact"]
               for (_, lengths, _), (_, counted, _) in zip(whoosh, _per_document(whoosh_pool_index)))


def _per_document(ix):
    """Each document's stored fields, its length in every field and its
    column values, of a one-segment index."""
    (segreader, _), = reading.leaves(_reader(ix))
    names = [name for name, _ in ix._ix.schema.items()]
    columns = {name: segreader.column_reader(name) for name in names
               if segreader.has_column(name)}
    assert {"category", "year"} <= set(columns)
    return [(segreader.stored_fields(doc),
             {name: segreader.doc_field_length(doc, name) for name in names},
             {name: column[doc] for name, column in columns.items()})
            for doc in range(segreader.doc_count_all())]


def test_term_pool_spilling_to_disk_writes_the_same_postings(tmp_path, monkeypatch,
                                                             whoosh_pool_index):
    """Past its memory limit the pool writes sorted runs and merges them."""
    monkeypatch.setattr(writing.TermPool, "POSTING_BYTES", 4 * 1024 * 1024)
    ours = _built(tmp_path / "ours", [SMALL_CORPUS])
    assert _every_posting(ours) == _every_posting(whoosh_pool_index)


def _every_position(ix):
    """(term, document id) -> positions, for every exact term of a one-segment index."""
    (segreader, _), = reading.leaves(_reader(ix))
    out = {}
    for fieldname, tbytes in segreader.all_terms():
        if fieldname not in (TEXT.exact, "title_exact"):
            continue
        ids, first, counts, every = reading.term_positions(segreader, fieldname, tbytes)
        for doc, f, c in zip(ids.tolist(), first.tolist(), counts.tolist()):
            out[fieldname, tbytes, segreader.stored_fields(doc)["id"]] = every[f:f + c].tolist()
    return out


def test_merging_segments_keeps_the_positions_whoosh_s_postings_do_not_hold(tmp_path):
    """optimize() merges three segments into one: the positions of the
    exact fields come from the merged segments' flat files (Whoosh's
    postings hold only frequencies) and equal those of one fresh batch."""
    merged = _built(tmp_path / "merged", [SMALL_CORPUS[:3], SMALL_CORPUS[3:6], SMALL_CORPUS[6:]],
                    optimize=True)
    fresh = _built(tmp_path / "fresh", [SMALL_CORPUS])
    positions = _every_position(fresh)
    assert (TEXT.exact, "موسكو".encode(), "news-1") in positions
    assert _every_position(merged) == positions
    assert [h.id for h in merged.search('"الرئيس السوري"')] == ["news-1"]


def test_term_pool_merging_segments_writes_the_same_postings(tmp_path, whoosh_pool_index):
    """optimize() feeds older segments' postings into the pool term by term,
    so a term's documents arrive out of order; the pool sorts them."""
    ours = _built(tmp_path / "ours", [SMALL_CORPUS[:3], SMALL_CORPUS[3:6], SMALL_CORPUS[6:]],
                  optimize=True)
    assert _every_posting(ours) == _every_posting(whoosh_pool_index)


def test_term_pool_sorts_documents_that_arrive_out_of_order():
    """A guard: should a merge ever feed a term's documents out of order,
    each term's postings still reach the codec sorted by document."""
    from whoosh.filedb.filestore import RamStorage

    pool = writing.TermPool(RamStorage(), None, limitmb=1)
    for docnum, weight in ((5, 2.0), (2, 1.0), (9, 3.0)):
        pool.add(("text_exact", "كتاب".encode(), docnum, weight, None))
    (field, term, docs, weights, values), = pool.sorted_terms()
    assert (field, term.decode("utf-8")) == ("text_exact", "كتاب")
    assert (docs, weights, values) == ([2, 5, 9], [1.0, 2.0, 3.0], [b"", b"", b""])


@pytest.mark.parametrize("inline_below", [writing.INLINE_BELOW, 2])
def test_short_lists_are_inlined_and_whoosh_itself_still_finds_them(tmp_path, monkeypatch,
                                                                    inline_below):
    """A list shorter than ``INLINE_BELOW`` postings (بوتين and the id
    news-1 in one document, في in the texts of news-1 and news-2) is kept
    inside its term's entry, not as a block of the postings file, and
    Whoosh's own reader and query parser, opening the folder with
    ``open_dir``, find the documents by it; with lists of one posting
    inlined only, في is a block, found as well."""
    from whoosh.qparser import QueryParser

    monkeypatch.setattr(writing, "INLINE_BELOW", inline_below)
    _built(tmp_path / "ix", [SMALL_CORPUS]).close()
    ix = windex.open_dir(str(tmp_path / "ix"))
    with ix.searcher() as searcher:
        for field, word, expected in (("text_exact", "بوتين", ["news-1"]),
                                      ("id", "news-1", ["news-1"]),
                                      ("text_exact", "في", ["news-1", "news-2"])):
            info = searcher.reader().term_info(field, word)
            assert info.is_inlined() == (len(expected) < inline_below)
            query = QueryParser(field, ix.schema).parse(word)
            assert sorted(hit["id"] for hit in searcher.search(query)) == expected
    ix.close()


def test_a_term_spilled_in_several_runs_comes_back_whole_and_by_document(tmp_path,
                                                                         monkeypatch):
    """A pool that spills at every posting writes one run per posting; the
    runs merge back term by term, each term's documents joined in order,
    and sorted where a merge fed them out of order (كتاب: 5, then 2)."""
    from whoosh.filedb.filestore import FileStorage

    monkeypatch.setattr(writing.TermPool, "POSTING_BYTES", 4 * 1024 * 1024)
    monkeypatch.setattr(runs, "MAX_OPEN", 2)  # merged in groups first
    pool = writing.TermPool(FileStorage(str(tmp_path)), None, limitmb=1)
    for word, docnum, weight in (("كتاب", 5, 2.0), ("قلم", 1, 1.0), ("كتاب", 2, 1.0),
                                 ("كتاب", 9, 3.0), ("قلم", 4, 2.0)):
        pool.add(("text_exact", word.encode(), docnum, weight, bytes([docnum])))
    assert len(pool.runs) == 5
    got = [(term.decode(), list(docs), list(weights), values)
           for _, term, docs, weights, values in pool.grouped_terms()]
    assert got == [("قلم", [1, 4], [1.0, 2.0], [b"\x01", b"\x04"]),
                   ("كتاب", [2, 5, 9], [1.0, 2.0, 3.0], [b"\x02", b"\x05", b"\x09"])]
    assert pool.runs == [] and list(tmp_path.iterdir()) == []  # every run removed


def test_whoosh_s_own_multiprocess_writer_still_writes_a_seedsearch_index(tmp_path):
    """Whoosh's writer with ``procs=2`` and without ``multisegment`` (what a
    program gets from Whoosh's own ``writer(procs=2)``) has each worker's
    pool reduce its runs to one and reads it posting by posting; the pool
    still answers so, and the index finds its documents, words and phrases."""
    from seedsearch.ingest.documents import prepared

    with Index.create(tmp_path / "ix") as ix:
        writer = ix._ix.writer(procs=2, batchsize=2)
        for doc in SMALL_CORPUS:
            writer.add_document(**prepared(doc, vowels=False))
        writer.commit()
    with Index.open(tmp_path / "ix") as ix:
        assert len(ix) == len(SMALL_CORPUS)
        assert [h.id for h in ix.search("موسكو")] == ["news-1"]
        assert [h.id for h in ix.search('"فلاديمير بوتين"')] == ["news-1"]


# -- flat postings -----------------------------------------------------------------
def test_flat_postings_equal_the_whoosh_blocks_they_copy(two_segments):
    """Every list read from the flat arrays equals the same list decoded
    from Whoosh's blocks (a 300-document list spans three blocks)."""
    checked = 0
    for segreader, _ in reading.leaves(_reader(two_segments)):
        table = reading.flat_postings(segreader)
        assert table is not None and len(table.counts)
        for fieldname, tbytes in segreader.all_terms():
            try:
                text = tbytes.decode("utf-8")
            except UnicodeDecodeError:
                continue
            from_flat = reading.postings(segreader, fieldname, text)
            segreader._seedsearch_flat = None  # as for an index written without them
            from_blocks = reading.postings(segreader, fieldname, text)
            segreader._seedsearch_flat = table
            assert from_flat[0].tolist() == from_blocks[0].tolist(), (fieldname, text)
            assert from_flat[1].tolist() == from_blocks[1].tolist(), (fieldname, text)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("term", ["الرءيس", "موسكو", "في"])
def test_flat_positions_are_the_positions_of_the_words_in_each_stored_text(two_segments, term):
    """A phrase reads positions from the flat file (Whoosh's postings keep
    frequencies only); in every segment they are where the exact analyzer
    puts the term in the document's stored text, and Whoosh's frequency is
    their count."""
    from seedsearch.analysis import ArabicExactAnalyzer

    analyzer = ArabicExactAnalyzer()
    seen, most = 0, 0
    for segreader, _ in reading.leaves(_reader(two_segments)):
        found = reading.term_positions(segreader, TEXT.exact, term)
        ids, weights = reading.postings(segreader, TEXT.exact, term)
        if found is None:
            assert not len(ids)
            continue
        flat_ids, first, counts, positions = found
        assert flat_ids.tolist() == ids.tolist() and counts.tolist() == weights.tolist()
        for doc, f, c in zip(flat_ids.tolist(), first.tolist(), counts.tolist()):
            text = segreader.stored_fields(doc)["text"]
            expected = [t.pos for t in analyzer(text, positions=True) if t.text == term]
            assert positions[f:f + c].tolist() == expected, (doc, text)
            seen, most = seen + 1, max(most, c)
    assert seen >= 300
    if term == "الرءيس":
        assert most == 300  # repeated within one document


def test_whoosh_s_postings_of_an_exact_field_are_frequencies(two_segments):
    """What a Whoosh reader sees: the Frequency format, each value the
    frequency (so Whoosh alone opens and searches the index's words)."""
    from whoosh.formats import Frequency

    segreader, _ = reading.leaves(_reader(two_segments))[1]
    assert isinstance(segreader.schema[TEXT.exact].format, Frequency)
    ids, weights, values = reading.postings_values(segreader, TEXT.exact, "الرءيس")
    assert len(ids) == 300 and weights.max() == 300
    assert [segreader.schema[TEXT.exact].format.decode_frequency(v) for v in values] == \
        weights.tolist()


def test_a_segment_without_flat_postings_is_read_from_its_blocks(whoosh_pool_index):
    (segreader, _), = reading.leaves(_reader(whoosh_pool_index))
    assert reading.flat_postings(segreader) is None
    postings = _every_posting(whoosh_pool_index)
    longest = max(postings, key=lambda key: len(postings[key][0]))
    assert len(postings[longest][0]) >= 2  # a list that would have a flat copy


def _find(table, fieldname, term):
    from seedsearch.storage.flat import term_keys

    tbytes = term.encode("utf-8")
    return table.find(fieldname, tbytes, term_keys(fieldname, [tbytes])[0])


def test_flat_writer_round_trip_finds_each_term_by_field_and_term():
    """Each list comes back by its (field, term); a term held in another
    field, or not at all, is ABSENT; a list without positions has none."""
    from seedsearch.storage.flat import ABSENT, FlatPostings, FlatWriter

    writer = FlatWriter()
    writer.add("text", "كتب".encode(), [1, 4, 9], [1.0, 2.0, 3.0])
    writer.add("text_exact", "كتاب".encode(), [2, 3], [1.0, 2.0],
               positions=(np.array([7, 0, 4]), np.array([1, 2])))
    writer.add("title", "قلم".encode(), [0, 7], [3.0, 1.0])
    table = FlatPostings(writer.to_bytes())
    ids, weights = table.postings(_find(table, "title", "قلم"))
    assert ids.tolist() == [0, 7] and weights.tolist() == [3.0, 1.0]
    i = _find(table, "text_exact", "كتاب")
    ids, first, counts = table.positions_of(i)
    assert ids.tolist() == [2, 3] and counts.tolist() == [1, 2] and table.count(i) == 2
    assert table.positions[first[1]:first[1] + 2].tolist() == [0, 4]
    assert table.positions_of(_find(table, "text", "كتب"))[2].tolist() == [0, 0, 0]
    assert _find(table, "text", "قلم") == ABSENT and _find(table, "text", "كتاب") == ABSENT
    with pytest.raises(ValueError, match="whole-number"):
        writer.add("text", "بيت".encode(), [2, 3], [1.0, 1.5])


def test_terms_that_share_a_key_are_told_apart_by_their_check_and_a_colliding_absent_one_is_absent(
        monkeypatch):
    """Terms are found by a 64-bit key and a CRC-32.  With every key forced
    equal, each term is still found (its check tells it apart) and a term
    the file lacks is ABSENT; with the checks forced equal too, the file
    cannot tell the terms apart: ASK_WHOOSH."""
    import numpy as np

    from seedsearch.storage import flat as flat_module

    monkeypatch.setattr(flat_module, "term_keys",
                        lambda fieldname, terms: np.zeros(len(list(terms)), dtype="<u8"))
    writer = flat_module.FlatWriter()
    writer.add("text", "سلام".encode(), [1], [1.0])
    writer.add("text", "كلام".encode(), [2], [1.0])
    table = flat_module.FlatPostings(writer.to_bytes())
    assert table.postings(_find(table, "text", "سلام"))[0].tolist() == [1]
    assert table.postings(_find(table, "text", "كلام"))[0].tolist() == [2]
    assert _find(table, "text", "غلام") == flat_module.ABSENT
    monkeypatch.setattr(flat_module, "term_check", lambda fieldname, tbytes: 7)
    writer = flat_module.FlatWriter()  # the writer hashes each term as it encodes its list
    writer.add("text", "سلام".encode(), [1], [1.0])
    writer.add("text", "كلام".encode(), [2], [1.0])
    table = flat_module.FlatPostings(writer.to_bytes())
    assert _find(table, "text", "سلام") == flat_module.ASK_WHOOSH


def test_flat_format_3_keeps_large_gaps_frequencies_and_positions_exact():
    """The narrow arrays have escapes: a gap of 65,536 documents or more
    (a list of its own width), a frequency of 255 or more, and a position
    past 65,535 (a 20 MB text) come back exactly."""
    from seedsearch.storage.flat import FlatPostings, FlatWriter

    writer = FlatWriter()
    writer.add("text", b"a", [3, 70_000, 70_001], [300.0, 1.0, 255.0])
    writer.add("text", b"b", [5, 6], [2.0, 1.0], positions=(np.array([1, 70_000, 9]),
                                                           np.array([2, 1])))
    writer.add("text", b"c", [0, 65_535], [1.0, 1.0])
    data = writer.to_bytes()
    table = FlatPostings(data)
    ids, weights = table.postings(0)
    assert ids.tolist() == [3, 70_000, 70_001] and weights.tolist() == [300.0, 1.0, 255.0]
    assert table.postings(2)[0].tolist() == [0, 65_535]
    ids, first, counts = table.positions_of(1)
    assert [table.positions[f:f + c].tolist() for f, c in zip(first, counts)] == [[1, 70_000], [9]]
    many = FlatWriter()  # 10,000 postings of one position each: 5 bytes a posting
    many.add("text", b"a", list(range(0, 20_000, 2)), [1.0] * 10_000,
             positions=(np.arange(10_000) % 500, np.ones(10_000, dtype=np.int64)))
    assert len(many.to_bytes()) < 10_000 * 5 + 1_000


def _flat_lists():
    """Posting lists of every kind a flat file has an escape for, in term
    order: a wide gap, a frequency of 255 or more, a position past 65,535
    (in the last list, after many narrow ones)."""
    lists = []
    for i, word in enumerate(["بيت", "سلام", "شمس", "قلم", "كاتب", "كتاب", "مدرسة", "مكتبة"]):
        for n in range(40):
            docs = [n, n + 1 + i, n + 2 + i + (70_000 if n == 7 else 0)]
            lists.append(("text", f"{word}{n}".encode(), docs, [1.0, 300.0 if n == 9 else 2.0, 1.0],
                          None))
    for n in range(200):
        counts = np.array([1, 3 if n % 5 else 256])
        every = np.concatenate([[n], np.arange(int(counts[1])) + n])
        lists.append(("text_exact", f"كتب{n:03d}".encode(), [n, n + 5],
                      counts.astype(float).tolist(), (every, counts)))
    lists.append(("text_exact", "يكتبون".encode(), [3], [2.0],
                  (np.array([4, 70_000]), np.array([2]))))
    return lists


@pytest.mark.parametrize("chunk", [1, 5, 333])
def test_a_flat_writer_encoding_in_chunks_writes_the_file_it_writes_in_one(monkeypatch, chunk):
    """The writer encodes its lists a chunk at a time (to hold narrow
    arrays, not every posting as it came): the file is the same byte for
    byte whatever the chunk, the escapes of later chunks included."""
    whole = flat.FlatWriter(frequent_fields=("text_exact",))
    for fieldname, term, docs, weights, positions in _flat_lists():
        whole.add(fieldname, term, docs, weights, positions=positions)
    monkeypatch.setattr(flat.FlatWriter, "CHUNK", chunk)
    chunked = flat.FlatWriter(frequent_fields=("text_exact",))
    for fieldname, term, docs, weights, positions in _flat_lists():
        chunked.add(fieldname, term, docs, weights, positions=positions)
    assert len(whole._parts["counts"]) == 0 and len(chunked._parts["counts"]) > 1
    data = chunked.to_bytes()
    assert data == whole.to_bytes()
    table = flat.FlatPostings(data)
    i = _find(table, "text_exact", "يكتبون")
    ids, first, counts = table.positions_of(i)
    assert ids.tolist() == [3] and table.positions[first[0]:first[0] + 2].tolist() == [4, 70_000]
    assert table.frequent.starting("text_exact", "كتب", 3)[0] == [
        ("كتب000", 2), ("كتب001", 2), ("كتب002", 2)]


def test_an_empty_flat_writer_writes_the_empty_file_it_always_wrote():
    """No list at all (nothing to encode): every array is empty but the
    one start of positions, as before the writer encoded in chunks."""
    table = flat.FlatPostings(flat.FlatWriter().to_bytes())
    assert len(table.counts) == 0 and table.pos_starts.tolist() == [0]
    assert _find(table, "text", "كتاب") == flat.ABSENT


def _flat_file_bytes(ix):
    return _segment_file(ix, flat.EXT)


def test_a_pool_that_spills_and_a_writer_in_small_chunks_write_the_same_flat_file(
        tmp_path, monkeypatch):
    """A segment's flat file does not depend on how its postings were held:
    in the pool or spilled to runs on disk, encoded in one chunk or many."""
    with _built(tmp_path / "held", [SMALL_CORPUS]) as held:
        expected = _flat_file_bytes(held)
    monkeypatch.setattr(writing.TermPool, "POSTING_BYTES", 4 * 1024 * 1024)
    monkeypatch.setattr(flat.FlatWriter, "CHUNK", 7)
    with _built(tmp_path / "spilled", [SMALL_CORPUS]) as spilled:
        assert _flat_file_bytes(spilled) == expected
        assert [h.id for h in spilled.search('"الرئيس السوري"')] == ["news-1"]


def test_field_terms_give_back_each_field_and_term_they_hold_end_to_end():
    """The writer keeps a segment's exact terms end to end: read by number
    (from the end too) or in order, each comes back with its field."""
    from seedsearch.storage.blobs import FieldTerms

    pairs = [("text_exact", w.encode()) for w in ("الكتاب", "كتاب", "مكتبة")] + \
            [("title_exact", w.encode()) for w in ("قلم", "كاتب")]
    terms = FieldTerms()
    for pair in pairs:
        terms.append(pair)
    assert len(terms) == 5 and list(terms) == pairs
    assert [terms[i] for i in range(5)] == pairs and terms[-1] == ("title_exact", "كاتب".encode())
    assert len(terms.blob) == sum(len(t) for _, t in pairs)
    with pytest.raises(IndexError):
        terms[5]


def _segment_file(ix, ext):
    (segreader, _), = reading.leaves(_reader(ix))
    f = segreader._storage.open_file(segreader.segment().make_filename(ext))
    try:
        return f.read()
    finally:
        f.close()


def test_the_term_table_written_from_compact_buckets_is_the_one_whoosh_s_lists_write(
        tmp_path, monkeypatch):
    """Whoosh's term table keeps a (hash, position) pair per term until the
    segment is written; seedsearch's writers keep them in arrays.  The
    table is the same byte for byte, and its terms are found."""
    with _built(tmp_path / "arrays", [SMALL_CORPUS]) as compact:
        writer = compact._ix.writer()
        try:
            assert isinstance(writer.fieldwriter._tindex.buckets[0], writing.TermTableBucket)
        finally:
            writer.cancel()
        table = _segment_file(compact, ".trm")
        assert [h.id for h in compact.search("موسكو")] == ["news-1"]
    monkeypatch.setattr(patches, "TermTableBucket", list)
    with _built(tmp_path / "lists", [SMALL_CORPUS]) as lists:
        assert _segment_file(lists, ".trm") == table


def test_a_flat_file_of_an_unknown_format_is_read_from_whoosh_s_blocks(tmp_path, monkeypatch):
    """A later format (or a damaged file) is not an error: the segment is
    read from Whoosh's own postings.  Those keep frequencies, not positions:
    the same documents match, words score as before, a phrase matches its
    words wherever they stand, and the search says so."""
    from seedsearch.storage import flat as flat_module

    apart = {"id": "apart", "text": "قابل الوزير السوري نظيره ثم وصل الرئيس"}
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(SMALL_CORPUS + [apart])
        expected = [(h.id, h.score) for h in ix.search("موسكو")]
        phrase = {h.id for h in ix.search('"الرئيس السوري"')}
        words = {h.id for h in ix.search("+الرئيس +السوري")}
    assert flat_module.read_flat(b"SSF9" + bytes(60)) is None
    monkeypatch.setattr(flat_module, "MAGIC", b"SSF4")  # this file now looks unknown
    with Index.open(tmp_path / "ix") as ix:
        segreader, _ = reading.leaves(_reader(ix))[0]
        assert reading.flat_postings(segreader) is None
        found = ix.search("موسكو")
        assert [(h.id, h.score) for h in found] == expected and not found.warnings
        results = ix.search('"الرئيس السوري"')
        assert {h.id for h in results} == words > phrase
        assert [n.code for n in results.notices] == ["no_positions"]


@pytest.mark.parametrize("word, keep, expected", [
    ("الصلاه", 3, {"الصلاه", "الصلابه", "الصلا"}),
    ("قاعده", 1, {"قاعده", "قاعدي", "قاعد"}),
    ("الرءيس", 3, {"الرءيس", "الرييس", "الرءيسي", "الرءيسه"}),
])
def test_one_edit_look_up_finds_what_whoosh_s_automaton_finds(tmp_path, word, keep, expected):
    """Fuzzy candidates looked up by term key equal the terms Whoosh's
    Levenshtein automaton walks to (one edit, same kept prefix), in an
    index of two segments holding near misses (الصلاح, الصلابة, قاعدي)."""
    ix = Index.create(tmp_path / "ix")
    ix.add_documents([{"id": "a", "text": "الصلاة والصلاح الصلابة الصلا الرئيس الرئيسي"}])
    ix.add_documents([{"id": "b", "text": "قاعدة قاعدي قواعد قاعد الرئيسة مقاعد"}])
    state = ix._current()
    keyed = set(state.terms_within(TEXT.exact, word, 1, keep))
    for segreader, _ in state.leaves:
        segreader._seedsearch_flat = None
    walked = set(state.terms_within(TEXT.exact, word, 1, keep))
    assert keyed == walked == expected


def test_a_term_key_collision_is_confirmed_away(tmp_path, monkeypatch):
    """Were every candidate's key to collide with a term of the segment,
    the fuzzy look-up still returns only words the index holds."""
    ix = Index.create(tmp_path / "ix")
    ix.add_documents([{"id": "a", "text": "الصلاة والصلاح الصلابة الصلا"}])
    monkeypatch.setattr(flat.FlatPostings, "has_keys",
                        lambda self, keys: np.ones(len(keys), dtype=bool))
    assert set(ix._current().terms_within(TEXT.exact, "الصلاه", 1, 3)) == {
        "الصلاه", "الصلابه", "الصلا"}
    ix.close()


def test_doc_frequencies_equal_whoosh_s_term_infos(two_segments):
    """storage.vocabulary reads the terms table and the packed head of each
    term info; Whoosh's iter_prefix builds the infos (inlined postings and
    all): the terms and frequencies agree in every segment, deletions
    counted as Whoosh counts them."""
    from seedsearch.storage.vocabulary import doc_frequencies

    for segreader, _ in reading.leaves(_reader(two_segments)):
        for prefix in ("", "ال", "موسك", "ثخثخ"):
            ours = list(doc_frequencies(segreader, TEXT.exact, prefix))
            whoosh_s = [(t.decode("utf-8"), info.doc_frequency())
                        for t, info in segreader.iter_prefix(TEXT.exact, prefix)]
            assert ours == whoosh_s
            assert ours or prefix == "ثخثخ"
    assert list(doc_frequencies(reading.leaves(_reader(two_segments))[0][0], "nothing")) == []


def test_date_column_equals_the_stored_dates(two_segments):
    """storage.dates reads the full-precision DATETIME terms and their
    postings: each document gets its own date, the undated MISSING."""
    import datetime as dt

    from whoosh.util.times import datetime_to_long

    from seedsearch.fields import DATE_STORED
    from seedsearch.storage.dates import MISSING, date_column

    for segreader, _ in reading.leaves(_reader(two_segments)):
        column = date_column(segreader, "date")
        for docnum in range(segreader.doc_count_all()):
            if segreader.is_deleted(docnum):
                continue
            stored = segreader.stored_fields(docnum).get(DATE_STORED)
            expected = (datetime_to_long(dt.datetime.fromisoformat(stored)) if stored
                        else MISSING)
            assert column[docnum] == expected


# -- the table of frequent terms ------------------------------------------------------
def _frequent_table(words_df, keep, field="text_exact"):
    from seedsearch.storage.frequent import FrequentTerms, frequent_arrays

    terms = [(field, w.encode("utf-8")) for w in sorted(words_df, key=lambda w: w.encode())]
    arrays, meta = frequent_arrays(terms + [("title_exact", "عنوان".encode())],
                                   [words_df[t.decode()] for _, t in terms] + [1],
                                   (field, "title_exact"), keep=keep)
    return FrequentTerms(arrays, meta)


def test_the_frequent_table_gives_a_prefix_s_most_frequent_words_or_says_it_cannot():
    """Words of الكتاب's family and others, with document counts: the table
    keeps the 6 most frequent; a prefix it holds 2 words of gives the 2
    most frequent in term order, with «more» when more may exist; a prefix
    it holds fewer words of than asked for cannot be answered from it."""
    counts = {"الكتاب": 90, "الكتب": 70, "الكاتب": 60, "الكتابة": 50, "المكتبة": 40,
              "المدرسة": 80, "المدرس": 5, "الكتيب": 3, "كتاب": 100}
    table = _frequent_table(counts, keep=6)
    assert table.starting("text_exact", "الك", 2) == ([("الكتاب", 90), ("الكتب", 70)], True)
    # One of one asked for: more may begin with المد among the words left out.
    assert table.starting("text_exact", "المد", 1) == ([("المدرسة", 80)], True)
    assert table.starting("text_exact", "الكتي", 1) is None  # rarer than every word kept
    assert table.starting("text_exact", "الم", 5) is None
    whole = _frequent_table(counts, keep=100)
    assert whole.starting("text_exact", "الكتي", 1) == ([("الكتيب", 3)], False)
    assert whole.starting("text_exact", "الم", 5) == ([("المدرس", 5), ("المدرسة", 80),
                                                        ("المكتبة", 40)], False)
    assert whole.starting("title_exact", "عن", 3) == ([("عنوان", 1)], False)
    assert whole.starting("no_field", "ا", 3) is None


def test_a_short_prefix_expands_to_the_most_frequent_words_the_segments_tables_hold(tmp_path):
    """ا* in two segments, with more than 256 words: the 256 most frequent,
    as the term tables read in full give them, and the warning."""
    import random

    rng = random.Random(7)
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
    words = sorted({"ا" + "".join(rng.choice(letters) for _ in range(4)) for _ in range(900)})
    docs = [{"id": f"d{i}", "text": " ".join(rng.sample(words, 1 + i % 30))} for i in range(300)]
    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(docs[:150])
        ix.add_documents(docs[150:])
        state = ix._current()
        assert len(state.leaves) == 2
        results = ix.search("ا*")
        assert any("256 most frequent" in w for w in results.warnings)
        from_tables, scanned, more = state.prefix_terms(TEXT.exact, "ا", 256, 20_000)
        assert scanned == 0 and more
        every = list(state.iter_prefix(TEXT.exact, "ا"))
        top = sorted(every, key=lambda p: (-p[1], p[0]))[:256]
        cutoff = top[-1][1]
        assert {t for t, df in top if df > cutoff} <= {t for t, _ in from_tables}
        assert sorted(df for _, df in from_tables)[-200:] == sorted(df for _, df in top)[-200:]


def test_a_worker_s_writer_lets_go_of_the_word_caches_before_it_writes_its_segment(tmp_path):
    """An indexing worker writes one segment and exits: its writer (made
    with LAST_IN_PROCESS) empties the analysis' word caches before the
    commit, which needs the memory; a writer of the main process keeps them
    for the next batch.  The documents are indexed all the same."""
    from seedsearch.ingest.documents import prepared
    from seedsearch.text import terms

    with Index.create(tmp_path / "ix") as ix:
        ix.add_documents(SMALL_CORPUS[:2], procs=1)
        assert terms.exact_terms.cache_info().currsize > 0
        writer = writing.unlocked_writer(ix._ix, **{writing.LAST_IN_PROCESS: True})
        for doc in SMALL_CORPUS[2:4]:
            writer.add_document(**prepared(doc, vowels=False))
        assert terms.stem_only_terms.cache_info().currsize > 0
        writer.commit()
        assert terms.exact_terms.cache_info().currsize == 0
        assert terms.stem_only_terms.cache_info().currsize == 0
        assert [h.id for h in ix.search("قاعدة جديدة")][:1] == ["news-3"]
        assert [h.id for h in ix.search("مسؤولية الشركات")] == ["news-4"]
