"""The ``seedsearch`` command (:mod:`.main`, its options in :mod:`.options`), its terminal output
(:mod:`.display`), the demo and the server launcher.  The top layer: it
calls the public API and nothing in the library imports it."""

from .main import build_parser, main

__all__ = ["main", "build_parser"]
