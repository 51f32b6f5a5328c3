"""The command line: index, search, stats, demo; one-line errors with status 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, SMALL_CORPUS

from seedsearch.cli.main import build_parser, main


@pytest.fixture
def corpus_file(tmp_path):
    path = tmp_path / "small.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in SMALL_CORPUS),
                    encoding="utf-8")
    return path


def test_index_then_search_then_stats(tmp_path, corpus_file, capsys):
    ix = tmp_path / "ix"
    assert main(["index", str(corpus_file), "--index", str(ix), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "added 9 documents" in out and "docs/s" in out and "MB" in out
    assert main(["search", "الرئيس السوري", "--index", str(ix)]) == 0
    out = capsys.readouterr().out
    # not a terminal: the matched words in brackets, never HTML
    assert "news-1" in out and "2026-01-28" in out and "<b>" not in out
    assert "[والرئيسُ] [السوريُّ]" in out
    assert main(["stats", "--index", str(ix), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"] == 9 and stats["segments"] == 1


def test_search_json_prints_one_object_per_hit(tmp_path, corpus_file, capsys):
    ix = tmp_path / "ix"
    main(["index", str(corpus_file), "--index", str(ix), "--quiet"])
    capsys.readouterr()
    assert main(["search", "جديد", "--index", str(ix), "--json", "--limit", "5",
                 "--filter", "collection=news"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    hits = [json.loads(line) for line in lines]
    assert {h["id"] for h in hits} == {"news-3", "name-1"}
    assert set(hits[0]) == {"id", "score", "rank", "title", "date", "collection", "category",
                            "collection_label", "category_label", "highlight", "fields"}


def test_index_twice_adds_and_overwrite_replaces(tmp_path, corpus_file, capsys):
    ix = tmp_path / "ix"
    main(["index", str(corpus_file), "--index", str(ix), "--quiet"])
    main(["index", str(corpus_file), "--index", str(ix), "--quiet"])
    assert "9 documents" in capsys.readouterr().out.splitlines()[-1]
    main(["index", str(corpus_file), "--index", str(ix), "--quiet", "--overwrite"])
    assert "index" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["search", "موسكو", "--index", "{tmp}/none"], "no seedsearch index here"),
    (["stats", "--index", "{tmp}/none"], "no seedsearch index here"),
    (["stats", "--index", "{tmp}/bad.jsonl"], "bad.jsonl: is a file, not an index folder"),
    (["index", "{tmp}/absent.jsonl", "--index", "{tmp}/ix"], "no such file or folder"),
    (["index", "{tmp}/bad.jsonl", "--index", "{tmp}/ix"], "bad.jsonl:2: invalid JSON"),
    (["search", "موسكو", "--index", "{tmp}/ix", "--limit", "-1"], "limit must be"),
    (["search", "موسكو", "--index", "{tmp}/ix", "--filter", "oops"], "FIELD=VALUE"),
    (["search", "«موسكو", "--index", "{tmp}/ix", "--strict"], "unclosed quote"),
    (["search", "(" * 495 + "موسكو" + ")" * 495, "--index", "{tmp}/ix", "--strict"],
     "brackets nested more than 10 deep"),
    (["search", "(" * 495 + "موسكو" + ")" * 495, "--index", "{tmp}/ix", "--strict", "--explain"],
     "brackets nested more than 10 deep"),
])
def test_user_mistakes_print_one_line_and_exit_2(tmp_path, corpus_file, capsys, args, message):
    (tmp_path / "bad.jsonl").write_text('{"id": "1", "text": "أ"}\n{broken\n', encoding="utf-8")
    main(["index", str(corpus_file), "--index", str(tmp_path / "ix"), "--quiet"])
    capsys.readouterr()
    assert main([a.format(tmp=tmp_path) for a in args]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err and err.startswith("seedsearch: error:")


def test_a_missing_source_creates_no_index_and_overwrites_none(tmp_path, corpus_file, capsys):
    """A mistyped path is refused before an index is created (none is left
    behind) or an existing one is overwritten (nothing is lost)."""
    assert main(["index", str(tmp_path / "nope"), "--index", str(tmp_path / "new")]) == 2
    assert not (tmp_path / "new").exists()
    ix = tmp_path / "ix"
    main(["index", str(corpus_file), "--index", str(ix), "--quiet"])
    assert main(["index", str(tmp_path / "nope"), "--index", str(ix), "--overwrite"]) == 2
    capsys.readouterr()
    assert main(["stats", "--index", str(ix)]) == 0
    assert "documents: 9" in capsys.readouterr().out  # the index kept its 9 documents


def test_a_failed_overwrite_keeps_the_old_index_whole(tmp_path, corpus_file, capsys):
    """--overwrite with a file whose second line is broken: the batch fails
    (status 2, one line), and the old index still holds its 9 documents and
    finds «الرئيس السوري», because the new one was built in a staging folder
    that the failure removed.  The old index was once deleted first."""
    ix = tmp_path / "ix"
    main(["index", str(corpus_file), "--index", str(ix), "--quiet"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "n1", "text": "خبر جديد عن دمشق"}\n{broken\n', encoding="utf-8")
    capsys.readouterr()
    assert main(["index", str(bad), "--index", str(ix), "--quiet", "--overwrite"]) == 2
    assert "bad.jsonl:2" in capsys.readouterr().err
    assert main(["stats", "--index", str(ix)]) == 0
    assert "documents: 9" in capsys.readouterr().out
    assert main(["search", "الرئيس السوري", "--index", str(ix)]) == 0
    assert "news-1" in capsys.readouterr().out
    assert [p.name for p in ix.iterdir() if p.is_dir()] == []


def test_overwrite_replaces_the_index_its_labels_and_leaves_no_staging_folder(
        tmp_path, corpus_file, capsys):
    """A successful --overwrite leaves only the new index (its 1 document, not
    the old 9), drops the old index's collection labels (a new index has no
    names of an old one, as Index.create(overwrite=True) does) and keeps the
    other files of the folder."""
    from seedsearch import Index

    ix = tmp_path / "ix"
    main(["index", str(corpus_file), "--index", str(ix), "--quiet"])
    with Index.open(ix) as index:
        index.set_labels({"collection": {"news": "أخبار"}})
    (ix / "notes.txt").write_text("ملاحظات", encoding="utf-8")
    one = tmp_path / "one.jsonl"
    one.write_text('{"id": "d1", "text": "زار الوفد دمشق", "collection": "news"}\n',
                   encoding="utf-8")
    assert main(["index", str(one), "--index", str(ix), "--quiet", "--overwrite"]) == 0
    with Index.open(ix) as index:
        assert len(index) == 1 and index.search("دمشق")[0].id == "d1"
        assert index.labels == {}
    assert (ix / "notes.txt").read_text(encoding="utf-8") == "ملاحظات"
    assert [p.name for p in ix.iterdir() if p.is_dir()] == []


def test_overwrite_refuses_a_foreign_whoosh_index_before_reading_a_file(tmp_path, corpus_file,
                                                                        capsys):
    """A folder holding another program's Whoosh index is not replaced: one
    line, status 2, the foreign index still there."""
    from whoosh import fields, index

    (tmp_path / "other").mkdir()
    index.create_in(str(tmp_path / "other"), fields.Schema(body=fields.TEXT))
    assert main(["index", str(corpus_file), "--index", str(tmp_path / "other"),
                 "--overwrite"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert index.exists_in(str(tmp_path / "other"))


def test_a_failed_first_batch_into_a_new_folder_leaves_no_folder_behind(tmp_path, capsys):
    """A malformed line stops the batch: the folders the command made go
    again, so the next search still says there is no index (not 0 hits)."""
    bad = tmp_path / "news.jsonl"
    bad.write_text('{"id": "1", "text": "الرئيس السوري في موسكو"}\n{broken\n', encoding="utf-8")
    new = tmp_path / "indexes" / "news"
    assert main(["index", str(bad), "--index", str(new), "--quiet"]) == 2
    assert "news.jsonl:2: invalid JSON" in capsys.readouterr().err
    assert not (tmp_path / "indexes").exists()
    assert main(["search", "الرئيس", "--index", str(new)]) == 2
    assert "no seedsearch index here" in capsys.readouterr().err


def test_a_failed_first_batch_into_a_folder_of_other_files_removes_only_what_it_wrote(tmp_path,
                                                                                      capsys):
    bad = tmp_path / "news.jsonl"
    bad.write_text('{"id": "1", "text": "الرئيس السوري"}\n{"id": 2, "text": "موسكو"}\n',
                   encoding="utf-8")
    folder = tmp_path / "work"
    (folder / "drafts").mkdir(parents=True)
    (folder / "thesis.txt").write_text("أطروحة عن الإعلام العربي", encoding="utf-8")
    (folder / "MAIN_notes.txt").write_text("ملاحظات", encoding="utf-8")  # a name like Whoosh's
    assert main(["index", str(bad), "--index", str(folder), "--quiet", "--vowels"]) == 2
    assert "'id' must be a string" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["MAIN_notes.txt", "drafts", "thesis.txt"]
    assert (folder / "thesis.txt").read_text(encoding="utf-8") == "أطروحة عن الإعلام العربي"
    assert main(["stats", "--index", str(folder)]) == 2
    assert "no seedsearch index here" in capsys.readouterr().err


def test_index_vowels_into_an_index_made_without_them_is_refused_not_ignored(tmp_path,
                                                                              corpus_file, capsys):
    ix = tmp_path / "ix"
    assert main(["index", str(corpus_file), "--index", str(ix), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["index", str(corpus_file), "--index", str(ix), "--quiet", "--vowels"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "was created without vowel data" in err[0]
    assert "--overwrite" in err[0]
    assert main(["stats", "--index", str(ix), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"] == 9 and stats["vowels"] is False


def test_skip_bad_indexes_the_good_lines(tmp_path, capsys):
    bad = tmp_path / "mixed.jsonl"
    bad.write_text('{"id": "1", "text": "أول"}\n{broken\n{"id": "3", "text": "ثالث"}\n',
                   encoding="utf-8")
    assert main(["index", str(bad), "--index", str(tmp_path / "ix"), "--quiet",
                 "--skip-bad"]) == 0
    captured = capsys.readouterr()
    assert "added 2 documents" in captured.out and "mixed.jsonl:2" in captured.err


def test_python_dash_m_runs_the_cli_without_a_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "seedsearch", "search", "موسكو", "--index",
                           str(tmp_path / "nothing")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "no seedsearch index" in proc.stderr


def test_every_command_has_help_and_an_example():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():
        assert sub.description and "Example:" in sub.description, name
        assert sub.format_help()


def test_demo_finds_the_seeds_of_the_clone_it_runs_from():
    """The demo's root is the repository (a module move once sent it to
    seedsearch/seeds/, and the README's demo command failed)."""
    import seedsearch.cli.demo as demo

    assert demo.project_root() == ROOT
    assert (demo.project_root() / "seeds" / "hadith_pd_sample_2000.jsonl").is_file()


def test_demo_indexes_seeds_and_shows_highlighted_hits(tmp_path, monkeypatch):
    import io

    import seedsearch.cli.demo as demo

    fake_root = tmp_path / "root"
    (fake_root / "seeds").mkdir(parents=True)
    for item in (ROOT / "seeds").iterdir():
        (fake_root / "seeds" / item.name).write_bytes(item.read_bytes())
    monkeypatch.setattr(demo, "project_root", lambda: fake_root)
    out = io.StringIO()
    assert demo.run_demo(progress=False, out=out) == 0
    text = out.getvalue()
    assert text.count("\n== ") == len(demo.DEMO_QUERIES)
    assert "[صَلاَةُ] [الْجَمَاعَةِ]" in text and "<b>" not in text
    assert "صحيح مسلم" in text  # the collections' labels
    assert "000_5a7173eee6ba29e5" in text and "\n   0 documents match" not in text
    assert " 1 documents " not in text  # «القواعد العسكرية الروسية» finds one news article
    # The article's title is its first sentence (a .txt file's): printed once per hit, not twice.
    lede = "[الرئيس] [السوري] أحمد الشرع الثانية إلى موسكو"
    assert text.count(lede) == 1 and text.count("\n  1. 000_5a7173eee6ba29e5") == 2
    assert f"seedsearch serve --index {fake_root / 'index'}" in text  # how to see it in a browser


@pytest.mark.parametrize("query_args", [["-بوتين لندن"], ["-بوتين"], ["--", "-بوتين لندن"],
                                        ["--", "-بوتين"]])
def test_a_query_that_starts_with_a_minus_is_the_query_not_an_option(tmp_path, corpus_file,
                                                                      capsys, query_args):
    ix = str(tmp_path / "ix")
    main(["index", str(corpus_file), "--index", ix, "--quiet"])
    capsys.readouterr()
    assert main(["search", *query_args, "--index", ix, "--json"]) == 0
    ids = {json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()}
    assert "news-1" not in ids
    if "لندن" in query_args[-1]:
        assert ids == {"name-1"}


def test_a_minus_query_after_the_options_and_a_double_dash_also_works(tmp_path, corpus_file,
                                                                       capsys):
    ix = str(tmp_path / "ix")
    main(["index", str(corpus_file), "--index", ix, "--quiet"])
    capsys.readouterr()
    assert main(["search", "--index", ix, "--limit", "3", "--json", "--", "-بوتين لندن"]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == ["name-1"]


def test_an_option_value_that_starts_with_a_minus_stays_the_option_value(tmp_path, corpus_file,
                                                                         capsys):
    ix = str(tmp_path / "ix")
    main(["index", str(corpus_file), "--index", ix, "--quiet"])
    capsys.readouterr()
    assert main(["search", "موسكو", "--index", ix, "--limit", "-1"]) == 2
    assert "limit must be" in capsys.readouterr().err


def test_a_missing_query_says_to_put_a_double_dash_before_a_minus_query(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["search", "--index", "ix"])
    assert exit_.value.code == 2
    assert "put -- before a query that starts with -" in capsys.readouterr().err


def test_index_of_a_folder_with_two_files_of_one_name_adds_both(tmp_path, capsys):
    for year in ("2024", "2025"):
        (tmp_path / "coll" / year).mkdir(parents=True)
        (tmp_path / "coll" / year / "01.txt").write_text(f"حصاد عام {year}", encoding="utf-8")
    assert main(["index", str(tmp_path / "coll"), "--index", str(tmp_path / "ix"), "--quiet"]) == 0
    assert "added 2 documents" in capsys.readouterr().out


def test_a_repeated_id_stops_the_index_or_with_skip_bad_is_skipped_with_one_line(tmp_path, capsys):
    path = tmp_path / "news.jsonl"
    path.write_text('{"id": "خبر", "text": "الرئيس في موسكو"}\n'
                    '{"id": "خبر", "text": "الرئيس في دمشق"}\n', encoding="utf-8")
    ix = str(tmp_path / "ix")
    assert main(["index", str(path), "--index", ix, "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "news.jsonl:2" in err and "news.jsonl:1" in err
    assert main(["index", str(path), "--index", ix, "--quiet", "--skip-bad"]) == 0
    captured = capsys.readouterr()
    assert "added 1 document in" in captured.out  # one, in the singular
    skipped = [line for line in captured.err.splitlines() if line.startswith("seedsearch: skipped:")]
    assert len(skipped) == 1 and "news.jsonl:2" in skipped[0]
    assert main(["search", "موسكو", "--index", ix, "--json"]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == ["خبر"]


def test_index_on_a_terminal_shows_the_files_bytes_then_the_commit(tmp_path, corpus_file, capsys,
                                                                   monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)  # stdout piped: still shown
    assert main(["index", str(corpus_file), "--index", str(tmp_path / "ix")]) == 0
    err = capsys.readouterr().err
    assert "indexing" in err and "B/s" in err  # bytes of the file, not a bare count
    assert "committing 9 documents… done in" in err
    assert main(["index", str(corpus_file), "--index", str(tmp_path / "ix"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("args, message", [
    (["search"], "required: QUERY (put -- before a query that starts with -)"),
    (["index"], "required: PATH"),
    (["search", "موسكو", "--limit", "خمسة"], "invalid int value"),
    (["serch", "موسكو"], "invalid choice"),
    (["search", "موسكو", "--sort", "latest"], "invalid choice: 'latest' (choose from "
                                              "'relevance', 'newest', 'oldest')"),
    (["similar"], "required: ID"),
])
def test_a_usage_mistake_is_one_line_on_stderr_and_exit_2(capsys, args, message):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("seedsearch: error:") and message in err


def test_search_explain_prints_the_plan_instead_of_hits(tmp_path, corpus_file, capsys):
    ix = tmp_path / "ix"
    main(["index", str(corpus_file), "--index", str(ix), "--quiet"])
    capsys.readouterr()
    assert main(["search", "القواعد العسكرية", "--index", str(ix), "--explain",
                 "--filter", "collection=news"]) == 0
    out = capsys.readouterr().out
    assert "word «القواعد» (plain)" in out and "stem in text ×1: text:قواعد" in out
    assert "phrase bonus ×2 in title ×2 + text ×1: «القواعد العسكريه»" in out
    assert "filter: collection in (news)" in out and "news-2" not in out


def test_search_json_is_exactly_hit_to_dict(tmp_path, corpus_file, capsys):
    """--json prints Hit.to_dict(), whose highlight marks with <mark> (it once
    printed <b> where to_dict() gives <mark>)."""
    from seedsearch import Index

    ix = tmp_path / "ix"
    main(["index", str(corpus_file), "--index", str(ix), "--quiet"])
    capsys.readouterr()
    assert main(["search", "الرئيس السوري", "--index", str(ix), "--json"]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    with Index.open(ix) as opened:
        assert printed == [h.to_dict() for h in opened.search("الرئيس السوري")]
    assert "<mark>والرئيسُ</mark>" in printed[0]["highlight"]


def test_a_terminal_gets_bold_marks(tmp_path, corpus_file, monkeypatch):
    import io

    from seedsearch import Index
    from seedsearch.cli.display import print_hits

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    main(["index", str(corpus_file), "--index", str(tmp_path / "ix"), "--quiet"])
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = Terminal()
    with Index.open(tmp_path / "ix") as ix:
        print_hits(ix.search("موسكو"), stream=out)
    assert "\033[1mموسكو\033[0m" in out.getvalue() and "[موسكو]" not in out.getvalue()


def test_search_sort_newest_orders_by_date(tmp_path, corpus_file, capsys):
    ix = str(tmp_path / "ix")
    main(["index", str(corpus_file), "--index", ix, "--quiet"])
    capsys.readouterr()
    assert main(["search", "الرئيس السوري القلم", "--index", ix, "--json",
                 "--sort", "newest"]) == 0
    dates = [json.loads(line)["date"] for line in capsys.readouterr().out.splitlines()]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 3


def test_similar_prints_the_parallel_first_and_explains_it(tmp_path, capsys):
    from conftest import SEEDS

    ix = str(tmp_path / "ix")
    main(["index", str(SEEDS), "--index", ix, "--quiet"])
    capsys.readouterr()
    assert main(["similar", "bukhari:5770", "--index", ix, "--limit", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("documents are like bukhari:5770; page 1")
    assert out[1].split()[:2] == ["1.", "muslim:5788"]
    assert main(["similar", "bukhari:5770", "--index", ix, "--json", "--limit", "1",
                 "--filter", "collection=bukhari"]) == 0
    assert json.loads(capsys.readouterr().out)["collection"] == "bukhari"
    assert main(["similar", "bukhari:5770", "--index", ix, "--explain"]) == 0
    assert "عدوى (stem عدوي)" in capsys.readouterr().out
    assert main(["similar", "لا-يوجد", "--index", ix]) == 2
    assert capsys.readouterr().err.strip() == "seedsearch: error: no document with id 'لا-يوجد'"


def test_complete_prints_words_one_a_line(tmp_path, corpus_file, capsys):
    ix = str(tmp_path / "ix")
    main(["index", str(corpus_file), "--index", ix, "--quiet"])
    capsys.readouterr()
    assert main(["complete", "مسئ", "--index", ix]) == 0
    assert capsys.readouterr().out == "مسؤولية\n"
    assert main(["complete", "ال", "--index", ix, "--limit", "0"]) == 2
    assert "limit must be a whole number from 1 to 100" in capsys.readouterr().err


def test_search_reads_root_queries_through_the_query_language(tmp_path, corpus_file, capsys):
    """`seedsearch search "root:…"` needs no option: الرئيس is found by
    root:رءس and by جذر:رئاسة (a word of the same root)."""
    ix = tmp_path / "ix"
    main(["index", str(corpus_file), "--index", str(ix), "--quiet"])
    capsys.readouterr()
    for query in ("root:رءس", "جذر:رئاسة"):
        assert main(["search", query, "--index", str(ix), "--json"]) == 0
        hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert hits and any("الرئيس" in json.dumps(h, ensure_ascii=False) for h in hits), query
