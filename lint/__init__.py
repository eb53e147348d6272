"""newslint: a linter for scraped news articles and web-text corpora."""
__version__ = "0.1.0"

from .document import Document  # noqa: E402
from .model import Diagnostic, Fix, Hit  # noqa: E402
from .rule import Rule, rule  # noqa: E402
from .runner import lint_text  # noqa: E402

__all__ = ["Diagnostic", "Document", "Fix", "Hit", "Rule", "lint_text", "rule", "__version__"]
