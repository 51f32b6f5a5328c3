"""Search: parse -> plan -> execute -> results.

A query string is parsed into a tree (:mod:`.query`, from the tokens of
:mod:`.lexer`, within the limits of :mod:`.limits`), planned into BM25
terms against the index's vocabulary (:mod:`.plan`, with a word's readings
in :mod:`.readings` and prefix and fuzzy expansions in :mod:`.expansion`;
the plan's data in :mod:`.nodes`, its closed sets in :mod:`.kinds`, every
weight in :mod:`.ranking`), executed on arrays (:mod:`.scoring`,
:mod:`.positions`, over the searcher and caches of :mod:`.state`) and
returned as results with highlights (:mod:`.results`) and «did you mean»
(:mod:`.suggest`).  :mod:`.run` ties them together for
:class:`seedsearch.Index`.
"""
