"""The assess stage: run the detectors on a parsed article, rank what they found, and
gather sources, per-sentence attribution and article-level figures into an Analysis."""

from __future__ import annotations

from spacy.tokens import Doc

from newscomment.contract import StatsDict
from newscomment.detectors import detect_all
from newscomment.kinds import SOURCE_TYPES
from newscomment.learned.shelf import ModelShelf
from newscomment.lexicon import term_map
from newscomment.model import Analysis, Article, Finding, MainClaim, Sentence, Source

KIND_WEIGHTS = {
    "genre": 0.9,
    "claim": 1.0,
    "decisive": 1.0,
    "opinion": 0.75,
    "hedge": 0.6,
    "missing": 0.7,
    "loaded": 0.5,
    "source": 0.5,
    "boilerplate": 0.3,
    "quote": 0.3,
}
LABEL_WEIGHTS = {
    ("source", "anonymous"): 0.85,
    ("source", "media_outlet"): 0.75,
    ("missing", "no_named_sources"): 0.95,
    ("missing", "no_figures"): 0.75,
}


def _sentences(doc: Doc, findings: list[Finding]) -> list[Sentence]:
    """The article's sentences, each marked attributed when it credits a source or a
    quote with a stated speaker covers it."""
    credited = {f.sentence for f in findings if f.kind == "source"}
    quoted = [
        (f.span.start, f.span.end)
        for f in findings
        if f.kind == "quote" and f.span and f.details["speaker"]
    ]
    return [
        Sentence(
            index=i,
            start=s.start_char,
            end=s.end_char,
            text=s.text,
            attributed=i in credited or any(a < s.end_char and s.start_char < b for a, b in quoted),
        )
        for i, s in enumerate(doc.sents)
    ]


def source_key(name: str) -> str:
    """How two mentions of one source compare: no leading article, title ("Gov.", "Mr")
    or possessive, lower case."""
    words = name.strip().removesuffix("'s").removesuffix("’s").lower().split()
    titles = term_map("role_words")
    while len(words) > 1 and (words[0] == "the" or words[0].rstrip(".") in titles):
        words = words[1:]
    return " ".join(words)


def _same_person(key: str, other: str) -> bool:
    """Whether two person names are one person: one is the other's surname."""
    short, full = sorted((key, other), key=len)
    return short != full and full.split()[-1] == short


def _described_before(name: str, key: str, merged: dict[str, Source]) -> str:
    """The key of the unnamed source a definite description refers back to ("the insider"
    after "an insider", "the source" after "a security source"), else its own key."""
    if not name.lower().startswith(("the ", "that ")):
        return key
    head = key.split()[-1]
    earlier = [k for k, s in merged.items() if s.type == "anonymous" and k.split()[-1] == head]
    return earlier[-1] if earlier else key


def _sources(findings: list[Finding]) -> list[Source]:
    """Merge source mentions into sources; a surname and its full name are one source, and
    so are an unnamed source and "the ..." that refers back to it."""
    merged: dict[str, Source] = {}
    for item in (f for f in findings if f.kind == "source" and f.span):
        name = item.details.get("name", item.span.text)
        key = source_key(name)
        if item.label == "named_person" and key not in merged:
            same = [
                k for k, s in merged.items() if s.type == "named_person" and _same_person(k, key)
            ]
            if same and len(key) > len(same[0]):
                merged[key] = merged.pop(same[0])
                merged[key].name = name
            elif same:
                key = same[0]
        elif item.label == "anonymous" and key not in merged:
            key = _described_before(name, key, merged)
        source = merged.get(key)
        if source is None:
            source = merged[key] = Source(name=name, type=item.label)  # type: ignore[arg-type]
        elif SOURCE_TYPES[item.label].rank < SOURCE_TYPES[source.type].rank:
            source.type = item.label  # type: ignore[assignment]
        source.mentions.append(item.span)
        source.finding_ids.append(item.id)
        source.via = source.via or item.details.get("via")
    return list(merged.values())


def _rank(findings: list[Finding], sentence_count: int, claim_sentence: int | None) -> None:
    """Salience: how much a finding matters to a reader, by kind, confidence and place."""
    for item in findings:
        weight = LABEL_WEIGHTS.get((item.kind, item.label), KIND_WEIGHTS[item.kind])
        if item.in_quote:
            weight *= 0.5
        position = 1.0
        if item.sentence is not None:
            position = 1.0 - 0.3 * item.sentence / max(sentence_count, 1)
            if item.sentence == claim_sentence and item.kind != "claim":
                position += 0.3
        item.salience = round(weight * item.score * position, 3)


def _stats(
    article: Article, sentences: list[Sentence], findings: list[Finding], sources: list[Source]
) -> StatsDict:
    """Article-level figures: counts and shares a reader or a corpus study compares."""

    def count(kind: str) -> int:
        return sum(1 for f in findings if f.kind == kind)

    missing = {f.label for f in findings if f.kind == "missing"}
    genre = next((f for f in findings if f.kind == "genre"), None)
    total = max(len(sentences), 1)
    return {
        "genre": genre.label if genre else "news",  # type: ignore[typeddict-item]
        "state_media": bool(genre and genre.details["state_media"]),
        "words": article.words,
        "sentences": len(sentences),
        "attributed_share": round(sum(s.attributed for s in sentences) / total, 3),
        "sources": len(sources),
        "named_sources": sum(1 for s in sources if s.type != "anonymous"),
        "anonymous_sources": sum(1 for s in sources if s.type == "anonymous"),
        "quotes": count("quote"),
        "hedges": count("hedge"),
        "opinion_sentences": count("opinion"),
        "opinion_share": round(count("opinion") / total, 3),
        "loaded": count("loaded"),
        "boilerplate": count("boilerplate"),
        "has_absolute_dates": "no_absolute_dates" not in missing,
        "has_figures": "no_figures" not in missing,
    }


def assess(article: Article, doc: Doc, models: ModelShelf) -> Analysis:
    """The analysis of a parsed article: findings, sources, main claim and figures."""
    findings = detect_all(doc, article.title, models, article.outlet, article.url)
    sentences = _sentences(doc, findings)
    claim_finding = next((f for f in findings if f.kind == "claim"), None)
    main_claim = None
    if claim_finding is not None and claim_finding.sentence is not None:
        main_claim = MainClaim(
            sentence=claim_finding.sentence,
            attributed=claim_finding.label == "attributed",
            secondhand=claim_finding.details["secondhand"],
            finding_id=claim_finding.id,
        )
    _rank(findings, len(sentences), main_claim.sentence if main_claim else None)
    sources = _sources(findings)
    return Analysis(
        article=article,
        sentences=sentences,
        findings=findings,
        sources=sources,
        main_claim=main_claim,
        stats=_stats(article, sentences, findings, sources),
    )
