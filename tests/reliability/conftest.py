import sys
from pathlib import Path

# Share the top-level fixtures (small_index, SMALL_CORPUS) with this folder.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import empty_index, small_index  # noqa: E402,F401
