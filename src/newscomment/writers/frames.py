"""Sentence frames of the built-in writer, several per move, so that different articles
get different wording. Frames are neutral: they describe, never take a side.

Placeholders: {claim} a verbatim quote of the core claim; {who} source names; {cues}
quoted article words; {excerpt} a quoted passage; {missing} a list of what is absent.
"""

from __future__ import annotations

import hashlib

CLAIM_SECONDHAND = (
    "The article's central claim, that {claim}, reaches the reader second-hand: it rests on "
    "{who} rather than on the writer's own reporting.",
    "Its main news, that {claim}, is relayed from {who}, so it comes second-hand.",
    "At its core the piece reports that {claim}, and it takes this from {who}.",
)
CLAIM_ATTRIBUTED = (
    "The article's central claim, that {claim}, is attributed to {who}.",
    "Its main news, that {claim}, comes from {who}.",
    "At its core the piece reports that {claim}, citing {who}.",
)
CLAIM_UNATTRIBUTED = (
    "The article's central claim, that {claim}, is not attributed to any source.",
    "Its main news, that {claim}, is stated without saying who it comes from.",
    "At its core the piece asserts that {claim}, with no source given for it.",
)
CLAIM_LEDE = (
    "The article opens with its central claim, that {claim}, in its own voice; the sources "
    "come in the sentences that follow.",
    "Its main news, that {claim}, is stated first and sourced further down.",
    "The lede states that {claim}; attribution follows later in the piece.",
)
CHAIN = (
    "Further details rest on unnamed {cues} cited in {who}, a chain that leaves the "
    "original speakers unknown.",
    "Other details come from unnamed {cues} as cited in {who}, so they too are second-hand.",
    "The article also leans on {cues} that {who} cited without naming them.",
)
ANONYMOUS = (
    "It relies on unnamed sources ({cues}), which a reader cannot check.",
    "Part of its account comes from people it does not name ({cues}).",
    "Unnamed sources ({cues}) carry part of the story.",
)
WELL_SOURCED = (
    "It is well sourced: it names {who}, quotes people directly, and gives dates and figures.",
    "The sourcing is solid: named sources ({who}), direct quotes, and specific dates and figures.",
    "Readers can see where the information comes from: {who} are named, people are quoted "
    "in their own words, and dates and figures are given.",
)
NAMED = (
    "It names its sources: {who}.",
    "The sources it names are {who}.",
    "Named sources in the piece: {who}.",
)
HEDGES = (
    "Its wording is hedged ({cues}), so the article itself presents the claim as unconfirmed.",
    "Hedges such as {cues} signal that the report is not confirmed.",
    "The article qualifies its own account with {cues}, which marks it as uncertain.",
)
OPINION = (
    "Some sentences assess rather than report, without a source, for example {excerpt}.",
    "In places the writer's own judgement stands in for reporting, as in {excerpt}.",
    "Not every sentence is reporting: {excerpt} is the writer's assessment, with no source "
    "behind it.",
)
LOADED = (
    "Words such as {cues} carry a charge that plainer wording would avoid.",
    "Some of the vocabulary is not neutral: {cues}.",
    "Some word choices ({cues}) lean emotive rather than descriptive.",
)
BOILERPLATE = (
    "Stock phrases such as {cues} fill space without adding information.",
    "Phrases like {cues} add words but no facts.",
    "Several stock phrases ({cues}) stand where specifics could be.",
)
MISSING = (
    "It gives {missing}.",
    "Specifics are thin: it gives {missing}.",
    "A reader looking for specifics finds {missing}.",
)
CHECK = (
    "One thing a reader could check is {target}, which the article itself names.",
    "A reader who wants to verify it could go to {target}, named in the article.",
    "To verify it, a reader could start with {target}, which the article cites.",
)
SHARE = (
    "Sources are credited in {share} of its {total} sentences.",
    "A source is credited in {share} of its {total} sentences.",
    "Sentences that credit a source: {share} of {total}.",
)
QUOTES = (
    "It includes {count}, so readers see the words of those involved.",
    "People speak in their own words in {count}.",
    "Readers get the words of those involved in {count}.",
)
ADVICE = {
    "no_named_sources": "Naming who provided the information would let readers judge how "
    "reliable it is.",
    "no_direct_quotes": "A direct quote from someone involved would let readers hear them in "
    "their own words.",
    "no_absolute_dates": "Exact dates would let readers place the events in time.",
    "no_figures": "Numbers, with who counted them, would show the scale of what it describes.",
}


def pick(frames: tuple[str, ...], seed: str, move: str) -> str:
    """A frame chosen by the article and the move, stable across runs."""
    digest = hashlib.sha256(f"{seed}:{move}".encode()).digest()
    return frames[digest[0] % len(frames)]


BRIEF_SECONDHAND = (
    "Second-hand: the central claim rests on {who}",
    "The central claim comes second-hand, from {who}",
    "Second-hand reporting: the central claim rests on {who}",
)
BRIEF_WELL_SOURCED = (
    "Well sourced: named sources, direct quotes, dates and figures back the central claim",
    "Solid sourcing: the claim rests on named sources, direct quotes, dates and figures",
    "Readers can check this one: it gives named sources, direct quotes, dates and figures",
)
