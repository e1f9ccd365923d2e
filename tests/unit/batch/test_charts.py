"""The report's charts: SVG to inline in a page, with titles and labels kept as text, and
nothing in one chart that could clash with another on the same page."""

from __future__ import annotations

import re

from newscomment.batch import charts
from newscomment.batch.charts import Distribution, Panel


def test_labels_are_text_even_with_a_dollar_sign_and_long_ones_are_cut() -> None:
    long_name = "The Extraordinarily Long Name of an Outlet Daily"
    rows = [("$Money$ Times", 3), (long_name, 1)]
    panel = Panel("Hedges", "per 1,000 words", [1.5, None], 1.2, charts.ORANGE)

    svg = charts.profile_chart("profile", "Sourcing profile by outlet", rows, [panel])

    assert svg.startswith('<svg role="img" aria-label="Sourcing profile by outlet"')
    assert "$Money$ Times (n=3)" in svg
    assert long_name not in svg and long_name[:31] + "…" in svg
    assert "per 1,000 words" in svg and "1.5" in svg


def test_two_charts_on_one_page_share_no_id() -> None:
    values = [Distribution("Length", "words per article", [300, 550, 1200], charts.SKY)]
    first = charts.histogram_chart("one", "Distributions", values)
    second = charts.ranking_chart("two", "Terms", "occurrences", ["a", "b"], [3, 1], charts.GREY)

    ids = [re.findall(r' id="([^"]+)"', svg) for svg in (first, second)]

    assert not set(ids[0]) & set(ids[1])
    assert "<metadata>" not in first + second and "<?xml" not in first + second
    assert "median 550" in first
