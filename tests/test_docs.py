"""The rule reference in docs/rules.md is generated, and must be current."""
from click.testing import CliRunner

from conftest import ROOT
from newslint.cli import main
from newslint.registry import all_rules


def test_docs_rules_md_is_the_output_of_explain_all():
    generated = CliRunner().invoke(main, ["--explain", "ALL"]).output
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == generated, \
        "docs/rules.md is stale: run `newslint --explain ALL > docs/rules.md`"


def test_every_rule_has_an_anchor_for_sarif_help_uris():
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for found in all_rules():
        assert f'<a name="{found.code.lower()}"></a>' in page
