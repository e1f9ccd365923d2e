"""How a batch run reports itself: a redrawn bar on a terminal, plain periodic lines in a
log, and a closing summary either way."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 24
REDRAW_SECONDS = 0.2
LOG_SECONDS = 10.0


def duration(seconds: float) -> str:
    """``seconds`` as 42s, 3m05s or 1h02m."""
    seconds = max(int(seconds), 0)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class Progress:
    """Counts finished articles and shows rate, ETA and errors so far."""

    def __init__(
        self, total: int | None, stream: TextIO | None = None, log_every: float = LOG_SECONDS
    ) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty()
        self.log_every = log_every
        self.analysed = self.errors = self.skipped = 0
        self.started = time.monotonic()
        self._shown = 0.0

    @property
    def finished(self) -> int:
        """Inputs dealt with so far, this run or an earlier one."""
        return self.analysed + self.errors + self.skipped

    def skip(self, count: int) -> None:
        """Note inputs an earlier run already finished."""
        self.skipped += count
        self._show()

    def add(self, analysed: int, errors: int) -> None:
        """Note a chunk written to the store."""
        self.analysed += analysed
        self.errors += errors
        self._show()

    def status(self) -> str:
        """One line: how far, how fast, how long still, how many errors."""
        elapsed = time.monotonic() - self.started
        rate = (self.analysed + self.errors) / elapsed if elapsed > 0 else 0.0
        done = f"{self.finished:,}" + (f"/{self.total:,}" if self.total else "")
        line = f"{done} articles, {rate:.1f}/s"
        if self.total and rate > 0:
            remaining = max(self.total - self.finished, 0) / rate
            line += f", ETA {duration(remaining)}"
        return f"{line}, {self.errors:,} errors"

    def _show(self, force: bool = False) -> None:
        """Redraw the bar, or write a log line when one is due."""
        now = time.monotonic()
        wait = REDRAW_SECONDS if self.terminal else self.log_every
        if not force and now - self._shown < wait:
            return
        self._shown = now
        if self.terminal:
            share = min(self.finished / self.total, 1.0) if self.total else 0.0
            filled = int(share * BAR_WIDTH)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stream.write(f"\r[{bar}] {self.status()}\033[K")
        else:
            self.stream.write(f"newscomment: batch: {self.status()}\n")
        self.stream.flush()

    def summary(self, store: str) -> str:
        """The closing line of a run."""
        if self.terminal:
            self._show(force=True)
            self.stream.write("\n")
        elapsed = time.monotonic() - self.started
        rate = (self.analysed + self.errors) / elapsed if elapsed > 0 else 0.0
        return (
            f"newscomment: batch: {self.analysed:,} analysed, {self.errors:,} errors, "
            f"{self.skipped:,} already done, in {duration(elapsed)} ({rate:.1f}/s); "
            f"results in {store}"
        )
