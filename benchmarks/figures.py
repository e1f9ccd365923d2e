"""What every benchmark prints: a table of figures with targets, and the machine it ran on."""

from __future__ import annotations

import datetime
import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Figure:
    """One line of the results table: what was measured, its value, target and verdict."""

    name: str
    value: str
    target: str = "-"
    passed: bool | None = None

    @property
    def verdict(self) -> str:
        """PASS, FAIL, or "info" for a figure without a target."""
        if self.passed is None:
            return "info"
        return "PASS" if self.passed else "FAIL"


def table(rows: Sequence[Figure]) -> str:
    """The rows as a markdown table, which also reads well in a terminal."""
    cells = [("Figure", "Value", "Target", "Result")]
    cells += [(row.name, row.value, row.target, row.verdict) for row in rows]
    widths = [max(len(line[column]) for line in cells) for column in range(4)]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
        for line in cells
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def cpu_model() -> str:
    """The CPU's model name where /proc/cpuinfo gives it, else ``platform.processor()``."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return f"{line.partition(':')[2].strip()} ({platform.machine()})"
    return platform.processor() or platform.machine()


def machine_lines() -> list[str]:
    """Date, machine and Python, as Markdown list items."""
    return [
        f"- Date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- Machine: {cpu_model()}, {os.cpu_count()} CPUs ({platform.platform()})",
        f"- Python: {platform.python_version()}",
    ]
