"""`--format github` (workflow commands) and `--format gitlab` (Code Quality),
run through the real command line on the test project of test_sarif.py and on
the seeds."""
import json
import re
import subprocess
import sys

from conftest import ROOT, SEEDS
from newslint.annotations import escape_data, escape_property
from test_sarif import SAMPLE, git_toplevel, invoke, project  # noqa: F401 (project is a fixture)

# A workflow command with every property value escaped.
COMMAND = re.compile(r"::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::[^\r\n]*")


def github(*args, stdin=None) -> list[str]:
    result = invoke("--format", "github", *args, stdin=stdin)
    assert result.stdout.endswith("\n") or result.stdout == ""
    return result.stdout.splitlines()


def gitlab(*args, stdin=None) -> list[dict]:
    return json.loads(invoke("--format", "gitlab", *args, stdin=stdin).stdout)


def fingerprints(issues: list[dict]) -> list[str]:
    return [issue["fingerprint"] for issue in issues]


# -- GitHub workflow commands -------------------------------------------------------
def test_github_annotations_level_position_and_title(project):
    assert github("docs") == [
        "::warning file=docs/b.txt,line=1,endLine=1,col=5,endColumn=11,title=TST001 test-banana::Banana in the text",
        "::error file=docs/b.txt,line=2,endLine=2,col=5,endColumn=11,title=TST002 test-cherry::"
        "Write cherries for cherry",
        "::warning file=docs/b.txt,line=2,endLine=2,col=12,endColumn=18,title=TST001 test-banana::Banana in the text",
        # Spans two lines: GitHub takes no columns then.
        "::notice file=docs/b.txt,line=3,endLine=4,title=TST003 test-apple-pie::Apple pie across lines",
        "::warning file=docs/b.txt,line=5,endLine=5,col=1,endColumn=7,title=TST004 test-widget::Widget line",
    ]


def test_github_escapes_message_and_property_values(project):
    (project / "docs" / "odd:name, v2.txt").write_text("A discount\n")
    assert github("docs/odd:name, v2.txt") == [
        "::warning file=docs/odd%3Aname%2C v2.txt,line=1,endLine=1,col=3,endColumn=11,"
        "title=TST005 test-discount::50%25 off%0D%0Asecond line"]


def test_escaping_replaces_percent_first():
    """`%` goes first, so a literal `%0A` is not read back as a line break."""
    assert escape_data("100% a\r\nb %0A c:d,e") == "100%25 a%0D%0Ab %250A c:d,e"
    assert escape_property("100% a\r\nb %0A c:d,e") == "100%25 a%0D%0Ab %250A c%3Ad%2Ce"


def test_github_paths_are_relative_to_the_git_top_level(project, monkeypatch):
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    monkeypatch.chdir(project / "docs")
    assert github("b.txt")[0].startswith("::warning file=docs/b.txt,line=1,")


def test_github_stdin_has_no_file(project):
    assert github("-", stdin="A banana\n") == [
        "::warning line=1,endLine=1,col=3,endColumn=9,title=TST001 test-banana::Banana in the text"]


def test_github_reports_files_that_cannot_be_linted(project):
    result = invoke("--format", "github", "missing.txt", "docs")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 6 and lines[-1] == "::error file=missing.txt,title=newslint::no such file or directory"


def test_github_prints_nothing_without_diagnostics(project):
    (project / "docs" / "b.txt").write_text("Nothing to see.\n")
    assert github("docs") == []


# -- GitLab Code Quality --------------------------------------------------------------
def test_gitlab_issues(project):
    issues = gitlab("docs")
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("TST001", "minor", {"path": "docs/b.txt", "lines": {"begin": 1, "end": 1}}),
        ("TST002", "major", {"path": "docs/b.txt", "lines": {"begin": 2, "end": 2}}),
        ("TST001", "minor", {"path": "docs/b.txt", "lines": {"begin": 2, "end": 2}}),
        ("TST003", "info", {"path": "docs/b.txt", "lines": {"begin": 3, "end": 4}}),
        ("TST004", "minor", {"path": "docs/b.txt", "lines": {"begin": 5, "end": 5}}),
    ]
    assert issues[1]["description"] == "TST002 (test-cherry): Write cherries for cherry"
    assert all(set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
               for issue in issues)


def test_gitlab_fingerprints_are_unique_and_survive_lines_added_above(project):
    before = gitlab("docs")
    assert len(set(fingerprints(before))) == len(before)
    (project / "docs" / "b.txt").write_text("A new first line.\n\nAnd another.\n" + SAMPLE)
    after = gitlab("docs")
    assert fingerprints(after) == fingerprints(before)
    assert [i["location"]["lines"]["begin"] for i in after] == [i["location"]["lines"]["begin"] + 3 for i in before]


def test_gitlab_fingerprints_differ_between_files_and_identical_lines(project):
    (project / "docs" / "c.txt").write_text(SAMPLE)
    (project / "docs" / "d.txt").write_text("A banana\nA banana\n")
    issues = gitlab("docs")
    assert len(issues) == 12 and len(set(fingerprints(issues))) == 12


def test_gitlab_fingerprint_changes_with_the_line(project):
    first = fingerprints(gitlab("docs"))
    (project / "docs" / "b.txt").write_text(SAMPLE.replace("One banana", "One ripe banana"))
    second = fingerprints(gitlab("docs"))
    assert second[0] != first[0] and second[1:] == first[1:]


def test_gitlab_without_diagnostics_is_an_empty_array(project):
    (project / "docs" / "b.txt").write_text("Nothing to see.\n")
    assert gitlab("docs") == []


# -- the seeds, with the built-in rules ----------------------------------------------
def test_seeds_in_a_real_process():
    def run(fmt: str) -> str:
        return subprocess.run([sys.executable, "-m", "newslint", "--format", fmt, "seeds"], cwd=ROOT,
                              capture_output=True, text=True, timeout=120).stdout

    records = json.loads(run("json"))
    lines = run("github").splitlines()
    issues = json.loads(run("gitlab"))
    # After the diagnostics, GitHub gets an ::error line per file a rule crashed on, if any.
    lines, crashes = lines[:len(records)], lines[len(records):]
    assert all(crash.startswith("::error file=seeds/") and ",title=newslint::" in crash for crash in crashes)
    assert len(records) == len(lines) == len(issues) > 0
    in_git = git_toplevel(ROOT) == ROOT
    seeds = {f"seeds/{path.name}" for path in SEEDS.glob("*.txt")}
    for record, line, issue in zip(records, lines, issues):
        assert COMMAND.fullmatch(line), line
        assert f",line={record['line']},endLine={record['end_line']}," in line
        assert issue["check_name"] == record["code"]
        assert issue["location"]["lines"] == {"begin": record["line"], "end": record["end_line"]}
        if in_git:
            assert issue["location"]["path"] in seeds and f"file={issue['location']['path']}," in line
    assert len(set(fingerprints(issues))) == len(issues)
