"""DUP003 cross-file-duplicate, through the real CLI and real datasketch."""
import json
import random

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from newslint.cli import main

ARTICLE = (SEEDS / "004_26a94c212618fc95.txt").read_text(encoding="utf-8")
OTHER = (SEEDS / "002_7a66fb176fe2e221.txt").read_text(encoding="utf-8")


def near_copy(text: str, changes: int, seed: int = 7) -> str:
    words = text.split(" ")
    rng = random.Random(seed)
    replaceable = [i for i, word in enumerate(words) if "\n" not in word]  # keep the line structure
    for index in rng.sample(replaceable, changes):
        words[index] = "replaced"
    return " ".join(words)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def duplicates(*args):
    result = CliRunner().invoke(main, ["--select", "DUP003", "--format", "json", *args], catch_exceptions=False)
    return [(r["path"], r.get("record"), r["line"], r["end_line"], r["message"]) for r in json.loads(result.stdout)]


def test_exact_and_near_copies_are_reported_in_the_later_file(corpus):
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "b.txt").write_text(near_copy(ARTICLE, 12))
    (corpus / "c.txt").write_text(OTHER)
    (corpus / "d.txt").write_text(ARTICLE.upper().replace(".", " ."))  # case and punctuation differ
    found = duplicates(".")
    assert [(path, line, end) for path, _, line, end, _ in found] == [("b.txt", 1, 30), ("d.txt", 1, 30)]
    assert found[0][4].startswith("Near-duplicate of a.txt (about ")
    assert found[1][4] == "Exact duplicate of a.txt"


def test_later_follows_the_command_line_order(corpus):
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "b.txt").write_text(ARTICLE)
    assert [f[0] for f in duplicates("b.txt", "a.txt")] == ["a.txt"]


def test_different_articles_on_the_same_topic_are_not_duplicates(corpus):
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "b.txt").write_text(OTHER)
    (corpus / "c.txt").write_text((SEEDS / "000_04516734e5f12489.txt").read_text(encoding="utf-8"))
    assert duplicates(".") == []


def test_a_heavily_rewritten_copy_is_not_a_near_duplicate(corpus):
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "b.txt").write_text(near_copy(ARTICLE, 150))
    assert duplicates(".") == []


def test_short_documents_are_not_compared(corpus):
    (corpus / "a.txt").write_text("Comments\nShare this article\n")
    (corpus / "b.txt").write_text("Comments\nShare this article\n")
    assert duplicates(".") == []


def test_records_of_a_jsonl_corpus_are_compared_too(corpus):
    lines = [json.dumps({"id": "first", "text": ARTICLE}), json.dumps({"id": "other", "text": OTHER}),
             json.dumps({"id": "copy", "text": near_copy(ARTICLE, 5)})]
    (corpus / "c.jsonl").write_text("\n".join(lines) + "\n")
    (found,) = duplicates("c.jsonl")
    assert found[:3] == ("c.jsonl", "copy", 3)
    assert found[4].startswith("Near-duplicate of c.jsonl record first")


def test_other_diagnostics_inside_a_duplicated_document_are_not_repeated(corpus):
    body = ARTICLE + "\nthe kremlin said nothing.\n"
    (corpus / "a.txt").write_text(body)
    (corpus / "b.txt").write_text(body)
    result = CliRunner().invoke(main, ["--select", "DUP003,CAS", "--format", "json", "."])
    by_file = {}
    for record in json.loads(result.stdout):
        by_file.setdefault(record["path"], []).append(record["code"])
    assert by_file["b.txt"] == ["DUP003"]
    assert "DUP003" not in by_file["a.txt"] and by_file["a.txt"]
