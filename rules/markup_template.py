"""MKP003: template syntax left in the text (`{{ title }}`, `{% if %}`)."""
from __future__ import annotations

import re
from typing import Iterator

from newslint.document import Document
from newslint.model import Hit
from newslint.rule import rule
from newslint.rules._markup import markup_hits, shorten

TEMPLATE = re.compile(
    r"\{\{\{?[^{}\n]{1,200}\}?\}\}"  # {{ name }}, {{{ raw }}}, {{cite web|...}}
    r"|\{%[^\n]{1,200}?%\}"  # {% if user %}
    r"|\{#[^\n]{1,200}?#\}"  # {# comment #}
    r"|\$\{[A-Za-z_][\w.]*\}"  # ${price}
    r"|<\?php\b[^\n]*?(?:\?>|$)",  # <?php echo $title; ?>
    re.MULTILINE)


def _describe(found: str) -> str:
    return f"Leftover template syntax `{shorten(found)}`"


@rule("MKP003", "markup-template", category="markup", fix="unsafe")
def check(doc: Document, options: dict) -> Iterator[Hit]:
    """Flags template placeholders and tags left in the text, such as `{{ title }}`.

    ## What it does
    Flags Mustache/Handlebars/Jinja/Angular placeholders (`{{ title }}`,
    `{{{ body }}}`), template tags and comments (`{% if user %}`,
    `{# note #}`), JavaScript template placeholders (`${price}`), MediaWiki
    templates (`{{citation needed}}`) and PHP blocks (`<?php ... ?>`). Single
    braces (`{x}`), set notation and prices (`$5`) are not flagged. The unsafe
    fix removes the placeholder, or the whole line when it holds nothing else.

    ## Why is this bad?
    The page was captured before its template was filled in, or the scraper
    read a client-side template. The placeholder stands where a headline, a
    price or a name should be; readers see `{{category.text}}`.

    ## Example
    `Posted in {{ category.name }} by {{ author }}` has two leftover
    placeholders.
    """
    yield from markup_hits(doc, (match.span() for match in TEMPLATE.finditer(doc.text)), _describe, "placeholder")
