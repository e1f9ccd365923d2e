"""The kinds of statement a comment makes about its article: one table, so that every
writer types what its sentences assert, the JSON carries it, and ``eval articles`` can check
each statement against annotations (``evaluation/articles.py`` says what contradicts each)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AssertionKind:
    """One kind of statement, and what its subject is."""

    name: str
    subject: str
    """What the assertion's ``subject`` holds ("" when it has none)."""
    description: str


ASSERTIONS: dict[str, AssertionKind] = {
    kind.name: kind
    for kind in (
        AssertionKind("genre", "the genre's name", "the text is of this kind"),
        AssertionKind("state_media", "the outlet", "the outlet is state-controlled"),
        AssertionKind("issuer", "the organisation", "the text is this organisation's own"),
        AssertionKind("main_claim", "the claim's words", "this is the central claim"),
        AssertionKind("claim_attributed", "who", "the central claim is credited to a source"),
        AssertionKind("claim_unattributed", "", "the central claim is credited to no one"),
        AssertionKind("claim_secondhand", "through whom", "the claim comes through another"),
        AssertionKind("named_source", "the name", "the text cites this named source"),
        AssertionKind("unnamed_source", "the words", "the text cites a source it does not name"),
        AssertionKind("outlet_source", "the outlet", "the text relies on this outlet's report"),
        AssertionKind("document_source", "the document", "the text cites this document"),
        AssertionKind("quotes", "how many", "the text quotes people directly"),
        AssertionKind("no_quotes", "", "no one is quoted directly"),
        AssertionKind("opinion", "the sentence's words", "the writer's own view, unattributed"),
        AssertionKind("hedge", "the word", "this word marks a claim as uncertain"),
        AssertionKind("loaded", "the word", "this word is charged, in the writer's voice"),
        AssertionKind("stock_phrase", "the phrase", "this phrase fills space"),
        AssertionKind("no_dates", "", "the text gives no absolute date"),
        AssertionKind("no_figures", "", "the text gives no figures"),
        AssertionKind("no_named_sources", "", "the text names no source"),
        AssertionKind("well_sourced", "", "named sources, quotes, dates and figures"),
        AssertionKind("denial", "who", "someone denies or declines to comment"),
        AssertionKind("headline_overstates", "the headline's words", "the body is less sure"),
        AssertionKind("single_source", "the source", "the central claim rests on one source"),
        AssertionKind("issuer_only", "the issuer", "only the issuing side is heard"),
        AssertionKind("figures_characterised", "the word", "the text characterises figures"),
        AssertionKind("check", "the primary source", "a reader could check this source"),
        AssertionKind("attribution_share", "how many of how many", "sentences that credit"),
    )
}
"""Every kind of statement a comment sentence can carry."""
