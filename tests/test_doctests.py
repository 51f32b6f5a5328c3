"""The ``>>>`` examples in seedsearch's docstrings run as written (README test command)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import seedsearch

#: The package and every module in it, at any depth, except ``__main__``
#: (importing it runs the CLI).
MODULES = ["seedsearch"] + sorted(m.name for m in pkgutil.walk_packages(seedsearch.__path__,
                                                                       "seedsearch.")
                                  if m.name != "seedsearch.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_give_what_they_show(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS,
                             verbose=False, report=True)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"


def test_the_docstring_examples_of_normalize_stem_and_fields_are_collected():
    attempted = {name: doctest.testmod(importlib.import_module(name), verbose=False,
                                       report=False).attempted
                 for name in ("seedsearch.text.normalize", "seedsearch.text.stem", "seedsearch.fields")}
    assert all(attempted.values()), attempted
