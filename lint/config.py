"""Configuration: `[tool.newslint]` in pyproject.toml, or `.newslint.yaml`.

The file is looked up upward from the linted path (the first one given, or
the current directory); `--config FILE` overrides the lookup. Keys are
validated: an unknown key or a wrong type is an error naming the file.
"""
from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .packs import SAFE_LOADER

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

YAML_NAMES = (".newslint.yaml", ".newslint.yml")

# key -> (type, type of its list items or dict values)
SCHEMA: dict[str, tuple[type, type | None]] = {
    "select": (list, str),
    "extend-select": (list, str),
    "ignore": (list, str),
    "per-path-ignores": (dict, list),
    "exclude": (list, str),
    "rule-paths": (list, str),
    "rule-options": (dict, dict),
    "text-field": (str, None),
    "id-field": (str, None),
    "html-extraction": (dict, object),
}
# trafilatura.extract options that `html-extraction` may set.
HTML_OPTIONS = {"favor_precision": bool, "favor_recall": bool, "include_comments": bool,
                "include_tables": bool, "include_formatting": bool, "include_links": bool,
                "include_images": bool, "deduplicate": bool, "fast": bool, "target_language": str}


class ConfigError(ValueError):
    """A config file that cannot be used. The message names the file."""


@dataclass
class Config:
    source: Path | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    rule_paths: list[Path] = field(default_factory=list)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    text_field: str = "text"
    id_field: str = "id"
    html_extraction: dict[str, Any] = field(default_factory=lambda: {"include_comments": False})

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    def _relative(self, path: str) -> str:
        try:
            return Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return PurePosixPath(path).as_posix()

    def ignored_for(self, path: str) -> list[str]:
        """Selectors switched off for one file by `per-path-ignores`."""
        relative = self._relative(path)
        return [selector for pattern, selectors in self.per_path_ignores.items()
                if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path, pattern)
                for selector in selectors]

    def is_excluded(self, path: str) -> bool:
        relative = self._relative(path)
        return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(Path(path).name, p) for p in self.exclude)


def _read(path: Path) -> dict | None:
    """The newslint table of a config file, or None if the file has none."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config: {(error.strerror or str(error)).lower()}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: cannot read config: not UTF-8 ({error.reason})") from None
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: invalid TOML: {error}") from None
        table = data.get("tool", {}).get("newslint") if path.name == "pyproject.toml" else data
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.newslint] must be a table")
        return table
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        # libyaml's messages lack the pure-Python parser's excerpt of the line: parse again for it.
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise ConfigError(f"{path}: invalid YAML: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a mapping of keys to values")
    return data


def _validate(path: Path, table: dict) -> Config:
    where = "[tool.newslint]" if path.name == "pyproject.toml" else "config"
    for key, value in table.items():
        if key not in SCHEMA:
            known = ", ".join(SCHEMA)
            raise ConfigError(f"{path}: unknown key `{key}` in {where} (known keys: {known})")
        outer, inner = SCHEMA[key]
        if inner is None:
            if not isinstance(value, outer):
                raise ConfigError(f"{path}: `{key}` must be a {outer.__name__}")
            continue
        items = value.values() if isinstance(value, dict) else value
        if not isinstance(value, outer) or not all(isinstance(item, inner) for item in items):
            raise ConfigError(f"{path}: `{key}` must be a {outer.__name__} of {inner.__name__}s")
    for option, value in table.get("html-extraction", {}).items():
        if option not in HTML_OPTIONS or not isinstance(value, HTML_OPTIONS[option]):
            known = ", ".join(HTML_OPTIONS)
            raise ConfigError(f"{path}: html-extraction option `{option}` is unknown or of the wrong type "
                              f"(options: {known})")
    return Config(
        source=path,
        select=table.get("select"),
        extend_select=table.get("extend-select", []),
        ignore=table.get("ignore", []),
        per_path_ignores=table.get("per-path-ignores", {}),
        exclude=table.get("exclude", []),
        rule_paths=[(path.parent / p) for p in table.get("rule-paths", [])],
        rule_options=table.get("rule-options", {}),
        text_field=table.get("text-field", "text"),
        id_field=table.get("id-field", "id"),
        html_extraction={"include_comments": False, **table.get("html-extraction", {})},
    )


def load(path: Path) -> Config:
    table = _read(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.newslint] table")
    return _validate(path, table)


def discover(start: Path) -> Config:
    """The nearest config at or above `start`; defaults when there is none."""
    # abspath, not resolve(): resolving raises on a symlink loop or an
    # over-long name, and such a path is the reader's to report.
    directory = Path(os.path.abspath(start))
    if not os.path.isdir(directory):  # isdir answers False where is_dir() raises
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in YAML_NAMES:
            if (folder / name).exists():  # a folder of that name is an error load() reports
                return load(folder / name)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject)
            if table is not None:
                return _validate(pyproject, table)
    return Config()
