"""detectors/missing.py: the specifics a reader needs that the article does not give."""

from __future__ import annotations

import pytest

from newscomment.model import Finding

WIRE = (
    "Floods in western Kenya have killed at least 23 people and displaced more than 4,000 "
    "since Friday, the Kenya Red Cross said on Monday, March 4. "
    '"The water levels are still rising and we expect the numbers to go up," Red Cross '
    "spokeswoman Jane Wanjiru told Reuters. The government has pledged 50 million shillings "
    "in emergency aid."
)


def labels(found: list[Finding]) -> set[str]:
    return {f.label for f in found}


def test_wire_story_with_date_figures_and_a_named_quoted_source_lacks_nothing(detected) -> None:
    assert detected(WIRE, "missing") == []


def test_relative_time_only(detected) -> None:
    text = (
        "The factory closed its gates earlier this week, and workers protested outside "
        "the town hall yesterday, union leader Karl Meyer said."
    )
    [found] = [f for f in detected(text, "missing") if f.label == "no_absolute_dates"]
    assert found.details["relative"] == ["earlier this week", "yesterday"]
    assert "earlier this week" in found.note
    assert found.span is None and found.sentence is None


@pytest.mark.parametrize(
    "text",
    [
        "The factory closed on Tuesday, union leader Karl Meyer said.",
        "The factory closed in March, union leader Karl Meyer said.",
        "The factory, opened in 1998, closed last week, union leader Karl Meyer said.",
    ],
)
def test_an_absolute_date_is_enough(detected, text: str) -> None:
    assert "no_absolute_dates" not in labels(detected(text, "missing"))


def test_casualties_without_a_number(detected) -> None:
    text = (
        "Heavy shelling killed and wounded civilians in the border town overnight, "
        "regional governor Oleh Marchenko said on Sunday."
    )
    [found] = [f for f in detected(text, "missing") if f.label == "no_figures"]
    assert "killed" in found.details["topics"]


def test_casualties_with_a_number(detected) -> None:
    text = (
        "Heavy shelling killed six civilians in the border town overnight, regional governor "
        "Oleh Marchenko said on Sunday."
    )
    assert "no_figures" not in labels(detected(text, "missing"))


def test_story_about_nothing_countable_needs_no_figures(detected) -> None:
    text = "The museum reopened on Saturday after a renovation, director Ana Ruiz said."
    assert "no_figures" not in labels(detected(text, "missing"))


def test_no_quotes_and_no_named_sources(detected) -> None:
    text = "Officials said on Tuesday that the talks would resume, people close to the talks said."
    assert {"no_direct_quotes", "no_named_sources"} <= labels(detected(text, "missing"))


def test_an_outlet_is_a_named_source(detected) -> None:
    text = "The talks will resume on Tuesday, according to Reuters."
    assert "no_named_sources" not in labels(detected(text, "missing"))


def test_detector_alone_reads_only_the_prior_findings(alone, parsed) -> None:
    doc = parsed(WIRE)
    assert labels(alone("missing", doc)) == {"no_direct_quotes", "no_named_sources"}


@pytest.fixture(scope="module")
def seed_missing(seed_findings: list[Finding]) -> dict[str, Finding]:
    return {f.label: f for f in seed_findings if f.kind == "missing"}


def test_seed_lacks_dates_figures_and_quotes(seed_missing: dict[str, Finding]) -> None:
    assert seed_missing.keys() == {"no_absolute_dates", "no_figures", "no_direct_quotes"}


def test_seed_time_is_only_relative(seed_missing: dict[str, Finding]) -> None:
    assert "earlier this week" in seed_missing["no_absolute_dates"].details["relative"]


def test_seed_mentions_casualties_without_a_number(seed_missing: dict[str, Finding]) -> None:
    assert "casualties" in seed_missing["no_figures"].details["topics"]


def test_seed_has_named_sources(seed_missing: dict[str, Finding]) -> None:
    assert "no_named_sources" not in seed_missing


def test_may_the_modal_is_not_a_date(detected) -> None:
    text = (
        "The ceasefire may collapse within days, a senior diplomat said earlier this week, "
        "as both sides traded accusations over the shelling of the border town."
    )
    labels = {f.label for f in detected(text, "missing")}
    assert "no_absolute_dates" in labels


def test_may_the_month_is_a_date(detected) -> None:
    text = "The ceasefire took effect on May 3, a senior diplomat said at a briefing in Cairo."
    assert "no_absolute_dates" not in {f.label for f in detected(text, "missing")}
