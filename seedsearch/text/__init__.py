"""Arabic text rules: pure functions from a word to its index terms.

The bottom layer of seedsearch, with no Whoosh in it: normalization
(:mod:`.normalize`), the light stemmer (:mod:`.stem`), stop words
(:mod:`.stopwords`), a word's terms per index field (:mod:`.terms`),
broken plurals and verb forms (:mod:`.morph`), harakat that agree
(:mod:`.vowels`), the shipped lexicon of known stems (:mod:`.lexicon`) and
edit distances (:mod:`.edits`).
"""
