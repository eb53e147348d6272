"""The content-hash cache (`.newslint_cache/`), as ruff has.

A file whose bytes, config, selected rules and newslint version are unchanged
is not read again: its per-file results are replayed. The results include
corpus rules' signatures, so cross-file joins (duplicates) are redone on
every run with the other files as they are now.

Entries are pickles written by this program into the project's own cache
folder; the folder is keyed by a salt, so a change of version, config, rules
or rule packs starts a fresh set of entries.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import stat
from dataclasses import asdict
from pathlib import Path

from . import __version__
from .config import Config
from .rule import Rule

CACHE_DIR = ".newslint_cache"
PACKAGE_DIRS = (Path(__file__).resolve().parent,)


def _package_stamp() -> list[tuple[str, int, int]]:
    """Names, sizes and mtimes of newslint's own files: an edited rule in a
    development install invalidates the cache like a new version would."""
    import newslint.rules

    folders = [*PACKAGE_DIRS, *(Path(p) for p in newslint.rules.__path__)]
    stamp = []
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if name.endswith((".py", ".yaml", ".yml", ".txt")):
                    info = os.stat(os.path.join(root, name))
                    stamp.append((name, info.st_size, info.st_mtime_ns))
    return sorted(stamp)


def _rule_pack_bytes(config: Config) -> list[bytes]:
    files = []
    for path in config.rule_paths:
        candidates = sorted(path.glob("*.y*ml")) if path.is_dir() else [path]
        files.extend(candidate.read_bytes() for candidate in candidates if candidate.is_file())
    return files


class Cache:
    def __init__(self, folder: Path, salt: bytes):
        self.folder = folder / hashlib.sha256(salt).hexdigest()[:16]

    @classmethod
    def for_run(cls, config: Config, rules: list[Rule], run_options: dict) -> "Cache":
        salt = repr((__version__, _package_stamp(), sorted(asdict(config).items(), key=str),
                     [r.code for r in rules], sorted(run_options.items()), _rule_pack_bytes(config)))
        return cls(config.root / CACHE_DIR, salt.encode())

    def key_for(self, path: str) -> str | None:
        """A hash of a regular file's path (results name it) and content;
        None for what is not cached (stdin, FIFOs, unreadable files: their
        errors are reported afresh)."""
        try:
            if path == "-" or not stat.S_ISREG(os.stat(path).st_mode):
                return None
            digest = hashlib.sha256(path.encode("utf-8", "surrogateescape") + b"\0")
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            return digest.hexdigest()
        except OSError:
            return None

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> list | None:
        try:
            with open(self._entry(key), "rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, key: str, outcomes: list) -> None:
        entry = self._entry(key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            if not (self.folder.parent / ".gitignore").exists():
                (self.folder.parent / ".gitignore").write_text("*\n")
            temporary = entry.with_suffix(".tmp")
            with open(temporary, "wb") as handle:
                pickle.dump(outcomes, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except OSError:
            pass  # a cache that cannot be written only costs time
