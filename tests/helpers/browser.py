"""Debian's chromium for the page's tests and benchmark, started as this machine needs it."""

from __future__ import annotations

import shutil

from playwright.sync_api import Browser, Playwright

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Chromium as root, with its background calls home turned off (this machine has no network)."""


class ChromiumMissing(RuntimeError):
    """Debian's chromium is not installed."""


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless Debian chromium (never a downloaded browser); ``make test`` installs it."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise ChromiumMissing("Debian's chromium is not installed; `make test` installs it")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
