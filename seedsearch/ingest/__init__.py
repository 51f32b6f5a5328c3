"""Documents in: files and folders read as documents (:mod:`.loaders`),
documents checked and turned into index fields (:mod:`.documents`), and the
progress bar of a long batch (:mod:`.progress`)."""
