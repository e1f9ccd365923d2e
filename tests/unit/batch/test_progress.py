"""How a run reports itself: a tqdm bar on a terminal, plain lines in a log, rate and ETA
from this run's own pace, and the same closing line either way."""

from __future__ import annotations

import io
import re

from newscomment.batch.progress import Progress, duration


class Terminal(io.StringIO):
    """A text stream that says it is a terminal, as a user's console does."""

    def isatty(self) -> bool:
        return True


def test_progress_draws_a_bar_on_a_terminal_and_logs_lines_otherwise() -> None:
    terminal, log = Terminal(), io.StringIO()
    on_terminal = Progress(total=100, stream=terminal)
    in_log = Progress(total=100, stream=log, log_every=0.0)

    for progress in (on_terminal, in_log):
        progress.skip(10)
        progress.add(40, 2)
    on_terminal.summary("results.duckdb")  # redraws the bar at once, then ends its line

    assert "\r[" in terminal.getvalue() and "52/100 articles" in terminal.getvalue()
    assert "ETA" in terminal.getvalue() and "2 errors" in terminal.getvalue()
    assert terminal.getvalue().endswith("\n")
    lines = log.getvalue().splitlines()
    assert lines[-1].startswith("newscomment: batch: 52/100 articles")
    assert "\r" not in log.getvalue()
    summary = in_log.summary("results.duckdb")
    assert "40 analysed, 2 errors, 10 already done" in summary


def test_a_log_gets_a_line_every_so_often_not_one_per_chunk() -> None:
    log = io.StringIO()
    progress = Progress(total=None, stream=log)

    for _ in range(5):
        progress.add(16, 0)

    (line,) = log.getvalue().splitlines()  # the inputs could not be counted: no ETA
    assert re.fullmatch(r"newscomment: batch: 16 articles, +[\d.?]+/s, 0 errors", line)


def test_what_an_earlier_run_did_does_not_count_towards_the_rate() -> None:
    progress = Progress(total=1000, stream=io.StringIO())

    progress.skip(900)

    assert progress.status() == "900/1000 articles, ?/s, ETA ?, 0 errors"
    progress.add(10, 1)
    assert re.fullmatch(r"911/1000 articles, +[\d.]+/s, ETA [\d:]+, 1 errors", progress.status())


def test_the_closing_line_says_what_was_done_and_where() -> None:
    progress = Progress(total=3, stream=io.StringIO())
    progress.skip(1)
    progress.add(1, 1)

    summary = progress.summary("results.duckdb")

    assert re.fullmatch(
        r"newscomment: batch: 1 analysed, 1 errors, 1 already done, in \d+s \([\d.]+/s\); "
        r"results in results\.duckdb",
        summary,
    )
    assert [duration(s) for s in (42, 185, 3720)] == ["42s", "3m05s", "1h02m"]
