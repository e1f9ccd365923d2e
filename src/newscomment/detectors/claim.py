"""The main claim: the sentence carrying the article's central claim, chosen by genre.

A report puts its news first, so its lede is preferred, with the headline's words as a
tie-breaker; a press release's claim is its announcement; an opinion piece's is its
thesis: of the sentences in which the writer argues, the one that best states a position
(a recommendation or a verdict in a sentence a reader can hold, sharing the headline's
words, in the opening or closing paragraphs, supported by the rest of the text). Lines
that only lead in (a dateline, a salutation, a "Re:" line, "Please attribute to", a deck
or a question) are passed over. The finding says whether the claim is attributed, whether
it reaches the reader second-hand (through an outlet, an unnamed source or "reportedly"),
and holds its core clause verbatim for quoting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newscomment.detectors.base import finding, sentence_of, text_of
from newscomment.detectors.genre import OPINION_LABEL, REPLY_LINE, SALUTATION, predicate, urges
from newscomment.detectors.registry import Context, FindingIndex, detector
from newscomment.detectors.sources import credits_someone
from newscomment.lexicon import term_map, term_table
from newscomment.model import Finding

MIN_WORDS = 8
MIN_FALLBACK_WORDS = 4
MIN_THESIS_WORDS = 5
"""An argument's thesis may be short and blunt ("The better choice is clear.")."""
MAX_CORE_TOKENS = 30
DATELINE = re.compile(
    r"\s*[A-Z][A-Z .'-]{2,}(?:,[^\n–—-]{0,40}?)?(?:\s*\([^)]{1,40}\))?\s*[-–—]+\s+"
)
SECONDHAND_HEDGES = frozenset({"reportedly", "allegedly", "purportedly", "according to report"})
ATTRIBUTION_LINE = re.compile(r"^\s*(?:Please attribute|Attribute to|Attribution:)", re.IGNORECASE)
ANNOUNCING = frozenset(
    {
        "announce",
        "launch",
        "unveil",
        "appoint",
        "name",
        "award",
        "receive",
        "open",
        "provide",
        "invest",
        "introduce",
        "release",
        "expand",
        "partner",
        "sign",
        "welcome",
        "celebrate",
    }
)
RECOMMENDING = frozenset({"should", "must", "ought"})
JUDGING_WORDS = frozenset({"clear", "obvious", "undeniable", "plain", "time"})
EDGE_PARAGRAPHS = 2
"""How many opening and closing paragraphs an argument states or sums up its position in."""
STEM_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
MAX_THESIS_WORDS = 40
"""A thesis is a sentence a reader can hold; a longer one strings reasons together."""
THESIS_WEIGHTS = {  # what each trait of a thesis adds to a sentence's score, or takes off
    "states": 1.0,
    "placed": 0.5,
    "headline": 1.5,
    "central": 0.5,
    "hedged": 0.5,
    "anecdote": 0.5,
    "long": 0.5,
}
END_MARKS = frozenset(".!?\"'”’)")


def _content_words(tokens: TokenSpan) -> set[str]:
    """Lower-cased forms and lemmas of a sentence's content words."""
    return {w for t in tokens if t.is_alpha and not t.is_stop for w in (t.lower_, t.lemma_.lower())}


def _words(sentence: TokenSpan) -> int:
    """How many words a sentence has."""
    return sum(t.is_alpha for t in sentence)


def _is_deck(sentence: TokenSpan) -> bool:
    """Whether a sentence is a heading line of its own: it ends a paragraph without final
    punctuation and more text follows (a deck, a repeated headline, a label)."""
    text = text_of(sentence.doc)
    stop = sentence.start_char + len(sentence.text.rstrip())
    if text.find("\n", stop) != stop or not text[stop:].strip():
        return False
    return text[stop - 1] not in END_MARKS


def _leads_in(sentence: TokenSpan) -> bool:
    """Whether a sentence only leads in to the article: a "Re:" line, "Please attribute to
    ...", a salutation or label with little after it, a line that ends in a colon, a deck,
    or a question (a claim is stated, not asked)."""
    text = sentence.text.strip()
    if REPLY_LINE.match(text) or ATTRIBUTION_LINE.match(text) or text.endswith(":"):
        return True
    label = SALUTATION.match(text) or OPINION_LABEL.match(text)
    if label and len(text[label.end() :].split()) < MIN_WORDS:
        return True
    return text.endswith("?") or _is_deck(sentence)


def _past_deck(sentence: TokenSpan) -> TokenSpan:
    """The sentence without the heading lines the parser ran into it: the words after the
    last of its leading lines that are very short or have no final punctuation (a deck, a
    date, a place, an office)."""
    text = sentence.text
    cut = -1
    for line in re.finditer(r"[^\n]*\n", text):
        words = line.group().split()
        if len(words) >= MIN_FALLBACK_WORDS and words[-1][-1:] in END_MARKS:
            break
        cut = line.end()
    if cut == -1 or not text[cut:].strip():
        return sentence
    offset = sentence.start_char + cut
    rest = [t.i for t in sentence if t.idx >= offset and not t.is_space]
    return sentence.doc[rest[0] : sentence.end] if rest else sentence


def _usable(doc: Doc, least: int = MIN_WORDS) -> list[TokenSpan]:
    """The sentences that can carry a claim: long enough, and not a lead-in."""
    sentences = [_past_deck(s) for s in doc.sents]
    return [s for s in sentences if _words(s) >= least and not _leads_in(s)]


def _lede(doc: Doc, title: str | None) -> TokenSpan | None:
    """The lede, unless a sentence among the first three matches the headline better."""
    opening = list(doc.sents)[:8]
    if not opening:
        return None
    sentences = [s for s in _usable(doc) if s.start < opening[-1].end][:3]
    if not sentences:
        longest = max(opening, key=_words)
        return longest if _words(longest) >= MIN_FALLBACK_WORDS else None
    title_words = {w for w in re.findall(r"[a-z]+", (title or "").lower()) if len(w) > 3}

    def score(pair: tuple[int, TokenSpan]) -> float:
        position, sentence = pair
        overlap = len(title_words & _content_words(sentence)) / (len(title_words) or 1)
        return 1.0 / (1 + position) + overlap

    return max(enumerate(sentences), key=score)[1]


def _announcement(doc: Doc, title: str | None) -> TokenSpan | None:
    """A press release's announcement: the first of its opening sentences whose main verb
    announces ("announced", "will provide", "has received"), else its lede."""
    for sentence in _usable(doc)[:4]:
        root = sentence.root
        if root.lemma_.lower() in ANNOUNCING or any(
            c.lemma_.lower() in ANNOUNCING and c.dep_ in {"ccomp", "xcomp"} for c in root.children
        ):
            return sentence
    return _lede(doc, title)


def _recommends(sentence: TokenSpan) -> bool:
    """Whether the writer says what should happen ("X should", "must", "needs to")."""
    for token in sentence:
        if token.lower_ in RECOMMENDING and token.tag_ == "MD":
            return True
        if token.lemma_.lower() == "need" and token.pos_ == "VERB" and token.dep_ == "ROOT":
            return True
    return False


def _judges(sentence: TokenSpan) -> bool:
    """Whether the sentence's main clause passes judgement: "X is clear", "X is scandalous",
    "X has proven incapable" (an adjective or judging word predicated of a subject)."""
    root = sentence.root
    predicates = [c for c in root.children if c.dep_ in {"acomp", "attr", "oprd", "xcomp"}]
    return any(
        p.pos_ == "ADJ" or p.lemma_.lower() in JUDGING_WORDS or p.lower_ in JUDGING_WORDS
        for p in predicates
    )


def _argues(sentence: TokenSpan, found: FindingIndex) -> bool:
    """Whether a sentence argues in the writer's own voice: it judges or recommends, or
    the opinion detector marks it, and it neither reports what a source says nor quotes."""
    start, end = sentence.start_char, sentence.end_char
    verbs = term_map("reporting_verbs")
    reports = any(t.lemma_.lower() in verbs or t.lower_ == "according" for t in sentence)
    if reports and found.within("source", start, end):
        return False
    if any(q_start <= start < q_end for q_start, q_end in found.spans("quote")):
        return False
    return _judges(sentence) or _recommends(sentence) or bool(found.within("opinion", start, end))


def _paragraph_index(doc: Doc) -> list[int]:
    """Each paragraph's first character, in order (a paragraph is a non-empty line)."""
    return [m.start() for m in re.finditer(r"[^\n]*\S[^\n]*", text_of(doc))]


def _placed(sentence: TokenSpan, starts: list[int]) -> bool:
    """Whether a sentence lies in the first two or the last two paragraphs, where an
    argument states its position or sums it up."""
    paragraph = sum(start <= sentence.start_char for start in starts) - 1
    return paragraph < EDGE_PARAGRAPHS or paragraph >= len(starts) - EDGE_PARAGRAPHS


@cache
def _markers() -> tuple[str, ...]:
    """The phrases by which a writer states a position ("I believe", "it is time", "make
    no mistake"): the cues of ``data/genre_cues.txt`` marked ``thesis``."""
    table = term_table("genre_cues")
    return tuple(
        re.sub(r"[^\w']+", " ", p).strip() for p, row in table.items() if row[2:] == ("thesis",)
    )


def _verdict(sentence: TokenSpan) -> bool:
    """Whether the writer pronounces a verdict in so many words ("the choice is clear", "it
    is time", "I believe", "the truth is", "make no mistake")."""
    lowered = " " + re.sub(r"[^\w']+", " ", sentence.text.lower().replace("’", "'")) + " "
    if any(f" {marker} " in lowered for marker in _markers()):
        return True
    said = predicate(sentence)
    return said is not None and said.lower_ in JUDGING_WORDS


def _anecdote(sentence: TokenSpan) -> bool:
    """Whether a sentence tells what the writer did or saw ("I have read ...", "We drove
    ..."): an opening, not a position."""
    root = sentence.root
    subject = _subject(root)
    told = root.tag_ in {"VBD", "VBN"} or any(
        c.dep_ == "aux" and c.tag_ == "VBD" for c in root.children
    )
    return subject is not None and subject.lower_ in {"i", "we"} and told


def _stem(word: str) -> str:
    """A rough stem, so that a headline's "denies" meets a sentence's "deny"."""
    for suffix, repl in STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    return word


def _stems(words: set[str]) -> set[str]:
    """The rough stems of a set of words."""
    return {_stem(w) for w in words}


def _centrality(sentence: TokenSpan, doc: Doc) -> float:
    """How much the rest of the text shares a sentence's content words (the mean cosine of
    its words with every other sentence's): the position the other sentences support."""
    own = _content_words(sentence)
    others = [_content_words(s) for s in doc.sents if not s.start <= sentence.start < s.end]
    shared = [len(own & words) / (len(own) * len(words)) ** 0.5 for words in others if words]
    return sum(shared) / len(shared) if own and shared else 0.0


@dataclass(frozen=True, slots=True)
class _Piece:
    """What a thesis is weighed against: the findings, where the paragraphs start, the
    headline's words, and the most any candidate shares with the rest of the text."""

    found: FindingIndex
    paragraphs: list[int]
    title_words: set[str]
    most_central: float


def _thesis_score(sentence: TokenSpan, central: float, piece: _Piece) -> float:
    """How well a sentence states a position: a recommendation or an explicit verdict
    outranks a passing judgement; the headline's words, a place in the opening or closing
    paragraphs and the support of the rest of the text add to it; a hedged, anecdotal or
    rambling sentence is less likely the thesis."""
    held = _words(sentence) <= MAX_THESIS_WORDS
    value = THESIS_WEIGHTS["states"] * (held and (urges(sentence) or _verdict(sentence)))
    value += THESIS_WEIGHTS["placed"] * _placed(sentence, piece.paragraphs)
    if piece.title_words:
        shared = piece.title_words & _stems(_content_words(sentence))
        overlap = len(shared) / len(piece.title_words)
        value += THESIS_WEIGHTS["headline"] * overlap
    value += THESIS_WEIGHTS["central"] * central / (piece.most_central or 1.0)
    hedged = piece.found.within("hedge", sentence.start_char, sentence.end_char)
    value -= THESIS_WEIGHTS["hedged"] * bool(hedged)
    value -= THESIS_WEIGHTS["anecdote"] * _anecdote(sentence)
    value -= THESIS_WEIGHTS["long"] * (not held)
    return value


def _thesis(doc: Doc, found: FindingIndex, title: str | None) -> TokenSpan | None:
    """An opinion piece's thesis: of the sentences in which the writer argues, the one
    that best states a position (``_thesis_score``); the earliest wins a tie."""
    candidates = [s for s in _usable(doc, MIN_THESIS_WORDS) if _argues(s, found)]
    if not candidates:
        return None
    central = [_centrality(s, doc) for s in candidates]
    headline = re.findall(r"[a-z]+", (title or "").lower())
    title_words = _stems({w for w in headline if len(w) > 3 and w not in STOP_WORDS})
    piece = _Piece(found, _paragraph_index(doc), title_words, max(central))
    scored = [
        (_thesis_score(s, c, piece), -i)
        for i, (s, c) in enumerate(zip(candidates, central, strict=True))
    ]
    return candidates[-max(scored)[1]]


def _choose(context: Context) -> TokenSpan | None:
    """The main claim's sentence for the article's genre."""
    genre = next((f.label for f in context.found.of("genre")), "news")
    if genre == "opinion":
        return _thesis(context.doc, context.found, context.title) or _lede(
            context.doc, context.title
        )
    if genre == "press_release":
        return _announcement(context.doc, context.title)
    return _lede(context.doc, context.title)


def _subject(verb: Token) -> Token | None:
    """A verb's grammatical subject, if it has one."""
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _after_dateline(sentence: TokenSpan) -> int:
    """The first token after a wire dateline ("NAIROBI, March 4 (Reuters) -"), else the
    sentence's first token: the dateline says where the story was filed, not what happened."""
    match = DATELINE.match(sentence.text)
    if match is None:
        return sentence.start
    offset = sentence.start_char + match.end()
    return next((t.i for t in sentence if t.idx >= offset), sentence.start)


def core_clause(sentence: TokenSpan) -> TokenSpan:
    """The claim itself without the attribution around it ("X did Y", not ", Z reported")."""
    verbs = term_map("reporting_verbs")
    clause = sentence.root
    if clause.lemma_.lower() in verbs:
        reported = next((c for c in clause.children if c.dep_ == "ccomp"), clause)
        if _subject(reported) is None or _subject(reported).pos_ != "PRON":
            clause = reported
    subject = _subject(clause)
    start = subject.left_edge.i if subject is not None else clause.left_edge.i
    start = max(start, _after_dateline(sentence))
    kept = [
        c
        for c in clause.rights
        if not (c.dep_ in {"ccomp", "parataxis"} and c.lemma_.lower() in verbs)
        and c.lower_ != "according"
        and not c.is_punct
    ]
    end = max([clause.i + 1] + [c.right_edge.i + 1 for c in kept])
    while end > start + 1 and (sentence.doc[end - 1].is_punct or sentence.doc[end - 1].is_space):
        end -= 1
    if end - start > MAX_CORE_TOKENS:
        cut = [t.i for t in sentence.doc[start : start + MAX_CORE_TOKENS] if t.text in {",", ";"}]
        end = cut[-1] if cut and cut[-1] > start + MIN_WORDS else start + MAX_CORE_TOKENS
    return sentence.doc[start:end]


def _credited_nearby(context: Context, sentence: TokenSpan) -> bool:
    """Whether the claim's sentence or the one before credits anyone, by a source found or
    by a word of attribution."""
    index = sentence_of(context.doc, sentence.start_char)
    if context.found.in_sentences("source", max(index - 1, 0), index):
        return True
    sentences = list(context.doc.sents)
    near = sentences[max(index - 1, 0) : index + 1]
    return any(credits_someone(s.text) for s in near)


@detector("claim", needs=("source", "quote", "hedge", "opinion", "genre"))
def detect(context: Context) -> list[Finding]:
    """The one main-claim finding, or none for a text without a usable sentence."""
    sentence = _choose(context)
    if sentence is None:
        return []
    start, end = sentence.start_char, sentence.end_char
    sources = context.found.within("source", start, end)
    hedges = context.found.within("hedge", start, end)
    secondhand = any(
        f.label in {"media_outlet", "anonymous"} or f.details["via"] for f in sources
    ) or any(f.span.text.lower() in SECONDHAND_HEDGES for f in hedges)
    core = core_clause(sentence)
    if sources:
        names = ", ".join(dict.fromkeys(f.details["name"] for f in sources))
        note = f"attributed to {names}" + (", second-hand" if secondhand else "")
    else:
        note = "not attributed to any source" + (" and marked as hearsay" if secondhand else "")
    details = {
        "core": core.text,
        "core_start": core.start_char,
        "secondhand": secondhand,
        "hedged": bool(hedges),
        "credited_nearby": _credited_nearby(context, sentence),
    }
    label = "attributed" if sources else "unattributed"
    return [finding(context.doc, "claim", label, sentence, 0.9, note, details)]
