"""Display names of facet values, in one small JSON file beside the index.

An index may name its ``collection`` and ``category`` values for people
(``bukhari`` is صحيح البخاري).  The names live in
``<index folder>/seedsearch-labels.json``, apart from Whoosh's files, so
they can change without a commit and be written by hand::

    {"format": "seedsearch-labels", "version": 1,
     "labels": {"collection": {"bukhari": "صحيح البخاري", "muslim": "صحيح مسلم"},
                "category": {}}}

The file is written atomically (a temporary file in the same folder,
flushed to disk, then renamed over the old one), so a reader sees the old
names or the new ones, never half a file.  An index without names has no
file.  The file names its format and version; a later version is refused
rather than misread.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import IndexWriteError, LabelError
from ..fields import KEYWORD_FIELDS

__all__ = ["LABELS_FILE", "FORMAT", "VERSION", "check_labels", "read_labels", "write_labels",
           "signature"]

LABELS_FILE = "seedsearch-labels.json"
FORMAT = "seedsearch-labels"
VERSION = 1
#: Longest display name kept (a label is a name, not a text).
MAX_LABEL = 200

Labels = dict[str, dict[str, str]]


def check_labels(labels: object) -> Labels:
    """``labels`` as a plain dict ``{facet: {value: name}}``, or LabelError
    saying what is wrong.  Facets are collection and category."""
    if not isinstance(labels, Mapping):
        raise LabelError(f"labels must be a dict such as {{'collection': {{'news': 'أخبار'}}}}, "
                         f"not {type(labels).__name__}")
    out: Labels = {}
    for facet, names in labels.items():
        if facet not in KEYWORD_FIELDS:
            raise LabelError(f"cannot label {facet!r}; labels name the values of "
                             f"{' and '.join(KEYWORD_FIELDS)}")
        if not isinstance(names, Mapping):
            raise LabelError(f"labels[{facet!r}] must be a dict of value -> name, "
                             f"not {type(names).__name__}")
        for value, name in names.items():
            if not isinstance(value, str) or not isinstance(name, str) or not name.strip():
                raise LabelError(f"labels[{facet!r}]: {value!r} -> {name!r}: a value and its "
                                 "name must both be strings, the name not empty")
            if len(name) > MAX_LABEL:
                raise LabelError(f"labels[{facet!r}][{value!r}] is {len(name)} characters "
                                 f"long; the most is {MAX_LABEL}")
        if names:
            out[facet] = {value: name.strip() for value, name in names.items()}
    return out


def signature(folder: Path) -> tuple[int, int] | None:
    """What tells a changed labels file from the one read (None: no file)."""
    try:
        st = (folder / LABELS_FILE).stat()
    except FileNotFoundError:
        return None
    return st.st_mtime_ns, st.st_size


def read_labels(folder: Path) -> Labels:
    """The labels of the index in ``folder`` ({} when it has none)."""
    path = folder / LABELS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelError(f"{path}: cannot read the labels: {exc}") from None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LabelError(f"{path}: not valid JSON (line {exc.lineno}): {exc.msg}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LabelError(f"{path}: not a seedsearch labels file (its \"format\" must be "
                         f"{FORMAT!r})")
    if data.get("version") != VERSION:
        raise LabelError(f"{path}: labels version {data.get('version')!r}; this seedsearch "
                         f"reads version {VERSION}")
    try:
        return check_labels(data.get("labels", {}))
    except LabelError as exc:
        raise LabelError(f"{path}: {exc}") from None


def write_labels(folder: Path, labels: Labels) -> None:
    """Replace the labels file atomically; empty ``labels`` remove it."""
    path = folder / LABELS_FILE
    try:
        if not labels:
            path.unlink(missing_ok=True)
            return
        body = json.dumps({"format": FORMAT, "version": VERSION, "labels": labels},
                          ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        fd, tmp = tempfile.mkstemp(prefix=".labels-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(body)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o644)  # mkstemp makes it private; the index's files are not
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise IndexWriteError(f"{path}: cannot write the labels: {exc.strerror or exc}") from None
