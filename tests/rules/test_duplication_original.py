"""Where a duplicate's original is: DUP001 (same document) and DUP003
(another file or record) carry it as `Diagnostic.original`, which JSON
writes as `original`, placed as the diagnostic itself is (the file's line
and column; for a record also its id and `text_line`/`text_column`)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newslint.cli import main
from newslint.config import Config
from newslint.model import Position
from newslint.registry import all_rules, select
from newslint.runner import lint_text

LEAD = "Russia on Friday dismissed any immediate possibility of a meeting between the two presidents."
SECOND = "Russian Foreign Minister Sergei Lavrov told NBC that no meeting between the leaders was planned."
# 70 words: DUP003 compares documents of 50 words or more.
ARTICLE = " ".join(f"The council met on day {n} and agreed a budget for the harbour works." for n in range(5))


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def json_run(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["--no-cache", "--format", "json", *args], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


# -- DUP001: the original in the same document ------------------------------------------
def test_dup001_original_in_a_text_is_its_first_and_last_line():
    text = f"Home\n  {LEAD}\n{SECOND}\nShare\n{LEAD}\n{SECOND}\n"
    (found,) = lint_text(text, select(all_rules(), select=["DUP001"]), Config())
    original = found.original
    assert (found.start, found.message) == (Position(5, 1), "This block duplicates lines 2-3")
    # The indented original starts at its paragraph's text, column 3.
    assert (original.path, original.start, original.end) == ("-", Position(2, 3), Position(3, len(SECOND) + 1))
    assert text[original.offset:original.end_offset] == f"{LEAD}\n{SECOND}"
    assert (original.record, original.text_start) == (None, None)


def test_dup001_original_in_a_hard_wrapped_markdown_paragraph():
    paragraph = f"{LEAD}\nIt was the\nthird refusal."
    text = f"# Talks\n\n{paragraph}\n\nMore text here.\n\n{paragraph}\n"
    (found,) = lint_text(text, select(all_rules(), select=["DUP001"]), Config())
    assert found.message == "This paragraph duplicates lines 3-5"
    assert (found.original.start, found.original.end) == (Position(3, 1), Position(5, 15))


def test_dup001_in_a_text_file_json(folder):
    (folder / "a.txt").write_text(f"Title\n{LEAD}\n{SECOND}\nShare\n{LEAD}\n{SECOND}\n", encoding="utf-8")
    (found,) = json_run("--select", "DUP001", "a.txt")
    assert (found["line"], found["end_line"]) == (5, 6)
    assert found["original"] == {"path": "a.txt", "line": 2, "column": 1, "end_line": 3,
                                 "end_column": len(SECOND) + 1}


def test_dup001_in_a_jsonl_record_maps_the_original_through_the_record(folder):
    """The original's `line`/`column` are in the JSONL file (the record's
    line, the column of its JSON string, escapes counted), `text_line`... in
    the record's text, exactly as the diagnostic's own."""
    text = f"Intro \u00e9\n{LEAD}\n{SECOND}\nx\n{LEAD}\n{SECOND}"
    raw = json.dumps({"id": "r2", "text": text})  # ASCII escapes: \u00e9 and \n are 6 and 2 columns
    (folder / "c.jsonl").write_text(json.dumps({"id": "r1", "text": "Short."}) + "\n" + raw + "\n",
                                    encoding="utf-8")
    (found,) = json_run("--select", "DUP001", "c.jsonl")
    json_start = raw.index('"text": "') + len('"text": "') + 1  # 1-based column of the text's first character
    original_column = json_start + len("Intro \\u00e9\\n")
    copy_column = json_start + len(f"Intro \\u00e9\\n{LEAD}\\n{SECOND}\\nx\\n")
    assert (found["line"], found["column"], found["record"], found["text_line"]) == (2, copy_column, "r2", 5)
    assert found["original"] == {
        "path": "c.jsonl", "line": 2, "column": original_column,
        "end_line": 2, "end_column": original_column + len(f"{LEAD}\\n{SECOND}"),
        "record": "r2", "text_line": 2, "text_column": 1, "text_end_line": 3, "text_end_column": len(SECOND) + 1}


def test_dup001_in_an_html_page_maps_the_original_to_the_html_source(folder):
    paragraphs = [LEAD, SECOND, "The announcement comes amid a visit to Kyiv by the Dutch Prime Minister, Mark Rutte.",
                  LEAD, SECOND]
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    (folder / "p.html").write_text(f"<!DOCTYPE html>\n<html><head><title>Talks</title></head>\n<body>\n<article>\n"
                                   f"<h1>Talks stall</h1>\n{body}</article>\n</body></html>\n", encoding="utf-8")
    (found,) = json_run("--select", "DUP001", "p.html")
    # The extracted text is the heading, then one line per paragraph; the
    # HTML source has the paragraphs on lines 6-10, their text at column 4.
    assert (found["line"], found["column"], found["text_line"], found["message"]) == (
        9, 4, 5, "This block duplicates lines 2-3")
    original = found["original"]
    assert (original["path"], original["line"], original["column"]) == ("p.html", 6, 4)
    assert (original["text_line"], original["text_column"], original["text_end_line"],
            original["text_end_column"]) == (2, 1, 3, len(SECOND) + 1)
    assert "record" not in original


# -- DUP003: the original is an earlier document ------------------------------------------
def test_dup003_across_two_files_points_at_the_earlier_file(folder):
    (folder / "a.txt").write_text(f"\n\n  {ARTICLE}\n", encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    (found,) = json_run("--select", "DUP003", "a.txt", "b.txt")
    assert (found["path"], found["message"]) == ("b.txt", "Exact duplicate of a.txt")
    # The whole text of a.txt, from its first character (line 3, column 3).
    assert found["original"] == {"path": "a.txt", "line": 3, "column": 3, "end_line": 3,
                                 "end_column": len(ARTICLE) + 3}


def test_dup003_across_two_records_of_one_jsonl(folder):
    lines = [json.dumps({"id": "first", "text": ARTICLE}), json.dumps({"id": "other", "text": LEAD}),
             json.dumps({"id": "copy", "text": "\n" + ARTICLE.replace("harbour", "airport", 1)})]
    (folder / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (found,) = json_run("--select", "DUP003", "c.jsonl")
    assert (found["line"], found["record"], found["text_line"]) == (3, "copy", 2)
    assert found["message"].startswith("Near-duplicate of c.jsonl record first (about ")
    column = lines[0].index(ARTICLE) + 1
    assert found["original"] == {"path": "c.jsonl", "line": 1, "column": column, "end_line": 1,
                                 "end_column": column + len(ARTICLE), "record": "first",
                                 "text_line": 1, "text_column": 1, "text_end_line": 1,
                                 "text_end_column": len(ARTICLE) + 1}


def test_dup003_and_dup001_in_one_record_point_at_different_originals(folder):
    lines = [json.dumps({"id": "first", "text": ARTICLE}),
             json.dumps({"id": "copy", "text": ARTICLE + "\n\n" + ARTICLE})]
    (folder / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = {d["code"]: d["original"] for d in json_run("--select", "DUP", "c.jsonl")}
    assert (found["DUP003"]["record"], found["DUP003"]["line"]) == ("first", 1)
    assert (found["DUP001"]["record"], found["DUP001"]["line"], found["DUP001"]["text_line"]) == ("copy", 2, 1)


# -- the same original whatever runs the lint ------------------------------------------------
def test_original_survives_the_cache_and_worker_processes(folder):
    (folder / "a.txt").write_text(f"Title\n{ARTICLE}\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"{ARTICLE}\nTitle\n", encoding="utf-8")
    (folder / "d.txt").write_text(f"{LEAD}\n{SECOND}\nShare\n{LEAD}\n{SECOND}\n", encoding="utf-8")
    (folder / "c.jsonl").write_text(json.dumps({"id": "r", "text": f"{LEAD}\n{SECOND}\nx\n{LEAD}\n{SECOND}"})
                                    + "\n", encoding="utf-8")

    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["--format", "json", "--select", "DUP", *args, "."],
                                    catch_exceptions=False)
        assert result.exit_code == 1
        return result.stdout

    fresh = run("--no-cache", "--jobs", "1")
    assert run("--jobs", "1") == fresh  # fills the cache
    assert list((folder / ".newslint_cache").rglob("*"))
    assert run("--jobs", "1") == fresh  # replays it
    assert run("--no-cache", "--jobs", "2") == fresh
    originals = [(d["path"], d["code"], d["original"]["path"], d["original"]["line"]) for d in json.loads(fresh)]
    assert originals == [("b.txt", "DUP003", "a.txt", 1), ("c.jsonl", "DUP001", "c.jsonl", 1),
                         ("d.txt", "DUP001", "d.txt", 1)]
