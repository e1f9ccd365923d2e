"""What the annotations of a whole article (news-annotated) say about names, spans and the
statements a comment makes: the matching rules ``eval articles`` scores by, and one check
per kind of assertion (``newscomment.assertions``) that gives the reason it is false."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from newscomment.evaluation.datasets import AnnotatedArticle, GoldSource
from newscomment.kinds import GENRES, NAMED_TYPES
from newscomment.model import Analysis, Assertion, Finding

Where = tuple[int, int]
"""A stretch of the article's text, as (start, end) character offsets."""
Check = Callable[[Assertion, AnnotatedArticle, Analysis], str | None]
"""An assertion, the annotated article, our analysis -> why it is false, or None."""

PRONOUNS = frozenset("he she it they we i you him her them his its their our us me".split())
"""Words that never match a name on their own."""
_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’](?=\s|$)")
_NOT_WORD = re.compile(r"[^\w\s]+")
_EDGES = " \t\n\"'“”‘’.,;:!?()[]"


def name_words(name: str) -> tuple[str, ...]:
    """A name's words, compared case-insensitively, without "the" in front or possessives."""
    words = _NOT_WORD.sub(" ", _POSSESSIVE.sub("", name.lower())).split()
    return tuple(words[1:] if words[:1] == ["the"] else words)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` occurs in ``longer`` as whole words, in order."""
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


def names_match(one: str, other: str, exact: bool = False) -> bool:
    """Whether two names denote the same: equal words, or (unless ``exact``) one inside the
    other as whole words, where the shorter is more than pronouns."""
    a, b = name_words(one), name_words(other)
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return not exact and not set(shorter) <= PRONOUNS and _contains(longer, shorter)


def matches_source(name: str, source: GoldSource, exact: bool = False) -> bool:
    """Whether ``name`` is the gold source's name or any of its mentions."""
    return any(names_match(name, form, exact) for form in (source.name, *source.mentions))


def gold_source(name: str, record: AnnotatedArticle) -> GoldSource | None:
    """The annotated source ``name`` denotes (an exact match first), if any."""
    for exact in (True, False):
        for source in record.gold.sources:
            if matches_source(name, source, exact):
                return source
    return None


def is_non_source(name: str, record: AnnotatedArticle) -> bool:
    """Whether ``name`` is one of the names the annotations mark as no source."""
    return any(names_match(name, other) for other in record.gold.non_sources)


def match_sources(names: list[str], sources: tuple[GoldSource, ...]) -> dict[int, int]:
    """Predicted source names paired with gold sources, each used once: exact matches
    first, then whole-word containment; {predicted index: gold index}."""
    pairs: dict[int, int] = {}
    for exact in (True, False):
        for i, name in enumerate(names):
            if i in pairs:
                continue
            used = set(pairs.values())
            for j, source in enumerate(sources):
                if j not in used and matches_source(name, source, exact):
                    pairs[i] = j
                    break
    return pairs


def occurrences(text: str, needle: str) -> list[Where]:
    """Every place ``needle`` stands in ``text`` as whole words (any place, if none)."""
    needle = needle.strip()
    if not needle:
        return []
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    whole = [
        (a, b)
        for a, b in found
        if not (needle[0].isalnum() and a > 0 and text[a - 1].isalnum())
        and not (needle[-1].isalnum() and b < len(text) and text[b].isalnum())
    ]
    return whole or found


def overlaps(one: Where, other: Where) -> bool:
    """Whether two stretches share at least one character."""
    return one[0] < other[1] and other[0] < one[1]


def any_overlap(ones: Iterable[Where], others: Iterable[Where]) -> bool:
    """Whether any stretch of ``ones`` overlaps any of ``others``."""
    others = list(others)
    return any(overlaps(a, b) for a in ones for b in others)


def places(text: str, strings: Iterable[str]) -> list[Where]:
    """Every occurrence of each of ``strings`` in ``text``."""
    return [where for string in strings for where in occurrences(text, string)]


def finding_places(finding: Finding) -> list[Where]:
    """Where a finding stands: its span, or for the genre the cues that show it."""
    if finding.span is not None:
        return [(finding.span.start, finding.span.end)]
    cues = finding.details.get("cues", []) if finding.kind == "genre" else []
    return [(cue["start"], cue["end"]) for cue in cues if isinstance(cue, dict)]


def sentence_place(analysis: Analysis, index: int | None) -> list[Where]:
    """The stretch of sentence ``index`` of the analysis (none if there is no such one)."""
    if index is None or not 0 <= index < len(analysis.sentences):
        return []
    sentence = analysis.sentences[index]
    return [(sentence.start, sentence.end)]


def cited(analysis: Analysis, ids: Iterable[str], kind: str | None = None) -> list[Finding]:
    """The findings with these ids (of ``kind`` if given); unknown ids are left out."""
    by_id = {f.id: f for f in analysis.findings}
    return [by_id[i] for i in ids if i in by_id and kind in (None, by_id[i].kind)]


def claim_place(analysis: Analysis) -> list[Where]:
    """The sentence of our main claim."""
    claim = analysis.main_claim
    return sentence_place(analysis, claim.sentence) if claim else []


def ours_is_gold_claim(record: AnnotatedArticle, analysis: Analysis) -> bool:
    """Whether our main claim's sentence overlaps the annotated main claim."""
    return any_overlap(claim_place(analysis), occurrences(record.text, record.gold.main_claim))


def _subject(assertion: Assertion) -> str:
    """The assertion's subject without surrounding quotes, spaces and punctuation."""
    return (assertion.subject or "").strip(_EDGES)


def _assertion_places(
    assertion: Assertion, record: AnnotatedArticle, analysis: Analysis, kind: str
) -> list[Where]:
    """Where the assertion points: its evidence findings of ``kind``, else its subject's
    occurrences in the text."""
    found = [w for f in cited(analysis, assertion.evidence, kind) for w in finding_places(f)]
    return found or occurrences(record.text, _subject(assertion))


def _genre_named(subject: str) -> str | None:
    """The genre a subject names: its name ("press_release"), with spaces, or its label
    with or without the article ("a press release", "press release")."""
    words = name_words(subject.replace("_", " "))
    for name, kind in GENRES.items():
        label = name_words(kind.label)
        if words in {tuple(name.split("_")), label, label[1:]}:
            return name
    return None


def check_genre(assertion: Assertion, record: AnnotatedArticle, analysis: Analysis) -> str | None:
    """False when the genre it names is not the annotated one."""
    named = _genre_named(_subject(assertion)) or analysis.stats.get("genre")
    return None if named == record.genre else f"genre is {record.genre}, not {named}"


def check_state_media(assertion: Assertion, record: AnnotatedArticle, _: Analysis) -> str | None:
    """False when the outlet is not annotated as state media."""
    return None if record.state_media else "the outlet is not state media"


def check_issuer(assertion: Assertion, record: AnnotatedArticle, _: Analysis) -> str | None:
    """False unless the text is a press release."""
    return None if record.genre == "press_release" else "an issuer named, but no press release"


def check_main_claim(
    assertion: Assertion, record: AnnotatedArticle, analysis: Analysis
) -> str | None:
    """False when the words it calls the main claim lie outside the annotated one."""
    ours = _assertion_places(assertion, record, analysis, "claim") or claim_place(analysis)
    gold = occurrences(record.text, record.gold.main_claim)
    return None if any_overlap(ours, gold) else "not the annotated main claim"


def check_claim_attributed(
    assertion: Assertion, record: AnnotatedArticle, analysis: Analysis
) -> str | None:
    """False when the annotated claim, which is ours, is credited to no one."""
    if ours_is_gold_claim(record, analysis) and not record.gold.main_claim_attributed:
        return "the main claim is annotated as unattributed"
    return None


def check_claim_unattributed(
    assertion: Assertion, record: AnnotatedArticle, analysis: Analysis
) -> str | None:
    """False when the annotated claim, which is ours, is credited to a source."""
    if ours_is_gold_claim(record, analysis) and record.gold.main_claim_attributed:
        return "the main claim is annotated as attributed"
    return None


def check_claim_secondhand(
    assertion: Assertion, record: AnnotatedArticle, _: Analysis
) -> str | None:
    """False when the main claim is annotated as first-hand."""
    return None if record.gold.secondhand else "the main claim is annotated as first-hand"


def check_named_source(assertion: Assertion, record: AnnotatedArticle, _: Analysis) -> str | None:
    """False when the name is no annotated source, a non-source, or an anonymous one."""
    subject = _subject(assertion)
    source = gold_source(subject, record)
    if source is not None:
        return "a named source annotated as anonymous" if source.type == "anonymous" else None
    if is_non_source(subject, record):
        return "a non-source called a source"
    return "no such source annotated"


def check_unnamed_source(assertion: Assertion, record: AnnotatedArticle, _: Analysis) -> str | None:
    """False when the words are a source the annotations name, or a non-source."""
    subject = _subject(assertion)
    source = gold_source(subject, record)
    if source is not None and source.type != "anonymous":
        return "an unnamed source the annotations name"
    if source is None and is_non_source(subject, record):
        return "a non-source called an unnamed source"
    return None


def check_quotes(assertion: Assertion, record: AnnotatedArticle, _: Analysis) -> str | None:
    """False when no quotes are annotated."""
    return None if record.gold.quotes else "quotes claimed, none annotated"


def check_no_quotes(assertion: Assertion, record: AnnotatedArticle, _: Analysis) -> str | None:
    """False when quotes are annotated."""
    return "no quotes claimed, quotes annotated" if record.gold.quotes else None


def check_opinion(assertion: Assertion, record: AnnotatedArticle, analysis: Analysis) -> str | None:
    """False when the sentence it calls opinion is no annotated opinion sentence."""
    found = cited(analysis, assertion.evidence, "opinion")
    ours = [w for f in found for w in sentence_place(analysis, f.sentence) or finding_places(f)]
    ours = ours or occurrences(record.text, _subject(assertion))
    gold = places(record.text, record.gold.opinion_sentences)
    return None if any_overlap(ours, gold) else "not an annotated opinion sentence"


def check_hedge(assertion: Assertion, record: AnnotatedArticle, analysis: Analysis) -> str | None:
    """False when the word is no annotated hedge."""
    ours = _assertion_places(assertion, record, analysis, "hedge")
    gold = places(record.text, record.gold.hedges)
    return None if any_overlap(ours, gold) else "not an annotated hedge"


def check_loaded(assertion: Assertion, record: AnnotatedArticle, analysis: Analysis) -> str | None:
    """False when the word is no annotated loaded term."""
    ours = _assertion_places(assertion, record, analysis, "loaded")
    gold = places(record.text, record.gold.loaded_terms)
    return None if any_overlap(ours, gold) else "not an annotated loaded term"


def check_no_dates(assertion: Assertion, record: AnnotatedArticle, _: Analysis) -> str | None:
    """False when the text is annotated as giving dates."""
    return "no dates claimed, dates annotated" if record.gold.has_dates else None


def check_no_figures(assertion: Assertion, record: AnnotatedArticle, _: Analysis) -> str | None:
    """False when the text is annotated as giving figures."""
    return "no figures claimed, figures annotated" if record.gold.has_numbers else None


def _named_sources(record: AnnotatedArticle) -> list[GoldSource]:
    """The annotated sources of a named type."""
    return [s for s in record.gold.sources if s.type in NAMED_TYPES]


def check_no_named_sources(
    assertion: Assertion, record: AnnotatedArticle, _: Analysis
) -> str | None:
    """False when a named source is annotated."""
    return "no named source claimed, one annotated" if _named_sources(record) else None


def check_well_sourced(assertion: Assertion, record: AnnotatedArticle, _: Analysis) -> str | None:
    """False for a text that is no news report, or lacks named sources or quotes."""
    if record.genre != "news":
        return f"well sourced claimed of {record.genre}"
    if not _named_sources(record) or not record.gold.quotes:
        return "well sourced claimed without named sources and quotes"
    return None


def check_single_source(assertion: Assertion, record: AnnotatedArticle, _: Analysis) -> str | None:
    """False when the one source is no annotated source, or is a named one while two or
    more named sources are annotated (a claim on one unnamed source is not contradicted by
    named sources elsewhere in the text)."""
    source = gold_source(_subject(assertion), record)
    if source is None:
        return "the single source is no annotated source"
    if source.type != "anonymous" and len(_named_sources(record)) > 1:
        return "one source claimed, several named"
    return None


def check_check(assertion: Assertion, record: AnnotatedArticle, _: Analysis) -> str | None:
    """False when the source to check is the article's own outlet or no annotated source."""
    subject = _subject(assertion)
    if record.outlet and names_match(subject, record.outlet):
        return "advice to check the article's own outlet"
    return None if gold_source(subject, record) else "advice to check no annotated source"


def never(assertion: Assertion, record: AnnotatedArticle, analysis: Analysis) -> str | None:
    """A statement the annotations cannot contradict."""
    return None


CHECKS: dict[str, Check] = {
    "genre": check_genre,
    "state_media": check_state_media,
    "issuer": check_issuer,
    "main_claim": check_main_claim,
    "claim_attributed": check_claim_attributed,
    "claim_unattributed": check_claim_unattributed,
    "claim_secondhand": check_claim_secondhand,
    "named_source": check_named_source,
    "unnamed_source": check_unnamed_source,
    "outlet_source": check_named_source,
    "document_source": check_named_source,
    "quotes": check_quotes,
    "no_quotes": check_no_quotes,
    "opinion": check_opinion,
    "hedge": check_hedge,
    "loaded": check_loaded,
    "stock_phrase": never,
    "no_dates": check_no_dates,
    "no_figures": check_no_figures,
    "no_named_sources": check_no_named_sources,
    "well_sourced": check_well_sourced,
    "denial": never,
    "headline_overstates": never,
    "single_source": check_single_source,
    "issuer_only": never,
    "figures_characterised": never,
    "check": check_check,
    "attribution_share": never,
}
"""For each kind of assertion, what in the annotations contradicts it."""
