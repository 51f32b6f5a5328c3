"""Storage: the Whoosh 2.7.4 index on disk, read and written as arrays.

Creating and opening an index (:mod:`.opening`), reading postings, lengths,
deletions and columns (:mod:`.reading`, :mod:`.blocks`), seedsearch's flat
copy of each segment's postings (:mod:`.flat`), writing segments
(:mod:`.writing`), the four patches to Whoosh's classes (:mod:`.patches`)
and the folders the library writes into (:mod:`.folders`).  Every use of
Whoosh's private parts is in this package.
"""
