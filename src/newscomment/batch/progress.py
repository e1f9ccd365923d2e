"""How a batch run reports itself: a tqdm bar on a terminal, a plain line every 10 s in a
log, and a closing summary either way. Rate and ETA count only this run's work: inputs an
earlier run finished are done, but say nothing about how fast the rest will go."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm

STATUS = "{n_fmt}/{total_fmt} articles, {rate_noinv_fmt}, ETA {remaining}{postfix}"
"""One status line in tqdm's format (it puts ", " before the postfix, the errors so far)."""
UNCOUNTED = "{n_fmt} articles, {rate_noinv_fmt}{postfix}"
"""The status line when the inputs could not be counted: no total, so no ETA."""
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
        self.log_every = log_every
        self.analysed = self.errors = self.skipped = 0
        self.started = time.monotonic()
        self._logged: float | None = None
        self._format = STATUS if total else UNCOUNTED
        self._bar = (
            tqdm(
                total=total,
                file=self.stream,
                bar_format="[{bar:24}] " + self._format,
                unit="",
                smoothing=0,  # the rate over the whole run, as the summary gives it
                mininterval=REDRAW_SECONDS,
                postfix=self._errors(),
            )
            if self.stream.isatty()
            else None
        )

    @property
    def finished(self) -> int:
        """Inputs dealt with so far, this run or an earlier one."""
        return self.analysed + self.errors + self.skipped

    def skip(self, count: int) -> None:
        """Note inputs an earlier run already finished."""
        self.skipped += count
        if self._bar is not None:
            self._bar.initial += count  # done before this run: left out of its rate
        self._advance(count)

    def add(self, analysed: int, errors: int) -> None:
        """Note a chunk written to the store."""
        self.analysed += analysed
        self.errors += errors
        if self._bar is not None:
            self._bar.set_postfix_str(self._errors(), refresh=False)
        self._advance(analysed + errors)

    def status(self) -> str:
        """One line: how far, how fast, how long still, how many errors."""
        return tqdm.format_meter(
            self.finished,
            self.total,
            time.monotonic() - self.started,
            bar_format=self._format,
            unit="",
            initial=self.skipped,
            postfix=self._errors(),
        )

    def _errors(self) -> str:
        """The errors so far, for the end of the status line."""
        return f"{self.errors:,} errors"

    def _advance(self, count: int) -> None:
        """Move the bar on, or write a log line when one is due."""
        if self._bar is not None:
            self._bar.update(count)
            return
        now = time.monotonic()
        if self._logged is None or now - self._logged >= self.log_every:
            self._logged = now
            self.stream.write(f"newscomment: batch: {self.status()}\n")
            self.stream.flush()

    def summary(self, store: str) -> str:
        """The closing line of a run (the bar, if any, is drawn once more and closed)."""
        if self._bar is not None:
            self._bar.refresh()
            self._bar.close()
        elapsed = time.monotonic() - self.started
        rate = (self.analysed + self.errors) / elapsed if elapsed > 0 else 0.0
        return (
            f"newscomment: batch: {self.analysed:,} analysed, {self.errors:,} errors, "
            f"{self.skipped:,} already done, in {duration(elapsed)} ({rate:.1f}/s); "
            f"results in {store}"
        )
