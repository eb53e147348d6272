"""Configuration: `[tool.newslint]` in pyproject.toml, or `.newslint.yaml`.

The file is looked up upward from the linted path (the first one given, or
the current directory); `--config FILE` overrides the lookup. Keys are
validated: an unknown key or a wrong type is an error naming the file.
"""
from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

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
}


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

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    def _relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
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
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from None
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
        items = value.values() if isinstance(value, dict) else value
        if not isinstance(value, outer) or not all(isinstance(item, inner) for item in items):
            raise ConfigError(f"{path}: `{key}` must be a {outer.__name__} of {inner.__name__}s")
    return Config(
        source=path,
        select=table.get("select"),
        extend_select=table.get("extend-select", []),
        ignore=table.get("ignore", []),
        per_path_ignores=table.get("per-path-ignores", {}),
        exclude=table.get("exclude", []),
        rule_paths=[(path.parent / p) for p in table.get("rule-paths", [])],
        rule_options=table.get("rule-options", {}),
    )


def load(path: Path) -> Config:
    table = _read(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.newslint] table")
    return _validate(path, table)


def discover(start: Path) -> Config:
    """The nearest config at or above `start`; defaults when there is none."""
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return load(folder / name)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject)
            if table is not None:
                return _validate(pyproject, table)
    return Config()
