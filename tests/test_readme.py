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


def _synopsis() -> dict[str, set[str]]:
    """Command -> the long options the README's CLI synopsis lists for it."""
    block = re.search(r"## Command line\n\n```\n(.*?)```", README, re.S).group(1)
    out: dict[str, set[str]] = {}
    for line in block.splitlines():
        m = re.match(r"seedsearch (\w+)\b(.*)", line)
        if m:
            out.setdefault(m.group(1), set()).update(re.findall(r"--[a-z][a-z-]*", m.group(2)))
    return out


def test_readme_cli_synopsis_lists_every_command_and_option_of_the_help():
    """The synopsis is written by hand; this keeps it equal to argparse's
    (every long option of every command, and nothing the CLI lacks)."""
    import argparse

    from seedsearch.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    actual = {name: {opt for action in p._actions for opt in action.option_strings
                     if opt.startswith("--") and opt != "--help" and action.help != argparse.SUPPRESS}
              for name, p in sub.choices.items()}
    assert _synopsis() == actual


def test_readme_module_paths_import_and_file_paths_exist():
    """Every ``seedsearch.x.y`` the README names imports (a module, or a name
    in one), and every ``seedsearch/…`` file it points to is there."""
    import importlib

    for dotted in sorted(set(re.findall(r"`(seedsearch(?:\.\w+)+)", README))):
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                obj = importlib.import_module(".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            for name in parts[cut:]:
                obj = getattr(obj, name)
            break
    for path in sorted(set(re.findall(r"`(seedsearch/[\w/.]+)`", README))):
        assert (ROOT / path).exists(), path
