"""`--format sarif`: valid SARIF 2.1.0 that GitHub code scanning accepts.

Every test runs the real command line on real files: a tiny project with its
own rule pack, and the seeds. The output is validated against the OASIS
schema (tests/data, draft-04) and then checked for what GitHub needs beyond it.
"""
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import ROOT, SEEDS
from newslint import __version__
from newslint.cli import main
from newslint.registry import all_rules, find_rule

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
INFORMATION_URI = "https://github.com/newslint/newslint"

PACK = r"""
rules:
  - code: TST001
    name: test-banana
    category: structure
    kind: existence
    message: "Banana in the text"
    phrases: ["banana"]
    doc: {what: Flags bananas., why: Test., example: banana}
  - code: TST002
    name: test-cherry
    category: consistency
    kind: substitution
    severity: error
    message: "Write {term} for {match}"
    swap: {cherry: cherries}
  - code: TST003
    name: test-apple-pie
    category: spacing
    kind: existence
    severity: info
    message: "Apple pie across lines"
    phrases: ["apple pie"]
  - code: TST004
    name: test-widget
    category: chrome
    kind: line
    message: "Widget line"
    phrases: ["Widget"]
  - code: TST005
    name: test-discount
    category: structure
    kind: existence
    message: "50% off\r\nsecond line"
    phrases: ["discount"]
"""
# (ruleId, level, start line, start column, end line, end column) of SAMPLE.
SAMPLE = "One banana\nTwo cherry banana\nApple\nPie\nWidget\n"
SAMPLE_RESULTS = [
    ("TST001", "warning", 1, 5, 1, 11),
    ("TST002", "error", 2, 5, 2, 11),
    ("TST001", "warning", 2, 12, 2, 18),
    ("TST003", "note", 3, 1, 4, 4),  # spans a line break
    ("TST004", "warning", 5, 1, 5, 7),
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with its own rule pack, selected alone, and docs/b.txt."""
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "test.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("rule-paths: [packs]\nselect: [TST]\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "b.txt").write_text(SAMPLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args, stdin=None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def sarif(*args, stdin=None) -> dict:
    result = invoke("--format", "sarif", *args, stdin=stdin)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def schema_errors(log: dict) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}"
            for error in jsonschema.Draft4Validator(SCHEMA).iter_errors(log)]


def git_toplevel(cwd: Path) -> Path | None:
    done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=cwd, capture_output=True, text=True)
    return Path(done.stdout.strip()) if done.returncode == 0 else None


def region_tuple(result: dict) -> tuple:
    region = result["locations"][0]["physicalLocation"]["region"]
    return (result["ruleId"], result["level"], region["startLine"], region["startColumn"],
            region["endLine"], region["endColumn"])


def hashes(log: dict) -> list[str]:
    return [r["partialFingerprints"]["primaryLocationLineHash"] for r in log["runs"][0]["results"]]


# -- the log and the run ------------------------------------------------------------
def test_output_validates_against_the_sarif_2_1_0_schema(project):
    assert schema_errors(sarif("docs")) == []


def test_the_schema_check_can_fail(project):
    """The validator really rejects a broken log, so the test above means something."""
    log = sarif("docs")
    del log["runs"][0]["results"][0]["message"]
    log["runs"][0]["results"][1]["level"] = "fatal"
    assert len(schema_errors(log)) == 2


def test_log_tool_and_run_properties(project):
    log = sarif("docs")
    assert (log["$schema"], log["version"]) == ("https://json.schemastore.org/sarif-2.1.0.json", "2.1.0")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == (
        "newslint", __version__, INFORMATION_URI)
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["automationDetails"]["id"].startswith("newslint/")
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": project.resolve().as_uri() + "/"}}
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


# -- results --------------------------------------------------------------------------
def test_results_levels_and_regions_with_exclusive_end_columns(project):
    results = sarif("docs")["runs"][0]["results"]
    assert [region_tuple(r) for r in results] == SAMPLE_RESULTS
    # endColumn is exclusive: the region covers exactly the flagged text.
    assert SAMPLE.splitlines()[0][5 - 1:11 - 1] == "banana"


def test_each_result_has_one_location_under_srcroot_and_a_standalone_message(project):
    results = sarif("docs")["runs"][0]["results"]
    for result in results:
        (location,) = result["locations"]
        assert location["physicalLocation"]["artifactLocation"] == {"uri": "docs/b.txt", "uriBaseId": "%SRCROOT%"}
        assert result["message"]["text"].endswith(".")
    assert [r["message"]["text"] for r in results[:2]] == ["Banana in the text.", "Write cherries for cherry."]


def test_rules_cover_every_result_and_rule_index_points_at_the_rule(project):
    run = sarif("docs")["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["TST001", "TST002", "TST003", "TST004"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    expected = {"TST001": ("test-banana", "warning", "structure"), "TST002": ("test-cherry", "error", "consistency"),
                "TST003": ("test-apple-pie", "note", "spacing"), "TST004": ("test-widget", "warning", "chrome")}
    for rule in rules:
        name, level, category = expected[rule["id"]]
        assert rule["name"] == name
        assert rule["defaultConfiguration"] == {"level": level}
        assert category in rule["properties"]["tags"]
        assert rule["helpUri"] == f"{INFORMATION_URI}/blob/main/docs/rules.md#{rule['id'].lower()}"
        for text in (rule["shortDescription"]["text"], rule["fullDescription"]["text"],
                     rule["help"]["text"], rule["help"]["markdown"]):
            assert text.strip()


def test_rules_from_project_packs_carry_their_own_docs(project):
    """The project's own packs (`rule-paths`) are documented like built-in rules;
    an entry without `doc` points at --explain."""
    rules = sarif("docs")["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["shortDescription"]["text"] == "Flags bananas."
    assert rules[1]["shortDescription"]["text"] == (
        "test-cherry (consistency). Run `newslint --explain TST002` for its settings.")


def test_a_rule_without_results_is_not_described(project):
    rules = sarif("--select", "TST002", "docs")["runs"][0]["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["TST002"]


def test_no_diagnostics_is_still_a_valid_log(project):
    (project / "docs" / "b.txt").write_text("nothing to see\n")
    log = sarif("docs")
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []
    assert schema_errors(log) == []


# -- fixes ----------------------------------------------------------------------------
def test_fixes_are_artifact_changes_with_replacements(project):
    results = sarif("docs")["runs"][0]["results"]
    location = {"uri": "docs/b.txt", "uriBaseId": "%SRCROOT%"}
    assert results[1]["fixes"] == [{
        "description": {"text": "Write `cherries`."},
        "artifactChanges": [{"artifactLocation": location, "replacements": [{
            "deletedRegion": {"startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 11},
            "insertedContent": {"text": "cherries"}}]}],
        "properties": {"applicability": "safe"}}]
    # The widget line is removed with its line break: up to column 1 of the next line.
    (change,) = results[4]["fixes"][0]["artifactChanges"]
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 5, "startColumn": 1, "endLine": 6, "endColumn": 1},
        "insertedContent": {"text": ""}}]
    assert results[4]["fixes"][0]["properties"] == {"applicability": "unsafe"}
    assert "fixes" not in results[0]


# -- paths ----------------------------------------------------------------------------
def test_paths_are_relative_to_the_current_directory_outside_git(project, monkeypatch):
    assert git_toplevel(project) is None
    monkeypatch.chdir(project / "docs")
    run = sarif("b.txt")["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.txt"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (project / "docs").resolve().as_uri() + "/"


def test_paths_are_relative_to_the_git_top_level_from_any_folder(project, monkeypatch):
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    monkeypatch.chdir(project / "docs")
    assert git_toplevel(Path.cwd()) == project.resolve()
    run = sarif("b.txt")["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "docs/b.txt", "uriBaseId": "%SRCROOT%"}
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert urlparse(base).scheme == "file" and base.endswith("/")
    assert Path(unquote(urlparse(base).path)) == project.resolve()


def test_uris_are_percent_encoded(project):
    (project / "docs" / "odd:name, v2.txt").write_text("banana\n")
    results = sarif("docs/odd:name, v2.txt")["runs"][0]["results"]
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "docs/odd%3Aname%2C%20v2.txt"
    assert urlparse(uri).scheme == "" and unquote(uri) == "docs/odd:name, v2.txt"


# -- fingerprints ---------------------------------------------------------------------
def test_fingerprints_survive_lines_added_above(project):
    before = sarif("docs")["runs"][0]["results"]
    (project / "docs" / "b.txt").write_text("A new first line.\n\nAnd another.\n" + SAMPLE)
    after = sarif("docs")["runs"][0]["results"]
    assert [r["ruleId"] for r in after] == [r["ruleId"] for r in before]
    for old, new in zip(before, after):
        assert new["partialFingerprints"] == old["partialFingerprints"]
        assert new["locations"][0]["physicalLocation"]["region"]["startLine"] == \
            old["locations"][0]["physicalLocation"]["region"]["startLine"] + 3


def test_fingerprints_change_with_the_flagged_line_and_count_identical_lines(project):
    (project / "docs" / "b.txt").write_text("banana\nbanana\nbanana  split\n")
    first, second, third = hashes(sarif("docs"))
    assert re.fullmatch(r"[0-9a-f]{16}:1", first)
    assert second == first[:-1] + "2"  # the same line again: same hash, next number
    assert third.split(":")[0] != first.split(":")[0]
    (project / "docs" / "b.txt").write_text("banana\nbanana\nbanana split\n")
    assert hashes(sarif("docs"))[2] == third  # whitespace is normalised


def test_fingerprints_depend_on_the_rule(project):
    (project / "docs" / "b.txt").write_text("cherry banana\n")
    cherry, banana = hashes(sarif("docs"))
    assert cherry.split(":")[0] != banana.split(":")[0]


def test_jsonl_records_hash_record_and_message_and_keep_the_record_id(project):
    """A record's line is the whole JSON record: its id and the message are
    hashed instead, so neither a record inserted above nor an edit elsewhere
    in the record changes the fingerprints."""
    records = ['{"id": "a1", "text": "One banana\\nTwo banana"}', '{"id": "a2", "text": "A banana"}']
    (project / "docs" / "c.jsonl").write_text("\n".join(records) + "\n")
    before = sarif("docs/c.jsonl")
    records[0] = records[0].replace("Two banana", "Two banana\\nA new last line.")
    (project / "docs" / "c.jsonl").write_text("\n".join(['{"id": "a0", "text": "Clean."}', *records]) + "\n")
    after = sarif("docs/c.jsonl")
    assert hashes(after) == hashes(before) and len(set(hashes(after))) == 3
    results = after["runs"][0]["results"]
    assert [(r["properties"]["record"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in results] == [("a1", 2), ("a1", 2), ("a2", 3)]
    assert schema_errors(after) == []


def test_stdin_has_no_file_to_read_so_the_message_is_hashed(project):
    first = sarif("-", stdin="banana\n")
    moved = sarif("-", stdin="Something else entirely.\n\nbanana\n")
    assert hashes(first) == hashes(moved)
    location = moved["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert (location["artifactLocation"], location["region"]["startLine"]) == ({"uri": "-"}, 3)
    assert schema_errors(moved) == []


# -- limits and errors ----------------------------------------------------------------
def test_more_than_25000_results_are_cut_to_the_most_severe_with_a_warning(project):
    # 25,010 warnings, then one error at the very end.
    (project / "docs" / "b.txt").write_text(("banana " * 10 + "\n") * 2501 + "cherry\n")
    result = invoke("--format", "sarif", "docs")
    run = json.loads(result.stdout)["runs"][0]
    assert len(run["results"]) == 25_000
    assert run["results"][-1]["ruleId"] == "TST002"  # the error is kept, in report order
    assert run["results"][-2]["locations"][0]["physicalLocation"]["region"]["startLine"] == 2500
    warning = "newslint: warning: 25,011 results are more than the 25,000 GitHub code scanning accepts"
    assert warning in result.stderr
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning" and "leaves out 11" in note["message"]["text"]


def test_exactly_25000_results_are_all_kept_without_a_warning(project):
    (project / "docs" / "b.txt").write_text(("banana " * 10 + "\n") * 2500)
    result = invoke("--format", "sarif", "docs")
    assert len(json.loads(result.stdout)["runs"][0]["results"]) == 25_000
    assert result.stderr == ""


def test_files_that_cannot_be_linted_are_tool_notifications(project):
    result = invoke("--format", "sarif", "missing.txt", "docs")
    assert result.exit_code == 2
    log = json.loads(result.stdout)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": "missing.txt: no such file or directory"}}]
    assert len(log["runs"][0]["results"]) == len(SAMPLE_RESULTS)
    assert schema_errors(log) == []


# -- the seeds, with the built-in rules ----------------------------------------------
def test_seeds_in_a_real_process():
    command = [sys.executable, "-m", "newslint", "--format"]
    done = subprocess.run(command + ["sarif", "seeds"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    # 2 as well: a rule that crashes on a seed is reported, and the log stays valid.
    assert done.returncode in (1, 2), done.stderr
    log = json.loads(done.stdout)
    assert schema_errors(log) == []
    records = json.loads(subprocess.run(command + ["json", "seeds"], cwd=ROOT, capture_output=True,
                                        text=True, timeout=120).stdout)
    run = log["runs"][0]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]] \
        == [(r["code"], r["line"]) for r in records]
    seeds = {f"seeds/{path.name}" for path in SEEDS.glob("*.txt")}
    top = git_toplevel(ROOT)
    for result in run["results"]:
        assert result["message"]["text"].endswith((".", "!", "?"))
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        if top == ROOT:  # a git checkout: paths from the repository root
            assert location["uriBaseId"] == "%SRCROOT%" and location["uri"] in seeds
    fingerprints = hashes(log)
    assert len(set(fingerprints)) == len(fingerprints)
    registry = all_rules()
    for rule in run["tool"]["driver"]["rules"]:
        found = find_rule(registry, rule["id"])
        assert rule["name"] == found.name
        assert rule["shortDescription"]["text"] == found.summary
        assert rule["help"]["markdown"] == found.doc
        assert found.category in rule["properties"]["tags"]


def test_seeds_paths_do_not_depend_on_the_working_folder():
    if git_toplevel(ROOT) != ROOT:
        pytest.skip("not a git checkout: paths are then relative to the working folder")
    outputs = [subprocess.run([sys.executable, "-m", "newslint", "--format", "sarif", path], cwd=cwd,
                              capture_output=True, text=True, timeout=120).stdout
               for cwd, path in ((ROOT, "seeds"), (SEEDS, "."))]
    assert outputs[0] == outputs[1]


# -- duplicates: the original as a related location ---------------------------------------
LEAD = "Russia on Friday dismissed any immediate possibility of a meeting between the two presidents."
SECOND = "Russian Foreign Minister Sergei Lavrov told NBC that no meeting between the leaders was planned."
ARTICLE = " ".join(f"The council met on day {n} and agreed [{n}] a budget for the harbour works." for n in range(5))


def test_duplicates_link_their_original_as_a_related_location(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(f"Title\n{LEAD}\n{SECOND}\nShare\n{LEAD}\n{SECOND}\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "r[1]", "text": ARTICLE}) + "\n"
                                      + json.dumps({"id": "r2", "text": ARTICLE}) + "\n", encoding="utf-8")
    log = sarif("--no-cache", "--select", "DUP", "a.txt", "c.jsonl")
    assert schema_errors(log) == []
    within, across = log["runs"][0]["results"]
    assert within["message"]["text"] == "This block duplicates lines 2-3. See [the original](1)."
    assert within["relatedLocations"] == [{
        "id": 1, "message": {"text": "The original, in a.txt."},
        "physicalLocation": {"artifactLocation": {"uri": "a.txt", "uriBaseId": "%SRCROOT%"},
                             "region": {"startLine": 2, "startColumn": 1, "endLine": 3,
                                        "endColumn": len(SECOND) + 1}}}]
    # Brackets of the message (the record id) are escaped: only the link is one.
    assert across["message"]["text"] == r"Exact duplicate of c.jsonl record r\[1\]. See [the original](1)."
    (related,) = across["relatedLocations"]
    column = len('{"id": "r[1]", "text": "') + 1
    assert related["physicalLocation"]["region"] == {"startLine": 1, "startColumn": column, "endLine": 1,
                                                     "endColumn": column + len(ARTICLE)}
    assert related["message"] == {"text": "The original, in c.jsonl record r[1]."}
    assert related["properties"] == {"record": "r[1]", "text_line": 1, "text_column": 1, "text_end_line": 1,
                                     "text_end_column": len(ARTICLE) + 1}
    assert across["properties"]["record"] == "r2"
    # Every link of a message names a related location.
    for result in (within, across):
        links = re.findall(r"(?<!\\)\[[^\]]*\]\((\d+)\)", result["message"]["text"])
        assert [int(link) for link in links] == [location["id"] for location in result["relatedLocations"]]
