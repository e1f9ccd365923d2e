"""Direct quotes: quoted speech and its speaker, where the article states one.

Quotations are found in double marks and in single ones (British style), telling a single
mark that opens or closes a quotation from an apostrophe ("don't", "the Smiths' car"); a
quotation left open at a paragraph's end continues in the next paragraph that opens with a
mark, and counts once. Quoted words are speech when they read as an utterance; scare quotes
(a word or two put in quotation marks with no verb of saying) and titles are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newscomment.detectors.base import finding, sentence_of, sentence_starts, text_of
from newscomment.detectors.registry import Context, FindingIndex, detector
from newscomment.lexicon import term_map
from newscomment.model import Finding

DOUBLE = {"“": '”"', "«": "»", "„": "“”", '"': '"”'}
"""Each opening double mark and the marks that close it (typography is often mixed)."""
SINGLE_OPENERS = frozenset("‘'")
SINGLE_CLOSERS = frozenset("’'")
BEFORE_OPENER = frozenset('([{—–-“"')
TITLE_CUES = re.compile(
    r"\b(book|novel|film|movie|song|album|series|show|play|poem|headline|article|essay|"
    r"titled|entitled|called|dubbed|named|so-called|known as|slogan|hashtag)\W*$",
    re.IGNORECASE,
)
SPEAKER_CUES = frozenset({"speech", "stance", "report"})
LABEL_VERBS = frozenset({"call", "describe", "dub", "term", "label", "brand", "name"})
"""Verbs that put a label in quotation marks rather than report what someone said."""
MIN_SPEECH_WORDS = 4


@dataclass(frozen=True, slots=True)
class Quotation:
    """Quoted words: the first paragraph's ``start``-``end`` and, for a quotation that runs
    over several paragraphs, the end of its last one (``reach``)."""

    start: int
    end: int
    reach: int


def _opens_single(paragraph: str, i: int) -> bool:
    """Whether a single mark opens a quotation: after a space, the start or an opening
    bracket, and before a letter (not the apostrophe of "the '90s")."""
    before = paragraph[i - 1] if i else " "
    after = paragraph[i + 1 : i + 2]
    return (before.isspace() or before in BEFORE_OPENER) and after.isalpha()


def _closes_single(paragraph: str, j: int) -> int:
    """How surely a single mark closes a quotation: 0 not at all (an apostrophe inside a
    word, "don't"), 1 weakly (a plural possessive, "the Smiths' car"), 2 surely."""
    before = paragraph[j - 1]
    after = paragraph[j + 1 : j + 2] or " "
    if before.isspace() or after.isalnum():
        return 0
    possessive = before in "sS" and after == " " and paragraph[j + 2 : j + 3].islower()
    return 1 if possessive else 2


def _single_end(paragraph: str, i: int) -> int:
    """Where the single quotation opened at ``i`` closes: the first sure closer before the
    next opening mark, else the first weak one; -1 when it stays open."""
    weak = -1
    for j in range(i + 2, len(paragraph)):
        char = paragraph[j]
        if char in SINGLE_OPENERS and _opens_single(paragraph, j):
            break
        if char in SINGLE_CLOSERS:
            sureness = _closes_single(paragraph, j)
            if sureness == 2:
                return j
            if sureness == 1 and weak < 0:
                weak = j
    return weak


def _open_end(paragraph: str, i: int) -> int | None:
    """Where a quotation opened at ``i`` closes (-1: at the paragraph's end), or None when
    the character opens none."""
    char = paragraph[i]
    if char in DOUBLE:
        ends = [j for j in (paragraph.find(c, i + 1) for c in DOUBLE[char]) if j >= 0]
        return min(ends, default=-1)
    if char not in SINGLE_OPENERS or not _opens_single(paragraph, i):
        return None
    end = _single_end(paragraph, i)
    leads = not paragraph[:i].strip() or paragraph[:i].rstrip().endswith(":")
    return end if end >= 0 or leads else None


def _paragraph_ranges(paragraph: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quotation in one paragraph; an unclosed one runs to the
    paragraph's end."""
    ranges: list[tuple[int, int, bool]] = []
    i = 0
    while i < len(paragraph):
        end = _open_end(paragraph, i)
        if end is None:
            i += 1
            continue
        stop = len(paragraph) if end < 0 else end
        inner = paragraph[i + 1 : stop]
        if inner.strip():
            lead = len(inner) - len(inner.lstrip())
            ranges.append((i + 1 + lead, i + 1 + len(inner.rstrip()), end >= 0))
        i = stop + 1
    return ranges


def quotations(text: str) -> list[Quotation]:
    """Every quotation in the text, a quotation that runs over paragraphs counted once."""
    found: list[Quotation] = []
    offset = 0
    still_open = False
    for paragraph in text.split("\n"):
        ranges = _paragraph_ranges(paragraph)
        first_mark = len(paragraph) - len(paragraph.lstrip())
        for k, (start, end, _closed) in enumerate(ranges):
            if k == 0 and still_open and start - first_mark <= 1 and found:
                found[-1] = Quotation(found[-1].start, found[-1].end, offset + end)
            else:
                found.append(Quotation(offset + start, offset + end, offset + end))
        if paragraph.strip():
            still_open = bool(ranges) and not ranges[-1][2]
        offset += len(paragraph) + 1
    return found


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of the words inside each pair of quotation marks, per paragraph: the
    stretches where the words are someone else's, not the writer's."""
    ranges: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        ranges += [(offset + start, offset + end) for start, end, _ in _paragraph_ranges(paragraph)]
        offset += len(paragraph) + 1
    return ranges


def quoted_in(doc: Doc) -> list[tuple[int, int]]:
    """``quoted_ranges`` of a parsed article, worked out once per doc: every detector that
    tells the writer's words from others' asks for them."""
    ranges = doc.user_data.get("newscomment_quoted")
    if ranges is None:
        ranges = doc.user_data["newscomment_quoted"] = quoted_ranges(text_of(doc))
    return ranges


def _roots(doc: Doc, quote: Quotation) -> list[Token]:
    """The quoted tokens whose syntactic head lies outside the quote."""
    inside = [t for t in doc if quote.start <= t.idx < quote.end]
    return [t for t in inside if not quote.start <= t.head.idx < quote.end or t.head is t]


def _reported(roots: list[Token]) -> bool:
    """Whether a verb of saying governs the quoted words directly ("said it was 'a
    mistake'") or through the clause it reports ("said the dogs went 'crazy'"), with no
    verb that labels ("called it 'a mistake'") or does something else ("pushed a barrow
    full of 'waste'") in between."""
    verbs = term_map("reporting_verbs")
    for ancestor in roots[0].ancestors if roots else ():
        lemma = ancestor.lemma_.lower()
        if lemma in LABEL_VERBS:
            return False
        if ancestor.pos_ == "VERB" and verbs.get(lemma) in {"speech", "report"}:
            return True
        if ancestor.pos_ == "VERB" and ancestor.dep_ != "ccomp":
            return False
    return False


def _names_a_thing(roots: list[Token]) -> bool:
    """Whether the quote modifies a noun, as a label does ('a "stay home" order')."""
    return any(t.dep_ in {"nmod", "compound", "amod"} and t.head.pos_ == "NOUN" for t in roots)


def _is_speech(doc: Doc, quote: Quotation) -> bool:
    """Whether quoted words are an utterance rather than a scare quote or a title."""
    text = text_of(doc)
    inner = text[quote.start : quote.end]
    words = inner.split()
    roots = _roots(doc, quote)
    if TITLE_CUES.search(text[max(0, quote.start - 40) : max(quote.start - 1, 0)]):
        return False
    if _names_a_thing(roots):
        return False
    if len(words) < MIN_SPEECH_WORDS:
        return _reported(roots)
    capitalised = sum(w[:1].isupper() for w in words)
    return not (capitalised / len(words) > 0.7 and inner[-1:] not in ".,!?")


def _paragraph_of(text: str, char: int) -> tuple[int, int]:
    """(start, end) of the paragraph holding ``char``."""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, len(text) if end < 0 else end


def _named(candidates: list[Finding]) -> list[Finding]:
    """The candidates less any outlet another candidate spoke through ("the governor told
    the AP": the governor's words, not the AP's)."""
    vias = {f.details.get("via") for f in candidates}
    kept = [f for f in candidates if f.details["name"] not in vias]
    return kept or candidates


def _introduced(doc: Doc, quote: Quotation, found: FindingIndex) -> Finding | None:
    """For a quote that opens its paragraph, the source of a paragraph just before that
    ends by introducing it ("Ana Ruiz, the union's leader, said:")."""
    text = text_of(doc)
    para_start, _ = _paragraph_of(text, quote.start)
    before = text[:para_start].rstrip()
    if not before.endswith(":") or text[para_start : quote.start - 1].strip():
        return None
    prev_start, _ = _paragraph_of(text, len(before) - 1)
    sources = [
        f
        for f in found.within("source", prev_start, len(before))
        if f.details["cue_kind"] in SPEAKER_CUES
    ]
    return _named(sources)[-1] if sources else None


def _speaker(
    doc: Doc, quote: Quotation, found: FindingIndex, quoted: list[tuple[int, int]]
) -> str | None:
    """The source credited in the quote's own sentences, within its paragraph, or the short
    sentence right after it in the same paragraph; else a text that states the quoted
    words in the quote's own sentence ("a survey showed support for '...'")."""
    text = text_of(doc)
    para_start, para_end = _paragraph_of(text, quote.start)
    first, last = sentence_of(doc, quote.start), sentence_of(doc, quote.end)
    credited = [
        f
        for f in found.in_sentences("source", first, last + 1)
        if para_start <= f.span.start < para_end
        and not any(a <= f.span.start < b for a, b in quoted)
    ]
    candidates = [f for f in credited if f.details["cue_kind"] in SPEAKER_CUES]
    within = [f for f in candidates if (f.sentence or 0) <= last]
    starts = [*sentence_starts(doc), len(text)]
    next_is_short = last + 2 < len(starts) and starts[last + 2] - starts[last + 1] <= 80
    texts = [f for f in credited if f.details["cue_kind"] == "document" and f.sentence <= last]
    chosen = _named(within or (candidates if next_is_short else []) or texts)
    if not chosen:
        introducer = _introduced(doc, quote, found)
        return introducer.details["name"] if introducer else None
    nearest = min(
        chosen, key=lambda f: min(abs(f.span.start - quote.start), abs(f.span.start - quote.end))
    )
    return nearest.details.get("name")


def _continued(
    doc: Doc, quote: Quotation, quotes: list[Finding], found: FindingIndex
) -> str | None:
    """The speaker of the quote just before, when no other source comes between and this one
    follows it in the same paragraph ("...," she said. "We need access now.") or opens the
    next paragraph right after a paragraph that ended with that speaker's quote."""
    if not quotes or not quotes[-1].details["speaker"]:
        return None
    text = text_of(doc)
    last = quotes[-1].span
    between = text[last.end : quote.start]
    para_start, _ = _paragraph_of(text, quote.start)
    speaker = quotes[-1].details["speaker"]
    others = found.within("source", last.end, quote.start)
    if not all(_same_speaker(doc, f.details["name"], speaker) for f in others):
        return None
    if "\n" in between:
        opens_paragraph = not text[para_start : quote.start].strip(" \t" + "".join(DOUBLE) + "‘'")
        ended_previous = not re.search(r"[.!?…][”\"’']?\s*\S", text[last.end : para_start].strip())
        if not (opens_paragraph and (ended_previous or others)):
            return None
    return speaker


def _same_speaker(doc: Doc, name: str, speaker: str) -> bool:
    """Whether a source mention names the speaker again: the same name or surname, or
    "the neighbour" for "the elderly neighbour"."""
    if _fullest(doc, name) == speaker:
        return True
    described = name.lower().startswith(("the ", "that "))
    return described and name.split()[-1].lower() == speaker.split()[-1].lower()


def _fullest(doc: Doc, name: str) -> str:
    """A surname as the full name the article gives that person ("Pravdo" -> "Steven Pravdo")."""
    if " " in name or not name[:1].isupper():
        return name
    fuller = [
        e.text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].text == name
    ]
    return fuller[0].removesuffix("'s").removesuffix("’s") if fuller else name


@detector("quote", needs=("source",))
def detect(context: Context) -> list[Finding]:
    """One finding per direct quote, noting its speaker when the article gives one."""
    doc, found = context.doc, context.found
    quoted = quoted_in(doc)
    quotes: list[Finding] = []
    for quote in quotations(text_of(doc)):
        if not _is_speech(doc, quote):
            continue
        speaker = _speaker(doc, quote, found, quoted)
        speaker = _fullest(doc, speaker) if speaker else _continued(doc, quote, quotes, found)
        note = f"direct quote from {speaker}" if speaker else "direct quote, speaker not stated"
        score = 0.95 if speaker else 0.8
        span = (quote.start, quote.end)
        quotes.append(
            finding(doc, "quote", "direct_quote", span, score, note, {"speaker": speaker})
        )
    return quotes
