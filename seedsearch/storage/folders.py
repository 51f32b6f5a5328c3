"""Folders the library writes into (an index, an export), made or refused
with one message that names the folder and what is wrong."""

from __future__ import annotations

from pathlib import Path

from ..errors import SeedsearchError

__all__ = ["make_folder"]


def make_folder(path: Path, error: type[SeedsearchError], purpose: str) -> Path:
    """Create ``path`` (and its parents) unless it is a folder already;
    raise ``error`` when it is a file or cannot be created."""
    if path.exists() and not path.is_dir():
        raise error(f"{path}: is a file, not a folder; choose a folder for the {purpose}")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise error(f"{path}: cannot create the folder ({exc.strerror})") from None
    return path
