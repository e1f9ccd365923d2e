"""Time to a result on the web page, in Debian's headless Chromium; run on demand.

    python benchmarks/page.py            # 20 rounds on the seed; writes page-results.md
    python benchmarks/page.py --quick    # 5 rounds; results file not written

The issue's target: after the model is loaded, pasting the seed and pressing the button shows
the comment and the highlights in under a second. Each round reloads the page, pastes the
seed, clicks, and waits until the comment sentences and the article's marks are on screen;
the time from the click to then is the figure. The server runs with one worker on loopback.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from figures import Figure, machine_lines, table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from helpers.browser import ChromiumMissing, launch_chromium
from load import REPO, running_server, seed_article
from playwright.sync_api import Page, sync_playwright

RESULTS = Path(__file__).resolve().parent / "page-results.md"
FULL_ROUNDS, QUICK_ROUNDS = 20, 5
WARM_UP_ROUNDS = 2
TARGET_S = 1.0


def one_round(page: Page, base: str, text: str) -> float:
    """Seconds from the click to the comment and highlights being visible."""
    page.goto(base + "/")
    page.fill("#article-text", text)
    started = time.perf_counter()
    page.click("#submit")
    page.wait_for_selector("#comment .sentence", state="visible")
    page.wait_for_selector("#article .mark[data-kind=source]", state="visible")
    return time.perf_counter() - started


def measure(rounds: int) -> list[float]:
    """Click-to-result times over ``rounds`` rounds, after a short warm-up."""
    text = seed_article()
    with running_server(1) as server, sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except ChromiumMissing as missing:
            raise SystemExit(f"page: {missing}") from None
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for _ in range(WARM_UP_ROUNDS):
            one_round(page, server.url, text)
        times = [one_round(page, server.url, text) for _ in range(rounds)]
        browser.close()
    return times


def main(argv: Sequence[str] | None = None) -> int:
    """Run the rounds, print the table and, unless quick, write the results file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ROUNDS} rounds, no file")
    args = parser.parse_args(argv)
    rounds = QUICK_ROUNDS if args.quick else FULL_ROUNDS
    times = measure(rounds)
    median = statistics.median(times)
    rows = [
        Figure(
            f"Seed: click to comment and highlights (median of {rounds})",
            f"{median * 1000:.0f} ms",
            f"< {TARGET_S:g} s",
            median < TARGET_S,
        ),
        Figure("Seed: slowest round", f"{max(times) * 1000:.0f} ms"),
    ]
    header = "\n".join([*machine_lines(), "- Server: `newscomment serve --workers 1`, warm"])
    print(header, table(rows), sep="\n\n")
    if not args.quick:
        RESULTS.write_text(
            "# newscomment page benchmark\n\nWritten by `python benchmarks/page.py` "
            f"(Debian's headless Chromium driven by Playwright).\n\n{header}\n\n{table(rows)}\n",
            encoding="utf-8",
        )
        print(f"\nwritten to {RESULTS.relative_to(REPO)}")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
