"""Decisive points: what matters most for how far to trust a text, one finding each.

- ``denial``: someone denies, rebuts, or declines to comment ("denied the report",
  "dismissed the claims", "did not respond to a request for comment"); worth most when
  buried in the second half and when it concerns what the main claim is about.
- ``headline_overstates``: a headline with no hedge or attribution over a main claim that
  the body hedges or rests on unnamed sources.
- ``single_source``: the main claim credits only unnamed sources, or every attributed
  sentence credits one and the same source.
- ``issuer_only``: a press release in which no one outside the issuer is heard.
- ``figures_characterised``: the lede characterises figures ("record", "soared",
  "smaller-than-expected") with the numbers beside them.

The words are data (``data/decisive_cues.txt``); the grammar that makes them count is here.
Each rule holds back when in doubt: a comment states these points first.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newscomment.contract import DecisivePointDetailsDict
from newscomment.detectors.base import (
    article_finding,
    finding,
    inside,
    lemma_key,
    match_lexicon,
)
from newscomment.detectors.registry import Context, FindingIndex, detector
from newscomment.lexicon import phrases, term_map
from newscomment.model import Finding

LEDE_SENTENCES = 2
MAX_ISSUER_PEOPLE = 2
VOICE_ENTITIES = frozenset({"ORG", "PERSON", "GPE", "NORP"})
ARGUED_OR_ISSUED = frozenset({"opinion", "press_release"})
"""Genres whose claim rests on the writer or the issuer, not on sources."""
FIGURE_ENTITIES = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
UNCERTAIN_HEDGES = frozenset({"modal", "probability", "appearance", "unconfirmed", "inference"})
"""Hedge labels that leave a claim unsure (not "scope": "in some cases")."""
TITLE_HEARSAY = frozenset(
    {"says", "say", "said", "claims", "claim", "according", "reports", "reported", "sources"}
    | {"source", "insider", "insiders", "rumour", "rumours", "rumor", "rumors", "alleged"}
)
"""Headline words that credit someone or mark hearsay."""
TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
QUOTE_MARKS = frozenset('"“”‘’')
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
"""How a noun such as "record" characterises a figure ("a record high"), not "on record"."""
MIN_TITLE_WORDS = 3
BURIED = 0.5
TITLE_SHARE = 0.5


def _classes(token: Token) -> set[str]:
    """The classes the cue table gives a token's lemma ("decline": decline and measure)."""
    table = term_map("decisive_cues")
    entry = table.get(token.lemma_.lower()) or table.get(token.lower_, "")
    return set(entry.split(",")) if entry else set()


def _match_classes(match: TokenSpan) -> set[str]:
    """The classes the cue table gives a lexicon match, by its lemmas or its words."""
    table = term_map("decisive_cues")
    entry = table.get(lemma_key(match)) or table.get(match.text.lower(), "")
    return set(entry.split(",")) if entry else set()


def _negated(token: Token) -> bool:
    """Whether a verb is negated ("did not respond", "could not be reached")."""
    return any(c.dep_ == "neg" for c in token.children)


def _hypothetical(token: Token) -> bool:
    """Whether a verb is only possible or conditional ("may deny", "if she denies")."""
    return any(
        (c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in {"could", "would"})
        or (c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"})
        for c in token.children
    )


MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
"""Where a verb form only describes a noun ("a disputed constitution"): no denial."""
MAX_CLAUSE = 14
"""Tokens after a denial's verb that its quoted clause may run to."""


def _denies(verb: Token) -> bool:
    """Whether a verb states a denial, a rebuttal, a refusal to comment or a silence."""
    if verb.pos_ not in {"VERB", "AUX"} or _hypothetical(verb) or verb.dep_ in MODIFIER_DEPS:
        return False
    classes = _classes(verb)
    lemma = verb.lemma_.lower()
    below = list(verb.children)
    if "deny" in classes:
        return not _negated(verb)
    if "reject" in classes:
        return not _negated(verb) and any(
            c.dep_ == "dobj" and "claim" in _classes(c) for c in below
        )
    if "decline" in classes:
        return any(c.dep_ == "xcomp" and "comment" in _classes(c) for c in below)
    if "respond" in classes:
        return _negated(verb) and any("comment" in _classes(t) for t in verb.subtree if t != verb)
    if lemma == "reach":
        return _negated(verb) and any(c.dep_ == "auxpass" for c in below)
    if lemma in {"call", "label", "describe"}:
        return any(c.dep_ == "dobj" and "claim" in _classes(c) for c in below) and any(
            c.dep_ in {"oprd", "acomp", "prep"} and any("false" in _classes(t) for t in c.subtree)
            for c in below
        )
    return False


def _clause(verb: Token, sentence: TokenSpan) -> TokenSpan:
    """The words that make the denial, to quote: the verb's clause within its sentence, at
    most ``MAX_CLAUSE`` tokens after the verb."""
    start = max(verb.left_edge.i, sentence.start)
    end = min(verb.right_edge.i + 1, sentence.end, verb.i + 1 + MAX_CLAUSE)
    while end > verb.i + 1 and sentence.doc[end - 1].is_punct:
        end -= 1
    return sentence.doc[start:end]


def _subject(verb: Token) -> Token | None:
    """A verb's subject, or that of the verb it is joined to ("... and declined to")."""
    for token in (verb, verb.head):
        subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
    return None


def _who(verb: Token, found: FindingIndex, sentence: TokenSpan) -> str | None:
    """The denier: the source found at the verb's subject, else the sentence's one source."""
    sources = found.within("source", sentence.start_char, sentence.end_char)
    subject = _subject(verb)
    if subject is not None:
        for source in sources:
            if source.span.start <= subject.idx < source.span.end or (
                subject.left_edge.idx <= source.span.start <= subject.right_edge.idx
            ):
                return source.details["name"]
    names = list(dict.fromkeys(s.details["name"] for s in sources))
    return names[0] if len(names) == 1 else None


def _content(tokens: TokenSpan | Doc) -> set[str]:
    """Lemmas of the names and nouns in some tokens."""
    return {t.lemma_.lower() for t in tokens if t.pos_ in {"PROPN", "NOUN"} and not t.is_stop}


def _details(
    who: str | None, against: str | None, figures: list[str], position: float
) -> DecisivePointDetailsDict:
    """A decisive point's details, as the contract gives them."""
    return {"who": who, "against": against, "figures": figures, "position": round(position, 3)}


def _claim(found: FindingIndex) -> Finding | None:
    """The main-claim finding, if there is one."""
    return next(iter(found.of("claim")), None)


def _denial(context: Context, sentences: list[TokenSpan]) -> list[Finding]:
    """The most telling denial: the latest one, scored up when buried or on the claim."""
    claim = _claim(context.found)
    claim_words = set()
    if claim is not None and claim.sentence is not None:
        claim_words = _content(sentences[claim.sentence])
    for index in range(len(sentences) - 1, -1, -1):
        sentence = sentences[index]
        verb = next((t for t in sentence if _denies(t)), None)
        if verb is None or (claim is not None and claim.sentence == index):
            continue
        position = index / len(sentences)
        on_claim = bool(claim_words & _content(sentence))
        score = 0.7 + (0.15 if position > BURIED else 0.0) + (0.1 if on_claim else 0.0)
        who = _who(verb, context.found, sentence)
        note = f"a denial or refusal to comment by {who or 'someone'}" + (
            ", late in the text" if position > BURIED else ""
        )
        span = _clause(verb, sentence)
        details = _details(who, claim.span.text if on_claim and claim else None, [], position)
        return [finding(context.doc, "decisive", "denial", span, score, note, details)]
    return []


def _title_words(title: str) -> list[str]:
    """A headline's words, lower-cased."""
    return [w.lower() for w in TITLE_WORD.findall(title)]


def _title_is_certain(title: str) -> bool:
    """Whether a headline states its news flat: no hedge, no credit, no question, no quote."""
    words = _title_words(title)
    if len(words) < MIN_TITLE_WORDS or "?" in title or any(c in QUOTE_MARKS for c in title):
        return False
    hedges = {p for p in phrases("hedges") if " " not in p}
    text = " ".join(words)
    multi = [p for p in phrases("hedges") if " " in p and p.replace("be ", "") in text]
    verbs = term_map("reporting_verbs")
    credited = any(w in verbs or w.removesuffix("s") in verbs or w[:-2] in verbs for w in words)
    return not (set(words) & (hedges | TITLE_HEARSAY) or multi or credited) and ":" not in title


def _headline(context: Context, sentences: list[TokenSpan]) -> list[Finding]:
    """A certain headline over a main claim the body hedges or gets from unnamed sources."""
    claim = _claim(context.found)
    title = (context.title or "").strip()
    if claim is None or claim.sentence is None or not title or not _title_is_certain(title):
        return []
    start, end = claim.span.start, claim.span.end
    quoted = context.found.spans("quote")
    hedges = [
        h
        for h in context.found.within("hedge", start, end)
        if h.label in UNCERTAIN_HEDGES and not inside((h.span.start, h.span.end), quoted)
    ]
    genre = _genre(context.found)
    gossip = genre is not None and genre.label == "tabloid"
    unnamed = [
        s for s in context.found.within("source", start, end) if gossip and s.label == "anonymous"
    ]
    shown = hedges[0] if hedges else (unnamed[0] if unnamed else None)
    if shown is None or not _matches_title(title, shown, context.doc):
        return []
    note = f'the headline states as certain what the body qualifies with "{shown.span.text}"'
    span = (shown.span.start, shown.span.end)
    details = _details(None, title, [], claim.sentence / len(sentences))
    return [finding(context.doc, "decisive", "headline_overstates", span, 0.8, note, details)]


def _matches_title(title: str, shown: Finding, doc: Doc) -> bool:
    """Whether the hedge or source qualifies the claim's main clause (its root verb, or
    what its reporting verb reports) and that clause shares the headline's words."""
    cue = doc.char_span(shown.span.start, shown.span.end, alignment_mode="expand")
    if cue is None:
        return False
    root = cue.root.sent.root
    reported = [c for c in root.children if c.dep_ == "ccomp"]
    if cue.root.head not in (root, *reported) and cue.root not in (root, *reported):
        return False
    words = {w.removesuffix("'s").removesuffix("’s") for w in _title_words(title) if len(w) > 3}
    forms = {w for t in cue.root.sent if t.is_alpha for w in (t.lower_, t.lemma_.lower())}
    shared = len(words & forms)
    return shared >= 2 and shared >= TITLE_SHARE * len(words)


def _genre(found: FindingIndex) -> Finding | None:
    """The genre finding, if there is one."""
    return next(iter(found.of("genre")), None)


def _unnamed(source: Finding, doc: Doc) -> bool:
    """Whether a source is a person left unnamed ("a source", "an insider", "officials"),
    not an institution the reader can identify ("authorities", "the ministry")."""
    if source.label != "anonymous":
        return False
    mention = doc.char_span(source.span.start, source.span.end, alignment_mode="expand")
    return mention is not None and "unnamed" in _classes(mention.root)


def _unnamed_only(sources: list[Finding], doc: Doc) -> bool:
    """Whether some sources are unnamed people and every other one is an outlet relaying
    them."""
    return any(_unnamed(s, doc) for s in sources) and all(
        _unnamed(s, doc) or s.label == "media_outlet" for s in sources
    )


def _single_source(context: Context, sentences: list[TokenSpan]) -> list[Finding]:
    """The main claim, or the whole story, credited only to unnamed sources (and outlets
    relaying them), or every credit given to one and the same source."""
    claim = _claim(context.found)
    genre = _genre(context.found)
    if claim is None or claim.sentence is None or (genre and genre.label in ARGUED_OR_ISSUED):
        return []
    near = context.found.in_sentences("source", max(claim.sentence - 1, 0), claim.sentence)
    sources = context.found.of("source")
    position = claim.sentence / len(sentences)
    for scope, where in ((near, "the main claim"), (sources, "the story")):
        if _unnamed_only(scope, context.doc):
            first = next(s for s in scope if s.label == "anonymous")
            note = f'{where} rests on unnamed sources ("{first.span.text}")'
            span = (first.span.start, first.span.end)
            details = _details(first.span.text, None, [], first.sentence / len(sentences))
            return [finding(context.doc, "decisive", "single_source", span, 0.75, note, details)]
    names = {s.details["name"].lower() for s in sources}
    speakers = {
        q.details["speaker"].lower() for q in context.found.of("quote") if q.details["speaker"]
    }
    if len(names) == 1 and len({s.sentence for s in sources}) >= 2 and speakers <= names and near:
        who = sources[0].details["name"]
        note = f"every attributed sentence credits one source, {who}"
        details = _details(who, None, [], position)
        return [article_finding("decisive", "single_source", 0.7, note, details)]
    return []


def _own_voice(source: Finding, issuer_words: set[str]) -> bool:
    """Whether a source is the issuer speaking: a person (its spokesperson, its head), the
    issuer by name, or a plain self-reference ("the company", "the university")."""
    name = source.details["name"]
    words = TITLE_WORD.findall(name)
    if source.label == "named_person":
        return True
    if source.label != "named_org":
        return False
    self_reference = name.lower().startswith("the ") and len(words) == 2 and words[1].islower()
    return self_reference or bool({w.lower() for w in words} & issuer_words)


def _outside_voices(doc: Doc, own: set[str]) -> bool:
    """Whether an organisation or person other than the issuer's own is made to speak:
    the subject of a reporting verb, or the author of a report, statement or study
    ("said the council", "a report by X"), whether or not it was found as a source."""
    verbs = term_map("reporting_verbs")
    for ent in doc.ents:
        if (
            ent.label_ not in VOICE_ENTITIES
            or {w.lower() for w in TITLE_WORD.findall(ent.text)} & own
        ):
            continue
        head = ent.root.head
        if ent.root.dep_ in SUBJECT_DEPS and head.lemma_.lower() in verbs:
            return True
        if ent.root.dep_ == "pobj" and head.lower_ in {"by", "from"} and head.head.pos_ == "NOUN":
            return True
    return False


def _issuer_only(context: Context) -> list[Finding]:
    """A press release in which no one is heard but the issuer and at most two of its
    people: no outlet, document, unnamed source or other organisation."""
    genre = _genre(context.found)
    if genre is None or genre.label != "press_release":
        return []
    issuer = genre.details.get("issuer")
    named = str(issuer) if issuer else " ".join(_opening_organisations(context.doc))
    issuer_words = {w.lower() for w in TITLE_WORD.findall(named) if len(w) > 2}
    sources = context.found.of("source")
    people = {s.details["name"] for s in sources if s.label == "named_person"}
    own = issuer_words | {w.lower() for p in people for w in TITLE_WORD.findall(p)}
    if (
        len(people) > MAX_ISSUER_PEOPLE
        or not issuer_words
        or not all(_own_voice(s, issuer_words) for s in sources)
        or _outside_voices(context.doc, own)
    ):
        return []
    note = f"only the issuer{f', {issuer},' if issuer else ''} is heard"
    details = _details(str(issuer) if issuer else None, None, [], 0.0)
    return [article_finding("decisive", "issuer_only", 0.7, note, details)]


def _opening_organisations(doc: Doc) -> list[str]:
    """The organisations named in the first sentence: who issues a release that does not
    say so otherwise."""
    first = next(iter(doc.sents), None)
    return [e.text for e in first.ents if e.label_ == "ORG"] if first is not None else []


def _figures(sentences: list[TokenSpan]) -> list[str]:
    """The numbers in some sentences (amounts, shares, counts; not dates)."""
    return [
        e.text
        for s in sentences
        for e in s.ents
        if e.label_ in FIGURE_ENTITIES and any(c.isdigit() for c in e.text)
    ]


def _about_figures(word: Token) -> bool:
    """Whether a characterising word is said of a figure: it, its head or its subject is a
    measure ("record profit", "turnout soared"), or a number stands in its phrase."""
    if word.pos_ == "NOUN" and word.dep_ not in MODIFIER_DEPS:
        return False
    head = word.head
    related = [word, head, *(c for c in (word, head) for c in c.children if c.dep_ in SUBJECT_DEPS)]
    if any("measure" in _classes(t) for t in related):
        return True
    return any(t.like_num and any(ch.isdigit() for ch in t.text) for t in head.subtree)


def _characterised(context: Context, sentences: list[TokenSpan]) -> list[Finding]:
    """The first lede word that characterises figures, with the numbers beside it."""
    quoted = context.found.spans("quote")
    for index, sentence in enumerate(sentences[:LEDE_SENTENCES]):
        for match in match_lexicon(sentence, "decisive_cues"):
            word = match.root
            if "characterise" not in _match_classes(match):
                continue
            if inside((match.start_char, match.end_char), quoted) or not _about_figures(word):
                continue
            figures = _figures(sentences[index : index + 2])
            if not figures:
                continue
            note = f'the lede calls the figures "{match.text}"; the numbers: {", ".join(figures)}'
            details = _details(None, match.text, figures, index / len(sentences))
            return [
                finding(context.doc, "decisive", "figures_characterised", match, 0.7, note, details)
            ]
    return []


@detector("decisive", needs=("source", "quote", "hedge", "claim", "genre"))
def detect(context: Context) -> list[Finding]:
    """At most one finding of each decisive point the text shows."""
    sentences = list(context.doc.sents)
    if not sentences:
        return []
    return [
        *_denial(context, sentences),
        *_headline(context, sentences),
        *_single_source(context, sentences),
        *_issuer_only(context),
        *_characterised(context, sentences),
    ]
