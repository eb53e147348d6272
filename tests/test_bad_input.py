"""The bad-input matrix: every kind of broken, odd or hostile input a scraped
corpus holds, run through the real CLI (click's runner in process; a real
process where blocking, tracebacks or stdin matter). Each case says exactly
what is reported. Throughout: an unreadable file is an error naming it (exit
2), the other files are still linted, a file skipped on purpose is a note,
and nothing on disk changes unless --fix was asked for and succeeded.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import zstandard
from click.testing import CliRunner

from newslint import inputs
from newslint.config import Config
from newslint.registry import all_rules, select
from newslint.rule import Rule
from newslint.runner import Options, lint_paths
from newslint.cli import main

PACK = """\
rules:
  - code: TST001
    name: test-banana
    category: chrome
    kind: existence
    message: "banana"
    phrases: ["banana"]
  - code: TST002
    name: test-swap
    category: spacing
    kind: substitution
    message: "{match} -> {term}"
    swap: {"wiht": "with"}
"""
NEWSLINT = str(Path(sys.executable).with_name("newslint"))
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10banana"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with a pack of two test rules, selected alone: TST001 flags
    `banana`, TST002 swaps `wiht` for `with` (a safe fix)."""
    (tmp_path / "pack.yaml").write_text(PACK)
    (tmp_path / ".newslint.yaml").write_text("rule-paths: [pack.yaml]\nselect: [TST]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args, stdin=None):
    return CliRunner().invoke(main, ["--jobs", "1", *args], input=stdin, catch_exceptions=False)


def found(*args, stdin=None):
    """(result, [(path, line, column, code)]) of a JSON run."""
    result = run("--format", "json", *args, stdin=stdin)
    return result, [(r["path"], r["line"], r["column"], r["code"]) for r in json.loads(result.stdout or "[]")]


def messages(result, kind="error"):
    """The `path: kind: message` lines of stderr."""
    return [line for line in result.stderr.splitlines() if f": {kind}: " in line]


# -- empty and whitespace-only -------------------------------------------------------
def test_empty_and_whitespace_only_files_pass(project):
    (project / "empty.txt").write_bytes(b"")
    (project / "blank.txt").write_bytes(b"  \n\t\r\n\r\n\n")
    (project / "empty.jsonl").write_bytes(b"")
    (project / "blank.jsonl").write_bytes(b"\n \n")
    (project / "empty.html").write_bytes(b"")
    (project / "blank.html").write_bytes(b" \r\n\n")
    result = run("empty.txt", "blank.txt", "empty.jsonl", "blank.jsonl", "empty.html", "blank.html")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "All checks passed (6 files).\n", "")
    result = run("-", stdin="")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "All checks passed (1 file).\n", "")


# -- binary ---------------------------------------------------------------------------
BINARY_NOTE = "note: binary file skipped (it contains NUL bytes; --input-format text lints it anyway)"


def test_binary_files_are_skipped_with_a_note_and_the_rest_linted(project):
    (project / "logo.png").write_bytes(PNG)
    (project / "data.txt").write_bytes(b"banana\x00\x00wiht")
    (project / "page.html").write_bytes(b"<html>\x00\x00<p>banana</p>")
    (project / "good.txt").write_text("a banana\n")
    result, located = found("logo.png", "data.txt", "page.html", "good.txt")
    assert located == [("good.txt", 1, 3, "TST001")]
    assert result.stderr.splitlines() == [f"logo.png: {BINARY_NOTE}", f"data.txt: {BINARY_NOTE}",
                                          f"page.html: {BINARY_NOTE}"]
    assert result.exit_code == 1  # skipped on purpose: not an error
    assert run("-", stdin=PNG).stderr == f"-: {BINARY_NOTE}\n"


def test_binary_files_in_a_walked_tree_are_skipped_with_a_note(project):
    (project / "tree").mkdir()
    (project / "tree" / "a.txt").write_bytes(b"\x00\x01\x02banana")
    (project / "tree" / "b.txt").write_text("banana\n")
    result, located = found("tree")
    assert located == [("tree/b.txt", 1, 1, "TST001")]
    assert result.stderr == f"tree/a.txt: {BINARY_NOTE}\n" and result.exit_code == 1


def test_input_format_text_lints_binary_data_anyway(project):
    """NUL bytes are valid UTF-8: linted and fixed like any text. Bytes that
    are not UTF-8 are read as U+FFFD, one column each, and then --fix leaves
    the file alone, since writing the text back would change those bytes."""
    (project / "nul.txt").write_bytes(b"x\x00 banana wiht\n")
    result, located = found("--input-format", "text", "nul.txt")
    assert located == [("nul.txt", 1, 4, "TST001"), ("nul.txt", 1, 11, "TST002")]
    assert result.stderr == ""
    run("--input-format", "text", "--fix", "nul.txt")
    assert (project / "nul.txt").read_bytes() == b"x\x00 banana with\n"

    (project / "logo.png").write_bytes(PNG + b" wiht")
    result, located = found("--input-format", "text", "logo.png")
    assert located == [("logo.png", 4, 9, "TST001"), ("logo.png", 4, 16, "TST002")]  # after \r\n, \n and \r
    assert result.stderr == ("logo.png: note: not valid UTF-8: 1 invalid byte sequence read as U+FFFD; "
                             "--fix leaves this file alone\n")
    result = run("--input-format", "text", "--fix", "logo.png")
    assert (project / "logo.png").read_bytes() == PNG + b" wiht"
    assert "Fixed" not in result.stderr and result.exit_code == 1


def test_show_text_gives_the_note_of_a_skipped_binary_file_and_no_section(project):
    (project / "logo.png").write_bytes(PNG)
    (project / "latin.txt").write_bytes("Le café banana\n".encode("cp1252"))
    result = run("--show-text", "logo.png", "latin.txt")
    assert result.stdout == "==> latin.txt <==\n1  Le café banana\n2  \n"
    assert result.stderr.splitlines() == [f"logo.png: {BINARY_NOTE}", "latin.txt: note: decoded as cp1252"]
    assert result.exit_code == 0


# -- encodings --------------------------------------------------------------------------
def test_invalid_utf8_is_read_with_replacement_characters_and_not_rewritten(project):
    """Mostly UTF-8 with a damaged byte: not mistaken for a legacy encoding
    (which would turn every `é` into two characters and shift the columns)."""
    data = "Café crème \udcff banana wiht\n".encode("utf-8", "surrogateescape")
    (project / "a.txt").write_bytes(data)
    result, located = found("a.txt")
    assert located == [("a.txt", 1, 14, "TST001"), ("a.txt", 1, 21, "TST002")]
    assert result.stderr == ("a.txt: note: not valid UTF-8: 1 invalid byte sequence read as U+FFFD; "
                             "--fix leaves this file alone\n")
    run("--fix", "a.txt")
    assert (project / "a.txt").read_bytes() == data


@pytest.mark.parametrize("text, encoding", [
    ("Le café était fermé, “banana” wiht les élèves à côté de l’école.\n", "cp1252"),
    ("El presidente dijo que continuarán mañana en Bogotá, banana wiht.\n", "cp1252"),
    ("Der Bürgermeister sagte, die Straße bleibt gesperrt: banana wiht.\n", "cp1252"),
    ("Česká vláda: příliš žluťoučký kůň úpěl ďábelské ódy, banana wiht.\n", "cp1250"),
    ("Президент заявил, что переговоры продолжатся: banana wiht.\n", "cp1251"),
])
def test_legacy_encodings_are_detected_reported_and_kept_by_fix(project, text, encoding):
    (project / "a.txt").write_bytes(text.encode(encoding))
    result, located = found("a.txt")
    assert located == [("a.txt", 1, text.index("banana") + 1, "TST001"),
                       ("a.txt", 1, text.index("wiht") + 1, "TST002")]
    assert result.stderr == f"a.txt: note: decoded as {encoding}\n"
    run("--fix", "a.txt")
    assert (project / "a.txt").read_bytes() == text.replace("wiht", "with").encode(encoding)


def test_utf8_bom_is_not_a_column_and_is_kept(project):
    (project / "a.txt").write_bytes(b"\xef\xbb\xbfwiht a banana\n")
    result, located = found("a.txt")
    assert located == [("a.txt", 1, 1, "TST002"), ("a.txt", 1, 8, "TST001")]
    assert result.stderr == ""
    run("--fix", "a.txt")
    assert (project / "a.txt").read_bytes() == b"\xef\xbb\xbfwith a banana\n"


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff")])
def test_utf16_and_utf32_with_a_bom_keep_their_byte_order_under_fix(project, encoding, bom):
    (project / "a.txt").write_bytes(bom + "wiht a banana 🍌\r\n".encode(encoding))
    result, located = found("a.txt")
    assert located == [("a.txt", 1, 1, "TST002"), ("a.txt", 1, 8, "TST001")]
    assert result.stderr == f"a.txt: note: decoded as {encoding}, from its byte-order mark\n"
    run("--fix", "a.txt")
    assert (project / "a.txt").read_bytes() == bom + "with a banana 🍌\r\n".encode(encoding)


def noise() -> bytes:
    """Random bytes without NULs, which no text encoding fits."""
    rng = random.Random(3)
    return bytes(rng.randrange(1, 256) for _ in range(5000))


def test_undecodable_data_is_an_error(project):
    (project / "noise.txt").write_bytes(noise())
    (project / "odd.txt").write_bytes(b"\xff\xfea\x00b")  # a UTF-16 BOM, then an odd number of bytes
    (project / "good.txt").write_text("banana\n")
    result, located = found("noise.txt", "odd.txt", "good.txt")
    assert located == [("good.txt", 1, 1, "TST001")]
    assert messages(result) == ["noise.txt: error: cannot decode: not UTF-8 and no text encoding fits",
                                "odd.txt: error: cannot decode: invalid utf-16-le after its BOM (truncated data)"]
    assert result.exit_code == 2


# -- line endings ------------------------------------------------------------------------
@pytest.mark.parametrize("data", [
    b"one banana\r\ntwo wiht\r\nthree banana\r\nfour wiht\r\n",
    b"one banana\rtwo wiht\rthree banana\rfour wiht\r",
    b"one banana\r\ntwo wiht\nthree banana\rfour wiht",
], ids=["crlf", "cr", "mixed"])
def test_line_endings_keep_positions_and_fix_keeps_them(project, data):
    (project / "a.txt").write_bytes(data)
    _, located = found("a.txt")
    assert located == [("a.txt", 1, 5, "TST001"), ("a.txt", 2, 5, "TST002"),
                       ("a.txt", 3, 7, "TST001"), ("a.txt", 4, 6, "TST002")]
    run("--fix", "a.txt")
    assert (project / "a.txt").read_bytes() == data.replace(b"wiht", b"with")


# -- long lines and many lines (sizes and timings: benchmarks/size_sweep.py) -----------------------
def test_a_long_line_is_linted_exactly(project):
    """One 200 kB line of sentences, unclosed tags and shortcodes: the rules
    that read along the line (a sentence's paragraph; whether a tag is closed
    later on the line) report exactly what they report on a short line."""
    prose = "The council met the mayor on Tuesday and talked about the budget for next year. " * 2500
    line = (prose + "the budget was approved by a wide margin. " + "Then <p> came " * 300 + "and [b] went " * 300
            + "before <script> ran " * 3 + "and [quote]the last word[/quote] ended the day.\n")
    (project / "line.txt").write_text(line)
    _, located = found("--select", "CAS002,MKP001,MKP002", "line.txt")
    columns = {code: [column for _, _, column, found_code in located if found_code == code]
               for code in ("CAS002", "MKP001", "MKP002")}
    first_tag = line.index("<p>") + 1
    assert columns == {"CAS002": [len(prose) + 1],
                       "MKP001": [first_tag + 14 * n for n in range(300)]
                       + [line.index("<script>") + 1 + 20 * n for n in range(3)],
                       "MKP002": [line.index("[quote]") + 1, line.index("[/quote]") + 1]}
    assert {place[:2] for place in located} == {("line.txt", 1)}


def test_many_lines_are_linted_exactly(project):
    """A list of 20,000 lower-case items is a style; one lower-case item in a
    capitalised list is a slip."""
    items = "".join(f"* item number {n} is on the list.\n" for n in range(20_000))
    (project / "list.txt").write_text(
        "The council published its list of projects on Tuesday, and the mayor said it was final.\n" + items
        + "The council also named three new projects for the spring.\n"
        "* The first project is a tram line.\n* the second project is a bridge.\n* The third project is a park.\n")
    _, located = found("--select", "CAS002,MKP001,MKP002", "list.txt")
    assert located == [("list.txt", 20_004, 3, "CAS002")]


# -- HTML ---------------------------------------------------------------------------------
ARTICLE = ("The city council approved the new tram line on Tuesday after two years of debate, "
           "and the mayor said the first trains would run in the spring.")


def test_broken_html_is_still_extracted_and_located(project):
    """Unclosed and misnested tags; the word the page splits (`mis<b>nested`)
    does not throw the location of the words after it off."""
    source = ("<html><head><title>Tram</title><body>\n<div><article><h1>Council approves tram line</h1>\n"
              f"<p>{ARTICLE}\n<p>Second paragraph with <b>bold <i>mis</b>nested</i> tags and a banana, "
              "as the mayor said on Tuesday in the city hall.</span></td>\n<table><tr><td>a cell")
    (project / "page.html").write_text(source)
    result, located = found("page.html")
    assert located == [("page.html", 4, source.split("\n")[3].index("banana") + 1, "TST001")]
    assert result.exit_code == 1


def test_deeply_nested_html_is_reported_and_the_run_goes_on(project):
    """lxml stops building the tree 256 levels down (libxml2's limit), so
    100,000 nested divs leave trafilatura no text: a clear error, no crash."""
    (project / "deep.html").write_text(f"<html><body>{'<div>' * 100_000}<p>{ARTICLE} banana</p>"
                                       f"{'</div>' * 100_000}</body></html>")
    (project / "good.txt").write_text("banana\n")
    result, located = found("deep.html", "good.txt")
    assert located == [("good.txt", 1, 1, "TST001")]
    assert messages(result) == ["deep.html: error: no main text found in the HTML page"]
    assert result.exit_code == 2


def test_html_without_main_text_is_an_error(project):
    (project / "empty.html").write_text("<html><head><title>banana</title></head><body><script>banana()</script>"
                                        "</body></html>")
    (project / "tags.html").write_text("<html><body>\n</body></html>")
    result, located = found("empty.html", "tags.html")
    assert located == []
    assert messages(result) == ["empty.html: error: no main text found in the HTML page",
                                "tags.html: error: no main text found in the HTML page"]
    assert result.exit_code == 2


def test_html_external_entities_are_not_resolved(project):
    secret = project / "secret.txt"
    secret.write_text("SECRET-MARKER-42\n")
    (project / "xxe.html").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        f"<html><body><article><p>{ARTICLE} The clerk said: &xxe;.</p></article></body></html>")
    result = run("--show-text", "xxe.html")
    assert "SECRET-MARKER-42" not in result.output
    assert "The clerk said: &xxe;." in result.stdout and result.exit_code == 0


def test_markup_the_stdlib_html_parser_rejects_does_not_stop_the_run(project):
    """`<![foo` makes html.parser raise; locating the page's diagnostics used
    to end the whole run in an internal error."""
    source = f"<html><body><article><p>{ARTICLE} A banana.</p><![foo bar\n</article></body></html>"
    (project / "page.html").write_text(source)
    result, located = found("page.html")
    assert located == [("page.html", 1, source.index("banana") + 1, "TST001")]
    assert (result.stderr, result.exit_code) == ("", 1)


def test_html_with_one_huge_text_node_is_located_in_linear_time(project):
    """A 2 MB paragraph: the locator counts line breaks as it goes instead of
    re-reading the text before every word."""
    words = "The council met with the mayor on Tuesday and talked about the budget. " * 28_000
    (project / "page.html").write_text(f"<html><body><article><p>{words}\nbanana wiht</p></article></body></html>")
    _, located = found("page.html")
    assert located == [("page.html", 2, 1, "TST001"), ("page.html", 2, 8, "TST002")]


# -- compressed input and JSONL ------------------------------------------------------------
def jsonl(*records) -> bytes:
    return b"".join((r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records)


def test_truncated_gzip_keeps_the_records_before_the_cut(project):
    records = [{"id": n, "text": f"record {n} banana"} for n in range(2000)]
    data = gzip.compress(jsonl(*records))
    (project / "cut.jsonl.gz").write_bytes(data[:len(data) // 2])
    result, located = found("cut.jsonl.gz")
    (error,) = messages(result)
    linted = len(located)
    last = json.dumps(records[linted - 1])
    assert 100 < linted < 2000 and located[-1] == ("cut.jsonl.gz", linted, last.index("banana") + 1, "TST001")
    assert error == (f"cut.jsonl.gz: error: line {linted + 1}: cannot read: "
                     "Compressed file ended before the end-of-stream marker was reached")
    assert result.exit_code == 2


@pytest.mark.parametrize("suffix, compress", [(".jsonl.gz", gzip.compress),
                                              (".jsonl.zst", lambda b: zstandard.ZstdCompressor().compress(b))])
def test_a_decompression_bomb_stops_at_the_bound(project, monkeypatch, suffix, compress):
    """8 MiB of zeros that compress to a few kB; the bound is lowered to 1 MiB
    so the test need not write gigabytes."""
    monkeypatch.setattr(inputs, "MAX_DECOMPRESSED", 1 << 20)
    (project / f"bomb{suffix}").write_bytes(compress(jsonl({"text": "banana"}) + bytes(8 << 20)))
    result, located = found(f"bomb{suffix}")
    assert located == [(f"bomb{suffix}", 1, 11, "TST001")]
    assert messages(result) == [f"bomb{suffix}: error: line 2: decompressed data exceeds the limit of "
                                "1,048,576 bytes (a decompression bomb?): stopped reading"]
    assert result.exit_code == 2


def test_an_endless_jsonl_line_is_skipped_in_bounded_memory(project, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_RECORD", 1000)
    (project / "c.jsonl").write_bytes(jsonl({"text": "x" * 5000}, {"text": "banana"}))
    result, located = found("c.jsonl")
    assert located == [("c.jsonl", 1, 1, "INP001"), ("c.jsonl", 2, 11, "TST001")]
    assert json.loads(result.stdout)[0]["message"] == "record longer than 1,000 bytes skipped"
    assert messages(result) == [] and result.exit_code == 2


def test_bad_jsonl_records_are_inp001_diagnostics_and_the_good_ones_linted(project):
    first, last = {"id": "a", "text": "one banana"}, {"id": "d", "text": "wiht"}
    (project / "c.jsonl").write_bytes(jsonl(
        first,
        b"{not json",
        {"id": "b", "body": "no text field"},
        {"id": "c", "text": 5},
        b"[1, 2]",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"text": "banana", "n": ' + b"1" * 5000 + b"}",
        last))
    result, located = found("c.jsonl")
    assert located == [("c.jsonl", 1, json.dumps(first).index("banana") + 1, "TST001"),
                       *(("c.jsonl", line, 1, "INP001") for line in range(2, 8)),
                       ("c.jsonl", 8, json.dumps(last).index("wiht") + 1, "TST002")]
    assert [r["message"] for r in json.loads(result.stdout) if r["code"] == "INP001"] == [
        "malformed JSON record: Expecting property name enclosed in double quotes at column 2",
        "record has no field `text`",
        "record field `text` is a number, not a string",
        "record is an array, not a JSON object",
        "JSON record nested too deeply",
        "malformed JSON record: Exceeds the limit (4300 digits) for integer string "
        "conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit"]
    assert messages(result) == []
    assert result.exit_code == 2


def test_lone_surrogates_in_json_escapes_become_replacement_characters(project):
    """`\\ud800` without its partner decodes to a lone surrogate, which no
    reporter could write; it is linted as U+FFFD, one column for one."""
    raw = '{"id": "x\\ud800", "text": "\\udc00 a banana"}'
    (project / "c.jsonl").write_text(raw + "\n")
    result = run("--format", "json", "c.jsonl")
    (record,) = json.loads(result.stdout)
    assert (record["record"], record["column"], record["text_column"]) == ("x\ufffd", raw.index("banana") + 1, 5)
    assert result.exit_code == 1
    assert run("--format", "sarif", "c.jsonl").exit_code == 1


def test_jsonl_with_a_bom_and_invalid_utf8(project):
    """The BOM is not a column; an invalid byte is one U+FFFD; of two `text`
    fields the last one is the record's text, as in `json.loads`."""
    lines = [b'{"text": "one banana"}', b'{"text": "caf\xe9 banana"}', b'{"text": "a", "text": "the last banana"}']
    (project / "c.jsonl").write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n")
    result, located = found("c.jsonl")
    assert located == [("c.jsonl", number, line.index(b"banana") + 1, "TST001")
                       for number, line in enumerate(lines, 1)]
    assert result.stderr == ""


# -- WARC ---------------------------------------------------------------------------------------
def warc(pages) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    for uri, content_type, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return stream.getvalue()


def page(words: str) -> bytes:
    return f"<html><body><article><p>{ARTICLE}</p><p>{words}</p></article></body></html>".encode()


def test_warc_records_that_are_not_html_are_skipped(project):
    (project / "c.warc.gz").write_bytes(warc([
        ("https://e.org/logo.png", "image/png", PNG),
        ("https://e.org/a", "text/html; charset=utf-8", page("Then a banana.")),
        ("https://e.org/robots.txt", "text/plain", b"banana"),
    ]))
    result = run("--format", "json", "c.warc.gz")
    records = json.loads(result.stdout)
    assert [(r["record"], r["line"], r["code"]) for r in records] == [("https://e.org/a", 2, "TST001")]
    assert (result.stderr, result.exit_code) == ("", 1)


def test_truncated_warc_reports_the_cut_record(project):
    """What the archive holds up to the cut is linted, the cut record too."""
    first = warc([("https://e.org/a", "text/html", page("A banana."))])
    # One gzip member per record, so the archive is the two records' bytes one after the other.
    whole = first + warc([("https://e.org/b", "text/html",
                           page("Another banana." + "".join(f" Item {n}." for n in range(300))))])
    (project / "cut.warc.gz").write_bytes(whole[:len(whole) - 100])
    (project / "head.warc.gz").write_bytes(whole[:200])
    result = run("--format", "json", "cut.warc.gz", "head.warc.gz")
    assert [r["record"] for r in json.loads(result.stdout)] == ["https://e.org/a", "https://e.org/b"]
    assert messages(result) == [
        f"cut.warc.gz: error: cannot read WARC: the record at byte {len(first)} is truncated",
        "head.warc.gz: error: cannot read WARC: the data after byte 0 is truncated or not a record"]
    assert result.exit_code == 2


def test_warc_html_record_with_a_binary_body_is_skipped_with_a_note(project):
    (project / "c.warc.gz").write_bytes(warc([("https://e.org/x", "text/html", b"\x00\x00<p>banana</p>"),
                                              ("https://e.org/a", "text/html", page("A banana."))]))
    result = run("c.warc.gz")
    assert result.stderr == f"c.warc.gz record https://e.org/x: {BINARY_NOTE}\n"
    assert result.exit_code == 1


def warc_record(http: bytes, **headers: str) -> bytes:
    """An uncompressed WARC record written by hand, to damage it on purpose."""
    head = "WARC/1.0\r\n" + "".join(f"{name.replace('_', '-')}: {value}\r\n" for name, value in headers.items())
    return f"{head}Content-Length: {len(http)}\r\n\r\n".encode() + http + b"\r\n\r\n"


def test_damaged_warc_records_are_errors_in_the_report_not_crashes(project):
    """warcio fails with an AttributeError on a response without a target
    URI, and prints warnings of its own for a wrong Content-Length: both end
    up as one error naming the file."""
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("A banana.")
    (project / "nouri.warc").write_bytes(warc_record(http, WARC_Type="response", WARC_Record_ID="<urn:uuid:1>"))
    good = warc_record(http, WARC_Type="response", WARC_Target_URI="https://e.org/a", WARC_Record_ID="<urn:uuid:2>")
    short = good.replace(f"Content-Length: {len(http)}".encode(), f"Content-Length: {len(http) - 20}".encode())
    (project / "length.warc").write_bytes(short + good)
    result = run("nouri.warc", "length.warc")
    assert result.stderr.splitlines() == [
        "nouri.warc: error: cannot read WARC: damaged archive (AttributeError: 'NoneType' object has no "
        "attribute 'startswith')",
        "length.warc: error: cannot read WARC: 1 record(s) do not end where their Content-Length says"]
    assert result.exit_code == 2


def test_a_warc_bomb_stops_at_the_bound(project, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_DECOMPRESSED", 3000)
    (project / "c.warc.gz").write_bytes(warc([("https://e.org/a", "text/html", page("A banana.")),
                                              ("https://e.org/b", "text/html", page("x " * 5000))]))
    result = run("c.warc.gz")
    assert messages(result) == ["c.warc.gz: error: decompressed data exceeds the limit of 3,000 bytes "
                                "(a decompression bomb?): stopped reading"]
    assert "TST001" in result.stdout and result.exit_code == 2


# -- paths --------------------------------------------------------------------------------------
def test_paths_that_cannot_be_read(project):
    """Running as root, file modes do not stop reads: these paths fail for
    other reasons (a parent that is a file, a name too long, a dangling link)."""
    (project / "good.txt").write_text("banana\n")
    (project / "file.txt").write_text("x\n")
    os.symlink("gone.txt", project / "dangling.txt")
    long_name = "x" * 300 + ".txt"
    result, located = found("good.txt", "missing.txt", "file.txt/inner.txt", long_name, "dangling.txt")
    assert located == [("good.txt", 1, 1, "TST001")]
    assert messages(result) == ["missing.txt: error: no such file or directory",
                                "file.txt/inner.txt: error: not a directory",
                                f"{long_name}: error: file name too long",
                                "dangling.txt: error: broken symbolic link: its target does not exist"]
    assert result.exit_code == 2


def test_a_directory_where_a_file_is_expected(project):
    """An output file, a baseline and a rule pack that are directories: an
    error naming the path (exit 2), and nothing written."""
    (project / "a.txt").write_text("banana\n")
    (project / "out.txt").mkdir()
    (project / "base.json").mkdir()
    for option, path in (("-o", "out.txt"), ("--baseline", "base.json")):
        result = CliRunner().invoke(main, [option, path, "a.txt"])
        assert result.exit_code == 2 and f"'{path}' is a directory" in result.stderr
    (project / "packs" / "more.yaml").mkdir(parents=True)
    (project / ".newslint.yaml").write_text("rule-paths: [packs]\n")
    result = CliRunner().invoke(main, ["a.txt"])
    assert result.exit_code == 2 and "more.yaml" in result.stderr and "is a directory" in result.stderr.lower()
    assert "Traceback" not in result.output
    assert sorted(p.name for p in project.iterdir()) == [".newslint.yaml", "a.txt", "base.json", "out.txt",
                                                         "pack.yaml", "packs"]
    assert not any((project / "out.txt").iterdir())


def test_symlink_loops_and_dangling_links_in_a_walked_tree(project):
    tree = project / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.txt").write_text("banana\n")
    (tree / "sub" / "b.txt").write_text("wiht\n")
    os.symlink("..", tree / "sub" / "up")  # a folder loop: symlinked folders are not followed
    os.symlink("loop.txt", tree / "loop.txt")  # a link to itself
    os.symlink("nowhere.txt", tree / "dangling.txt")
    os.symlink("a.txt", tree / "z.txt")  # a link to a file is linted
    result, located = found("tree")
    assert located == [("tree/a.txt", 1, 1, "TST001"), ("tree/sub/b.txt", 1, 1, "TST002"),
                       ("tree/z.txt", 1, 1, "TST001")]
    assert messages(result) == ["tree/dangling.txt: error: broken symbolic link: its target does not exist",
                                "tree/loop.txt: error: cannot read: too many levels of symbolic links"]
    assert result.exit_code == 2


def test_excluded_paths_report_no_errors(project):
    (project / ".newslint.yaml").write_text("rule-paths: [pack.yaml]\nselect: [TST]\nexclude: ['old/*']\n")
    (project / "old").mkdir()
    os.symlink("gone.txt", project / "old" / "dangling.txt")
    os.symlink("loop.txt", project / "old" / "loop.txt")
    (project / "a.txt").write_text("banana\n")
    result, located = found(".")
    assert located == [("a.txt", 1, 1, "TST001")]
    assert (result.stderr, result.exit_code) == ("", 1)


def test_hidden_files_and_folders_named_like_files_in_a_tree(project):
    tree = project / "tree"
    (tree / "notes.txt").mkdir(parents=True)
    (tree / "notes.txt" / "a.txt").write_text("banana\n")
    (tree / "._a.txt").write_bytes(b"\x00\x05\x16\x07 macOS metadata")
    os.symlink("user@host.123:456", tree / ".#a.txt")  # an Emacs lock file
    result, located = found("tree")
    assert located == [("tree/notes.txt/a.txt", 1, 1, "TST001")]
    assert (result.stderr, result.exit_code) == ("", 1)


@pytest.mark.parametrize("make", ["loop", "long"])
def test_an_unreadable_first_path_is_an_error_not_an_internal_error(project, make):
    path = "x" * 300 + ".txt" if make == "long" else "loop.txt"
    if make == "loop":
        os.symlink("loop.txt", project / path)
    result = CliRunner().invoke(main, ["--jobs", "1", path, "pack.yaml"])
    assert result.exit_code == 2 and "internal error" not in result.output


def subprocess_run(args, cwd, **kwargs):
    return subprocess.run([NEWSLINT, "--jobs", "1", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, **kwargs)


def test_fifos_are_skipped_in_a_tree_and_refused_when_named_without_blocking(project):
    """Nothing ever writes to these FIFOs: opening one the ordinary way would
    block forever (the timeout would fail the test)."""
    tree = project / "tree"
    tree.mkdir()
    (tree / "good.txt").write_text("banana\n")
    for name in ("fifo.txt", "fifo.jsonl", "fifo.warc.gz", "fifo.html"):
        os.mkfifo(tree / name)
    done = subprocess_run(["tree"], project)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines() == ["tree/good.txt:1:1: TST001 banana [test-banana]",
                                        "Found 1 diagnostic in 1 file (0 with a fix, marked [*])."]
    done = subprocess_run(["tree/fifo.txt", "tree/fifo.jsonl", "tree/fifo.warc.gz", "tree/fifo.html"], project)
    assert done.stderr.splitlines() == [f"tree/{name}: error: not a regular file (FIFO, socket or device) skipped"
                                        for name in ("fifo.txt", "fifo.jsonl", "fifo.warc.gz", "fifo.html")]
    assert done.returncode == 2


def test_closed_stdin_is_an_error(project):
    done = subprocess.run(["sh", "-c", f"'{NEWSLINT}' - <&-"], cwd=project, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (2, "-: error: cannot read: standard input is closed\n")


def vanishing_rule(victim: Path) -> Rule:
    """A real rule (Python API) that deletes `victim` while it lints: the
    file vanishes in the middle of the run, between listing and reading."""
    def check(doc, options):
        if victim.exists():
            victim.unlink()
        return iter(())
    return Rule("TST900", "test-vanish", "spacing", check)


def test_a_file_that_vanishes_during_the_run(project):
    (project / "tree").mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (project / "tree" / name).write_text("banana\n")
    rules = select(all_rules([project / "pack.yaml"]), select=["TST"]) + [vanishing_rule(project / "tree" / "b.txt")]
    report = lint_paths(["tree"], rules, Config())
    assert [(d.path, d.code) for d in report.diagnostics] == [("tree/a.txt", "TST001"), ("tree/c.txt", "TST001")]
    assert [(e.path, e.message) for e in report.errors] == [("tree/b.txt", "cannot read: no such file or directory")]


def test_a_file_that_vanishes_before_its_fixes_are_written(project):
    """The fixed text is not written to a file that is gone: no new file
    appears, and no temporary file is left behind."""
    (project / "a.txt").write_text("wiht\n")
    rules = select(all_rules([project / "pack.yaml"]), select=["TST"]) + [vanishing_rule(project / "a.txt")]
    report = lint_paths(["a.txt"], rules, Config(), Options(fix=True))
    assert [(e.path, e.message.split(":")[0]) for e in report.errors] == [("a.txt", "cannot write fixes")]
    assert sorted(p.name for p in project.iterdir()) == [".newslint.yaml", "pack.yaml"]


# -- config and rule packs ------------------------------------------------------------------------
@pytest.mark.parametrize("name, content, message", [
    (".newslint.yaml", "select: [TST\n", "invalid YAML"),
    (".newslint.yaml", "selct: [TST]\n", "unknown key `selct`"),
    (".newslint.yaml", "select: 7\n", "`select` must be a list of strs"),
    (".newslint.yaml", "select: !!python/object/apply:os.system ['touch pwned']\n", "invalid YAML"),
    ("pyproject.toml", "[tool.newslint\n", "invalid TOML"),
    ("pyproject.toml", "[tool.newslint]\nselect = 'TST'\n", "`select` must be a list of strs"),
])
def test_malformed_config_is_an_error_naming_the_file(project, name, content, message):
    os.remove(project / ".newslint.yaml")
    (project / name).write_text(content)
    (project / "a.txt").write_text("banana\n")
    result = CliRunner().invoke(main, ["a.txt"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"newslint: error: {project / name}") and message in result.stderr
    assert "Traceback" not in result.output and not (project / "pwned").exists()


def test_a_config_name_that_is_a_folder_is_an_error_not_ignored(project):
    os.remove(project / ".newslint.yaml")
    (project / ".newslint.yaml").mkdir()
    (project / "a.txt").write_text("banana\n")
    result = CliRunner().invoke(main, ["a.txt"])
    assert (result.exit_code, result.stderr) == (
        2, f"newslint: error: {project / '.newslint.yaml'}: cannot read config: is a directory\n")


@pytest.mark.parametrize("entry, message", [
    ("patterns: ['(unclosed']", "bad pattern '(unclosed': missing ), unterminated subpattern at position 0"),
    ("patterns: !!python/object/apply:os.system ['touch pwned']", "cannot read rule pack"),
])
def test_a_rule_pack_with_a_bad_pattern_or_a_python_tag_is_refused(project, entry, message):
    (project / "pack.yaml").write_text("rules:\n  - code: TST001\n    name: test-bad\n    category: chrome\n"
                                       f"    kind: existence\n    message: m\n    {entry}\n")
    (project / "a.txt").write_text("banana\n")
    result = CliRunner().invoke(main, ["a.txt"])
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output and not (project / "pwned").exists()


def test_a_catastrophic_user_pattern_cannot_hang_the_run(project):
    """User packs run on RE2 (linear time), so `(a+)+$` finishes at once."""
    (project / "pack.yaml").write_text("rules:\n  - code: TST001\n    name: test-redos\n    category: chrome\n"
                                       "    kind: existence\n    message: m\n    patterns: ['(a+)+$']\n")
    (project / "a.txt").write_text("a" * 100_000 + "!\n")
    try:
        done = subprocess.run([NEWSLINT, "a.txt"], cwd=project, capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("the pattern ran for more than 10 seconds on a 100 kB line")
    assert done.returncode in (0, 1) or "(a+)+$" in done.stderr


# -- everything at once, in a real process ---------------------------------------------------------
def bad_tree(root: Path) -> None:
    """One folder holding every kind of bad input next to good files."""
    root.mkdir()
    files = {
        "good.txt": b"one banana\nwiht care\n",
        "empty.txt": b"",
        "binary.txt": b"\x00\x01banana",
        "invalid.txt": b"caf\xc3\xa9 \xff wiht\n",
        "latin.txt": "Le café était fermé, “banana” wiht les élèves.\n".encode("cp1252"),
        "utf16.txt": "\ufeffwiht a banana\r\n".encode("utf-16-be"),
        "crlf.txt": b"wiht\r\nbanana\r",
        "noise.txt": noise(),
        "deep.html": f"<html><body>{'<div>' * 100_000}<p>{ARTICLE}</p>{'</div>' * 100_000}".encode(),
        "page.html": page("A banana."),
        "records.jsonl": jsonl({"text": "banana"}, b"{oops", {"body": "x"}, b"[" * 50_000),
        "cut.jsonl.gz": gzip.compress(jsonl(*({"text": f"banana {n}"} for n in range(3000))))[:5000],
        "crawl.warc.gz": warc([("https://e.org/a", "text/html", page("A banana."))])[:-50],
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    os.mkfifo(root / "fifo.txt")
    os.symlink("loop.txt", root / "loop.txt")
    os.symlink("gone.txt", root / "dangling.txt")
    os.symlink(".", root / "self")


def snapshot(root: Path) -> dict[str, tuple]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns) if p.is_file() and not p.is_symlink()
            else (os.readlink(p) if p.is_symlink() else p.is_dir(),)
            for p in sorted(root.rglob("*")) if not p.is_fifo()}


def test_the_whole_matrix_in_one_process_run(project):
    bad_tree(project / "tree")
    before = snapshot(project / "tree")
    done = subprocess_run(["--format", "json", "tree"], project)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert snapshot(project / "tree") == before
    assert done.returncode == 2
    errors = {line.split(": ")[0] for line in done.stderr.splitlines() if ": error: " in line}
    notes = {line.split(": ")[0] for line in done.stderr.splitlines() if ": note: " in line}
    assert errors == {"tree/noise.txt", "tree/deep.html", "tree/cut.jsonl.gz",
                      "tree/crawl.warc.gz", "tree/loop.txt", "tree/dangling.txt"}
    # Unreadable records are diagnostics (INP001), not errors on stderr.
    assert [r["line"] for r in json.loads(done.stdout) if r["code"] == "INP001"] == [2, 3, 4]
    assert notes == {"tree/binary.txt", "tree/invalid.txt", "tree/latin.txt", "tree/utf16.txt"}
    linted = {r["path"] for r in json.loads(done.stdout)}
    assert linted == {"tree/good.txt", "tree/invalid.txt", "tree/latin.txt", "tree/utf16.txt", "tree/crlf.txt",
                      "tree/page.html", "tree/records.jsonl", "tree/cut.jsonl.gz"}


def test_fix_over_the_whole_matrix_changes_only_what_it_can_fix_exactly(project):
    bad_tree(project / "tree")
    before = snapshot(project / "tree")
    done = subprocess_run(["--fix", "tree"], project)
    assert "Traceback" not in done.stderr and done.returncode == 2
    after = snapshot(project / "tree")
    changed = {name for name in before if after[name] != before[name]}
    assert changed == {"good.txt", "latin.txt", "utf16.txt", "crlf.txt"}
    assert after["utf16.txt"][0] == "\ufeffwith a banana\r\n".encode("utf-16-be")
    assert after["crlf.txt"][0] == b"with\r\nbanana\r"


def test_an_unwritable_output_file_is_an_error_not_a_traceback(project):
    (project / "a.txt").write_text("banana\n")
    done = subprocess_run(["-o", "missing/out.txt", "a.txt"], project)
    assert done.returncode == 2 and "Traceback" not in done.stderr
