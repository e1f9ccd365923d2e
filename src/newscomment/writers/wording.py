"""Wording shared by the built-in writer's styles: quoting, lists, names, and the plain
phrases for a source or a missing specific."""

from __future__ import annotations

from newscomment.model import Finding


def quoted(text: str) -> str:
    """Article words in quotation marks, exactly as written."""
    return f'"{text.strip()}"'


DANGLING = frozenset(
    "a an the of to in on at by for from with and or but that which who as its their his "
    "her".split()
)
"""Words a quoted excerpt must not end on: it would read as cut off."""


def excerpt_of(text: str) -> str:
    """Article words fit to quote whole: up to the first paragraph break, without a
    dangling comma or an unmatched quotation mark at either end."""
    excerpt = text.split("\n")[0].strip()
    while len(excerpt.split()) > 3 and excerpt.split()[-1].lower().strip(",;:") in DANGLING:
        excerpt = excerpt[: excerpt.rstrip().rfind(excerpt.split()[-1])].rstrip()
    excerpt = excerpt.strip(" ,;:-–—")
    for mark in "\"“”‘’'":
        if excerpt.count(mark) % 2 and (excerpt.startswith(mark) or excerpt.endswith(mark)):
            excerpt = excerpt.strip(mark).strip()
    return excerpt


def display_name(name: str) -> str:
    """A name as it reads mid-sentence: "The Investigative Committee" -> "the ..."."""
    for article in ("The ", "A ", "An "):
        if name.startswith(article) and (article == "The " or name[len(article) :][:1].isupper()):
            return article.lower() + name[len(article) :]
    return name


def listed(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = list(dict.fromkeys(items))
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe_source(item: Finding) -> str:
    """How a source reads in a sentence: "a report by X", unnamed "sources", or its name."""
    name = item.details.get("name", item.span.text if item.span else "")
    if item.label == "media_outlet":
        return f"a report by {display_name(name)}"
    if item.label == "anonymous":
        return f"an unnamed source ({quoted(item.span.text if item.span else name)})"
    return display_name(name)


def describe_gap(item: Finding) -> str:
    """One missing specific, quoting what the article gives instead."""
    if item.label == "no_absolute_dates":
        relative = item.details["relative"]
        if relative:
            return "no date beyond " + listed([quoted(r) for r in relative[:2]])
        return "no dates"
    if item.label == "no_figures":
        topics = item.details["topics"]
        return f"no figures for the {quoted(topics[0])} it mentions" if topics else "no figures"
    if item.label == "no_direct_quotes":
        return "no direct quotes"
    return "no named sources"
