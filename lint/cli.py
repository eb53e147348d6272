"""The `newslint` command line."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .config import Config, ConfigError, discover, load
from .packs import PackError
from .registry import SelectionError, all_rules, find_rule, select
from .reporters import REPORTERS, statistics
from .rule import Rule
from .runner import Options, lint_paths
from .sources import FORMATS

EPILOG = """\b
Examples:
  newslint seeds/                      lint every .txt and .md file under seeds/
  newslint --select chrome,DUP seeds/  only chrome rules and DUP* codes
  newslint --ignore CAS002 a.txt       everything but one rule
  newslint --format json - < a.txt     lint stdin, print JSON
  newslint --list-rules                every rule with its code and category
  newslint --explain CHR101            what a rule does, why, and an example
  newslint --fix corpus/               apply safe fixes in place
  newslint --fix --unsafe-fixes a.txt  also remove chrome lines and near-duplicates

\b
Exit status: 0 no diagnostics, 1 diagnostics found, 2 usage, config or I/O error.
Config: [tool.newslint] in pyproject.toml, or .newslint.yaml, found upward from
the first PATH; --config FILE overrides it.
"""


def _selectors(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _fail(message: str) -> None:
    click.echo(f"newslint: error: {message}", err=True)
    sys.exit(2)


def _list_rules(rules: list[Rule]) -> str:
    rows = [("CODE", "NAME", "CATEGORY", "DEFAULT", "FIX")]
    notes = []
    for item in rules:
        rows.append((item.code, item.name, item.category, "on" if item.default else "off", item.fix or "-"))
        if not item.default:
            notes.append(f"  {item.code}: off by default because {item.opt_in_reason}")
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    table = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(table + (["", "Opt-in rules:"] + notes if notes else [])) + "\n"


def _explain(found: Rule) -> str:
    header = f"{found.code} ({found.name})\n\nCategory: {found.category}. Severity: {found.severity.value}. " \
             f"{'On' if found.default else 'Off'} by default. Fix: {found.fix or 'none'}."
    options = "".join(f"\n  {key} = {value!r}" for key, value in found.options.items())
    body = found.doc or "(this rule has no documentation)"
    return f"{header}\n\n{body}\n" + (f"\nOptions:{options}\n" if options else "")


def _config(config_file: str | None, paths: tuple[str, ...]) -> Config:
    if config_file:
        return load(Path(config_file))
    first = next((p for p in paths if p != "-"), ".")
    return discover(Path(first))


def _check_rule_options(config: Config, rules: list[Rule]) -> None:
    for key, options in config.rule_options.items():
        found = find_rule(rules, key)
        if found is None:
            raise ConfigError(f"{config.source}: rule-options names unknown rule `{key}`")
        for option in options:
            if option not in found.options:
                known = ", ".join(found.options) or "none"
                raise ConfigError(f"{config.source}: rule {found.code} has no option `{option}` "
                                  f"(its options: {known})")


@click.command(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EPILOG)
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of stdout.")
@click.option("--select", "select_rules", multiple=True, metavar="RULES",
              help="Use only these rules: codes, code prefixes or categories, comma-separated.")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Add rules to the selection.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Leave these rules out.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Read config from this file (pyproject.toml or .newslint.yaml).")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place (for `-`, print the fixed text).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix, also apply unsafe fixes (e.g. remove chrome lines).")
@click.option("--input-format", type=click.Choice(sorted(set(FORMATS.values()))),
              help="Read every file as this format instead of guessing from its extension.")
@click.option("--stdin-filename", metavar="PATH", help="The path reported for `-`; its extension picks the format.")
@click.option("--text-field", metavar="FIELD", help="JSONL: the field holding the text [default: text].")
@click.option("--id-field", metavar="FIELD", help="JSONL: the field holding the record id [default: id].")
@click.option("--statistics", "show_statistics", is_flag=True, help="Print counts per rule instead.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when diagnostics are found.")
@click.option("--list-rules", is_flag=True, help="List every rule and exit.")
@click.option("--explain", metavar="CODE", help="Print a rule's documentation and exit.")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks for internal errors.")
@click.version_option(__version__, prog_name="newslint")
def main(paths, output_format, output_file, select_rules, extend_select, ignore, config_file,
         fix, unsafe_fixes, input_format, stdin_filename, text_field, id_field, show_statistics, exit_zero, list_rules, explain, verbose) -> None:
    """Lint scraped news text for scrape noise: duplicated bodies, site chrome,
    casing errors, orphaned prompts, truncation and more.

    PATHS are files or directories; `-` reads stdin. Directories are walked
    for .txt and .md (text), .html/.htm (main text extracted with trafilatura),
    .jsonl[.gz|.zst] (one document per record) and .warc[.gz] (each HTML
    response). With no PATHS, the current directory is linted.
    """
    try:
        config = _config(config_file, paths)
        rules = all_rules(config.rule_paths)
        _check_rule_options(config, rules)
        if list_rules:
            click.echo(_list_rules(rules), nl=False)
            return
        if explain:
            found = find_rule(rules, explain)
            if found is None:
                _fail(f"no rule {explain!r}; see `newslint --list-rules`")
            click.echo(_explain(found), nl=False)
            return
        chosen = select(rules, select=_selectors(select_rules) or config.select,
                        extend_select=config.extend_select + _selectors(extend_select),
                        ignore=config.ignore + _selectors(ignore))
    except (ConfigError, PackError, SelectionError) as error:
        _fail(str(error))
    try:
        config.text_field = text_field or config.text_field
        config.id_field = id_field or config.id_field
        options = Options(fix, unsafe_fixes, input_format, stdin_filename)
        report = lint_paths(paths or (".",), chosen, config, options)
    except Exception as error:  # pragma: no cover - a bug; say so without a wall of text
        if verbose:
            traceback.print_exc()
        _fail(f"internal error: {error!r} (run with --verbose for the traceback)")
    output = statistics(report) if show_statistics else REPORTERS[output_format](report)
    if report.fixed_stdin is not None:
        click.echo(report.fixed_stdin, nl=False)  # stdout carries the text; the report goes to stderr
    if output_file:
        Path(output_file).write_text(output, encoding="utf-8")
    else:
        click.echo(output, nl=False, err=report.fixed_stdin is not None)
    if report.fixes_applied:
        click.echo(f"Fixed {report.fixes_applied} diagnostic{'s' if report.fixes_applied != 1 else ''}.", err=True)
    for note in report.notes:
        click.echo(f"{note.path}: note: {note.message}", err=True)
    for error in report.errors:
        click.echo(f"{error.path}: error: {error.message}", err=True)
    if report.errors:
        sys.exit(2)
    sys.exit(0 if exit_zero or not report.diagnostics else 1)
