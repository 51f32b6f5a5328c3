"""seedsearch benchmarks: ``python -m benchmarks speed|quality`` (not collected by pytest)."""
