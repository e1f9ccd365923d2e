"""The report's charts: matplotlib figures rendered to SVG text for inlining in the page, with
titles, axis labels and units, drawn in the Okabe–Ito palette so colour-blind readers see them
too. Figures are made with ``matplotlib.figure.Figure`` (no pyplot), so none stays in memory."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

matplotlib.use("Agg")  # never a GUI backend, even if something imports pyplot

BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
ORANGE = "#E69F00"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
GREY = "#595959"
"""Okabe–Ito colours (yellow left out: it is too pale on white), and a grey for guides."""

STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.labelcolor": "#222222",
    "axes.edgecolor": GREY,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": "#222222",
    "ytick.color": "#222222",
    "figure.titlesize": 13,
    "figure.titleweight": "bold",
    "text.parse_math": False,
}
"""Readable defaults; ``svg.fonttype: none`` keeps text as text, and ``text.parse_math`` off
keeps a ``$`` in an outlet's name from being read as mathematics."""

SVG_METADATA = {"Date": None, "Creator": None}
PANEL_WIDTH_IN = 1.75
LABEL_INCHES_PER_CHAR = 0.075
LABEL_MARGIN_IN = 0.4
ROW_HEIGHT_IN = 0.32
CHART_EXTRA_HEIGHT_IN = 1.3
LABEL_CHARS = 32
GRID_ROW_GAP_IN = 0.15
LABEL_GROUND = {"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"}
"""A white ground behind value labels, so guide lines and bars behind them stay legible."""
HISTOGRAM_BINS = 20
PERCENTILE_CAP = 99
SVG_METADATA_BLOCK = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
SVG_INDENT = re.compile(r"\n\s+")
SVG_GROUP_ID = re.compile(r'<g id="[^"]*"')
"""matplotlib names every group (``figure_1``, ``axes_1``, ...) the same in each chart; no link
points at them, and in one page they would repeat, so they are dropped."""


@dataclass(frozen=True, slots=True)
class Panel:
    """One measure of a small-multiples chart: a value per row and the corpus-wide value."""

    title: str
    axis: str
    values: Sequence[float | None]
    overall: float | None
    color: str


@dataclass(frozen=True, slots=True)
class Distribution:
    """One measure's values across the corpus, for a histogram; ``percent`` fixes 0–100."""

    title: str
    axis: str
    values: Sequence[float]
    color: str
    percent: bool = False


def profile_chart(
    name: str, title: str, rows: Sequence[tuple[str, int]], panels: Sequence[Panel]
) -> str:
    """Small multiples: one horizontal bar panel per measure, the same rows (top first, each
    a name and its number of articles) in each, and a dashed line at the corpus-wide value so
    each row reads against the whole."""
    labels = [f"{_short(row)} (n={count:,})" for row, count in rows]
    height = ROW_HEIGHT_IN * len(rows) + CHART_EXTRA_HEIGHT_IN
    width = _label_width(labels) + PANEL_WIDTH_IN * len(panels)
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(width, height), layout="constrained")
        axes = figure.subplots(1, len(panels), sharey=True, squeeze=False)[0]
        positions = np.arange(len(rows))
        for ax, panel in zip(axes, panels, strict=True):
            values = [math.nan if v is None else v for v in panel.values]
            bars = ax.barh(positions, values, color=panel.color, height=0.7)
            if panel.overall is not None:
                ax.axvline(panel.overall, color=GREY, linestyle="--", linewidth=1, zorder=1)
            _label_bars(ax, bars, values, _value_format(values))
            ax.set_title(panel.title)
            ax.set_xlabel(panel.axis)
            ax.margins(x=0.22)
            ax.set_xlim(left=0)
            _light_grid(ax, "x")
        axes[0].set_yticks(positions, labels)
        axes[0].invert_yaxis()
        figure.suptitle(title)
        return _svg(figure, name, title)


def histogram_chart(name: str, title: str, distributions: Sequence[Distribution]) -> str:
    """A grid of histograms, one per measure, each with its median marked; the top 1% of
    values is folded into the last bin so that a few outliers cannot flatten the rest."""
    columns = 2
    rows = math.ceil(len(distributions) / columns)
    with matplotlib.rc_context(STYLE):
        layout = ConstrainedLayoutEngine(h_pad=GRID_ROW_GAP_IN)
        figure = Figure(figsize=(10, 3.2 * rows + 0.6), layout=layout)
        axes = figure.subplots(rows, columns, squeeze=False).flat
        for ax, distribution in zip(axes, distributions, strict=False):
            _histogram(ax, distribution)
        for ax in list(axes)[len(distributions) :]:
            ax.set_visible(False)
        figure.suptitle(title)
        return _svg(figure, name, title)


def ranking_chart(
    name: str, title: str, axis: str, labels: Sequence[str], counts: Sequence[int], color: str
) -> str:
    """Horizontal bars, most frequent on top, each labelled with its count."""
    with matplotlib.rc_context(STYLE):
        height = ROW_HEIGHT_IN * len(labels) + CHART_EXTRA_HEIGHT_IN
        figure = Figure(figsize=(7.5, height), layout="constrained")
        ax = figure.subplots()
        positions = np.arange(len(labels))
        bars = ax.barh(positions, counts, color=color, height=0.7)
        _label_bars(ax, bars, counts, "{:,.0f}")
        ax.set_yticks(positions, [_short(label) for label in labels])
        ax.invert_yaxis()
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.margins(x=0.08)
        ax.set_xlabel(axis)
        ax.set_title(title, loc="left")
        _light_grid(ax, "x")
        return _svg(figure, name, title)


def _histogram(ax: Axes, distribution: Distribution) -> None:
    """Draw one distribution on ``ax``: bars, the median, title and labelled axes."""
    values = np.asarray(distribution.values, dtype=float)
    values = values[np.isfinite(values)]
    ax.set_title(distribution.title)
    ax.set_xlabel(distribution.axis)
    ax.set_ylabel("articles")
    if not values.size:
        ax.text(0.5, 0.5, "no values", ha="center", va="center", transform=ax.transAxes)
        return
    top = 100.0 if distribution.percent else float(np.percentile(values, PERCENTILE_CAP))
    top = max(top, float(values.min()) + 1.0)
    folded = np.clip(values, 0.0, top)
    ax.hist(folded, bins=HISTOGRAM_BINS, range=(0.0, top), color=distribution.color)
    median = float(np.median(values))
    ax.axvline(median, color="#222222", linestyle="--", linewidth=1)
    ax.annotate(
        "median " + _value_format([median]).format(median),
        xy=(median, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(4, -12),
        textcoords="offset points",
        fontsize=8,
        bbox=LABEL_GROUND,
    )
    ax.yaxis.get_major_locator().set_params(integer=True)
    _light_grid(ax, "y")


def _label_bars(ax: Axes, bars: BarContainer, values: Sequence[float], fmt: str) -> None:
    """Each bar's value at its end on a white ground, a dash where the value is unknown."""
    labels = [fmt.format(v) if math.isfinite(v) else "–" for v in values]
    ax.bar_label(bars, labels, padding=2, fontsize=8, color="#222222", bbox=LABEL_GROUND)


def _light_grid(ax: Axes, which: str) -> None:
    """Faint grid lines along one axis, behind the bars."""
    ax.set_axisbelow(True)
    ax.grid(axis=which, color="#dddddd", linewidth=0.6)


def _value_format(values: Sequence[float]) -> str:
    """Bar labels with one decimal, or none where the values are large."""
    finite = [v for v in values if math.isfinite(v)]
    return "{:,.0f}" if finite and max(finite) >= 100 else "{:,.1f}"


def _label_width(labels: Sequence[str]) -> float:
    """Inches the longest label needs beside an axis."""
    longest = max((len(label) for label in labels), default=0)
    return LABEL_MARGIN_IN + LABEL_INCHES_PER_CHAR * longest


def _short(label: str) -> str:
    """A label cut to fit the axis, with an ellipsis where it was cut."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _svg(figure: Figure, name: str, description: str) -> str:
    """The figure as an ``<svg>`` element for inlining: no XML prolog, metadata, indentation
    or group ids, other ids salted by ``name`` so no two charts share one, and a label."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": name}):
        figure.savefig(buffer, format="svg", metadata=SVG_METADATA)
    text = SVG_METADATA_BLOCK.sub("", buffer.getvalue(), count=1)
    text = SVG_INDENT.sub("\n", SVG_GROUP_ID.sub("<g", text))
    start = text.index("<svg ") + len("<svg ")
    return f'<svg role="img" aria-label="{escape(description)}" ' + text[start:]
