"""A progress line on stderr (documents, docs/s, files, ETA), shown only
when stderr is a terminal, so logs and pipes stay clean."""
from __future__ import annotations

import sys
import time
from typing import Callable

REFRESH_SECONDS = 0.5


class Progress:
    def __init__(self, total_files: int, stream=None):
        self.stream = stream or sys.stderr
        self.total_files = total_files
        self.files = self.documents = 0
        self.started = self._shown = time.monotonic()

    @classmethod
    def on_terminal(cls, count_files: Callable[[], int]) -> "Progress | None":
        """A progress line if stderr is a terminal; only then are the files counted."""
        return cls(count_files()) if sys.stderr.isatty() else None

    def document(self) -> None:
        self.documents += 1
        self._maybe_show()

    def file(self) -> None:
        self.files += 1
        self._maybe_show()

    def _maybe_show(self) -> None:
        now = time.monotonic()
        if now - self._shown >= REFRESH_SECONDS:
            self._shown = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.documents / elapsed
        remaining = (self.total_files - self.files) * elapsed / self.files if self.files else 0.0
        return (f"{self.documents} docs, {rate:,.0f} docs/s, {self.files}/{self.total_files} files, "
                f"ETA {remaining:,.0f} s")

    def close(self) -> None:
        if self.documents or self.files:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
