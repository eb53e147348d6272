#!/usr/bin/env python3
"""Start-up cost: what pre-commit pays to lint one small file.

Measures, from the repository root and interleaved so that machine load hits
both alike, the median wall time of `--runs` (default 10) runs of

* `newslint --no-cache seeds/004_26a94c212618fc95.txt` (without `--no-cache`
  if this newslint does not have it yet, which is then said), and
* `python -c "import click"` with the same interpreter,

and prints the difference. Target: newslint takes at most 0.3 s more.

The runs may write .pyc files (as an installed package has them), even when
PYTHONDONTWRITEBYTECODE is set. Then where the time goes:
* the phases of one run inside a fresh interpreter (import of the CLI,
  finding and loading the rules, linting the file, the report), median of
  `--runs`;
* `python -X importtime -m newslint --version`: the costliest imports, by
  cumulative and by own time; and the imports that only the lint itself adds
  (`-X importtime` of the real run, less those of `--version`).

usage: python benchmarks/startup.py [--runs 10] [--top 15] [--file PATH]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = "seeds/004_26a94c212618fc95.txt"
TARGET_SECONDS = 0.3
# An installed package has its .pyc files; without them every run would
# compile newslint's sources again. So the runs may write bytecode (into the
# git-ignored __pycache__ folders) even where the environment forbids it.
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

# One run of the CLI's work, phase by phase, in a fresh interpreter; prints
# {phase: seconds} as JSON.
PHASES = """
import json, sys, time
clock = time.perf_counter
marks = [("start", clock())]
from newslint import cli
from newslint.config import discover
from newslint.registry import all_rules, select
from newslint.reporters import REPORTERS
from newslint.runner import Options, lint_paths
from pathlib import Path
marks.append(("import newslint.cli (click, engine modules)", clock()))
config = discover(Path(sys.argv[1]))
marks.append(("config discovery", clock()))
rules = all_rules(config.rule_paths)
marks.append(("all_rules(): import rule modules, load YAML packs", clock()))
chosen = select(rules, select=config.select, extend_select=config.extend_select, ignore=config.ignore)
report = lint_paths([sys.argv[1]], chosen, config, Options(jobs=1))
marks.append(("lint the file (lazy data, langdetect...)", clock()))
REPORTERS["text"](report)
marks.append(("text report", clock()))
print(json.dumps({name: end - start for (_, start), (name, end) in zip(marks, marks[1:])}))
"""


def newslint_command() -> list[str]:
    script = Path(sys.executable).with_name("newslint")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newslint"]


def has_no_cache() -> bool:
    helptext = subprocess.run(newslint_command() + ["--help"], capture_output=True, text=True, cwd=ROOT,
                              env=ENV).stdout
    return "--no-cache" in helptext


def wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited with {completed.returncode}: {completed.stderr.decode()}")
    return elapsed


def import_times(arguments: list[str]) -> dict[str, tuple[int, int, int]]:
    """module -> (own µs, cumulative µs, nesting depth) from `-X importtime`."""
    completed = subprocess.run([sys.executable, "-X", "importtime", "-m", "newslint", *arguments],
                               cwd=ROOT, capture_output=True, text=True, env=ENV)
    times = {}
    for line in completed.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:"):].split("|")
        depth = (len(name) - len(name.lstrip())) // 2
        times[name.strip()] = (int(own), int(cumulative), depth)
    return times


def print_imports(times: dict[str, tuple[int, int, int]], top: int) -> None:
    total = sum(own for own, _, _ in times.values())
    print(f"{len(times)} modules imported, {total / 1e6:.3f} s of import time in all")
    by_cumulative = sorted(times.items(), key=lambda item: -item[1][1])[:top]
    by_own = sorted(times.items(), key=lambda item: -item[1][0])[:top]
    print(f"  {'by cumulative time':52} {'cumul. ms':>9}    {'by own time':40} {'own ms':>7}")
    for (name, (_, cumulative, _)), (own_name, (own, _, _)) in zip(by_cumulative, by_own):
        print(f"  {name:52} {cumulative / 1000:9.1f}    {own_name:40} {own / 1000:7.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--top", type=int, default=15, help="imports to list")
    parser.add_argument("--file", default=DEFAULT_FILE, help="the file to lint, relative to the repo root")
    args = parser.parse_args()

    no_cache = has_no_cache()
    lint = newslint_command() + (["--no-cache"] if no_cache else []) + [args.file]
    click = [sys.executable, "-c", "import click"]
    print(f"{os.cpu_count()} cores; {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    if not no_cache:
        print("note: this newslint has no --no-cache option; measured without it")
    if "PYTHONDONTWRITEBYTECODE" in os.environ:
        print("note: PYTHONDONTWRITEBYTECODE is set here; it is unset for the runs, so that .pyc files exist "
              "as in an installed package")
    wall_time(lint)  # warm the file system cache and the .pyc files
    times: dict[str, list[float]] = {"newslint": [], "click": []}
    for _ in range(args.runs):
        times["newslint"].append(wall_time(lint))
        times["click"].append(wall_time(click))
    newslint, baseline = statistics.median(times["newslint"]), statistics.median(times["click"])
    print(f"\n== Wall time, median of {args.runs} (from {ROOT}) ==")
    print(f"{' '.join(['newslint'] + lint[1:]):60} {newslint:6.3f} s   (min {min(times['newslint']):.3f})")
    print(f"{' '.join(['python'] + click[1:]):60} {baseline:6.3f} s   (min {min(times['click']):.3f})")
    difference = newslint - baseline
    verdict = "MET" if difference <= TARGET_SECONDS else "MISS"
    print(f"{verdict}  newslint - import click = {difference:.3f} s (target <= {TARGET_SECONDS} s)")

    phases = [json.loads(subprocess.run([sys.executable, "-c", PHASES, args.file], cwd=ROOT, check=True,
                                        capture_output=True, text=True, env=ENV).stdout) for _ in range(args.runs)]
    print(f"\n== Phases of one run in a fresh interpreter, median of {args.runs} ==")
    for name in phases[0]:
        print(f"  {name:55} {statistics.median(p[name] for p in phases):6.3f} s")
    print(f"  {'(interpreter start-up itself: see import click above)':55}")

    print("\n== python -X importtime -m newslint --version ==")
    version = import_times(["--version"])
    print_imports(version, args.top)
    print(f"\n== imports that linting {args.file} adds to --version ==")
    lint_arguments = (["--no-cache"] if no_cache else []) + [args.file]
    print_imports({name: t for name, t in import_times(lint_arguments).items() if name not in version}, args.top)
    print(f"\n{subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
