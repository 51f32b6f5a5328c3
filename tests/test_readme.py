"""The README's promises: its quick-start lines and its Python example."""

from __future__ import annotations

import contextlib
import io
import re
import shutil

from conftest import ROOT, SEEDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_quick_start_has_the_two_commands():
    assert "pip install -e . && python -m seedsearch demo" in README
    assert "pip install -e '.[test]' && python -m pytest -q" in README


def test_ci_runs_the_readme_test_command():
    assert "pip install -e '.[test]' && python -m pytest -q" in (ROOT / ".ci" / "run").read_text()


def test_readme_python_example_prints_what_the_readme_shows(tmp_path, monkeypatch):
    code = re.search(r"## Use it from Python\n\n```python\n(.*?)```", README, re.S).group(1)
    shown = re.search(r"prints \(a test runs this example and compares\):\n\n```text\n(.*?)```",
                      README, re.S).group(1)
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    assert out.getvalue() == shown


def test_readme_images_are_in_the_repository():
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert "docs/serve.png" in images
    for image in images:
        assert (ROOT / image).is_file(), image
