"""Typed: the package ships py.typed, so mypy checks its users' calls; CI runs mypy."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT

#: Runs mypy in subprocesses: slow; `pytest -m 'not slow'` leaves it out, CI runs it.
pytestmark = pytest.mark.slow

USER_CODE = textwrap.dedent("""
    from pathlib import Path
    from typing import Any

    from seedsearch import ArabicAnalyzer, Hit, Index, analyze, load_documents, normalize

    with Index.create(Path("index"), overwrite=True) as ix:
        added: int = ix.add_documents(load_documents(["seeds/", Path("more.jsonl")]))
        stored: dict[str, Any] | None = ix.get("خبر-1")
        terms: dict[str, list[str]] = analyze("الرئيسُ السوريُّ")
        word: str = normalize("الْقَوَاعِدِ")
        analyzer = ArabicAnalyzer()
        first: Hit | None = next(iter(ix.search("الرئيس السوري")), None)
        fields: dict[str, Any] = first.fields if first is not None else {}
""")


def _mypy(tmp_path, code):
    pytest.importorskip("mypy")
    site = tmp_path / "site"  # the package as an installed one: only py.typed makes it typed
    site.mkdir()
    (site / "seedsearch").symlink_to(ROOT / "seedsearch")
    (tmp_path / "user.py").write_text(code, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", os.devnull,
                           "--no-error-summary", "user.py"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)


def test_mypy_accepts_typed_use_of_the_public_api(tmp_path):
    proc = _mypy(tmp_path, USER_CODE)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_rejects_a_wrong_index_path_and_a_wrong_result_type(tmp_path):
    proc = _mypy(tmp_path, USER_CODE + textwrap.dedent("""
        Index.open(None)
        count: str = Index.open("index").add_documents([])
    """))
    assert proc.returncode == 1
    assert 'incompatible type "None"' in proc.stdout and "str | PathLike[str]" in proc.stdout
    assert 'Incompatible types in assignment (expression has type "int"' in proc.stdout


def test_py_typed_ships_as_package_data_and_ci_runs_mypy_after_the_tests():
    assert (ROOT / "seedsearch" / "py.typed").is_file()
    tomllib = pytest.importorskip("tomllib", reason="tomllib is in Python 3.11+")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in pyproject["tool"]["setuptools"]["package-data"]["seedsearch"]
    assert "mypy" in pyproject["tool"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("python -m pytest -q") < ci.index("python -m mypy seedsearch")


def test_mypy_finds_the_package_after_the_readmes_editable_install(tmp_path):
    """`pip install -e .` into a fresh virtualenv, then mypy on a user's
    program outside the clone: setuptools' default editable install is an
    import hook that mypy cannot follow ("Cannot find implementation or
    library stub for module named 'seedsearch'").  --no-deps only saves
    time: mypy does not report errors inside an installed package."""
    pytest.importorskip("mypy")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MYPYPATH")}
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps",
                              "-e", str(ROOT)], env=env, capture_output=True, text=True,
                             timeout=600)
    assert install.returncode == 0, install.stdout + install.stderr
    user = tmp_path / "user"
    user.mkdir()
    (user / "ok.py").write_text(USER_CODE, encoding="utf-8")
    (user / "wrong.py").write_text(USER_CODE + "count: str = len(ix)\n", encoding="utf-8")

    def mypy(name):
        return subprocess.run([sys.executable, "-m", "mypy", "--python-executable", str(python),
                               "--cache-dir", os.devnull, "--no-error-summary", name],
                              cwd=user, env=env, capture_output=True, text=True, timeout=300)

    ok = mypy("ok.py")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    wrong = mypy("wrong.py")  # the package's own types are read, not Any
    assert 'expression has type "int", variable has type "str"' in wrong.stdout, wrong.stdout
