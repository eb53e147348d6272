"""The content-hash cache (`.newslint_cache/`), as ruff has.

A file whose bytes, config, selected rules and newslint version are unchanged
is not linted again: its per-file results are replayed. The key is a hash of
the bytes, not of `stat`, so a fresh checkout of an unchanged corpus (new
modification times, as in CI with the cache folder restored) still replays.
Hashing reads each file once more than linting does; at about 1 GB/s that
is noise beside linting at a few MB/s. The results include corpus rules'
signatures, so cross-file joins (duplicates) are redone on every run with the
other files as they are now.

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


def _package_stamp() -> list[tuple[str, str]]:
    """Names and content hashes of newslint's own files: an edited rule in a
    development install invalidates the cache like a new version would, and a
    reinstall of the same version (new mtimes) does not."""
    import newslint.rules

    folders = [*PACKAGE_DIRS, *(Path(p) for p in newslint.rules.__path__)]
    stamp = []
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if name.endswith((".py", ".yaml", ".yml", ".txt")):
                    with open(os.path.join(root, name), "rb") as handle:
                        stamp.append((name, hashlib.blake2b(handle.read(), digest_size=16).hexdigest()))
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
        """A hash of a regular file's path (results name it) and bytes; None
        for what is not cached: stdin, FIFOs and devices, unreadable paths
        (their errors are reported afresh by the readers).

        The file is opened non-blocking and checked with `fstat` on that very
        descriptor: a FIFO swapped in after a `stat` would otherwise block
        the run on `open`."""
        if path == "-":
            return None
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            return None
        with os.fdopen(descriptor, "rb") as handle:
            try:
                if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                    return None
                digest = hashlib.blake2b(os.fsencode(path) + b"\0", digest_size=32)
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            except OSError:
                return None
        return digest.hexdigest()

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
