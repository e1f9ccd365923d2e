"""News outlets among an article's names: the shipped list, names built on a news word,
names the text uses as outlets ("told The Sun", "published in the journal Nature"), and
the article's own outlet and dateline, which are not its sources."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newscomment.detectors.base import text_of
from newscomment.lexicon import phrases

NEWS_WORDS = frozenset(
    (
        "times post news journal herald tribune gazette telegraph press radio television tv "
        "broadcasting broadcaster daily magazine chronicle wire newswire "
    ).split()
)
PUBLICATION_NOUNS = frozenset({"journal", "magazine", "newspaper", "tabloid", "website", "paper"})
DATELINE = re.compile(
    r"\A\s*(?:[A-Z][A-Z.'’\- ]+[A-Z.](?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)*)"
    r"\s*(?:\((?P<credit>[^()\n]{1,40})\))?\s*(?:—|–|--|-|:)\s"
)
CACHE_KEY = "newscomment.outlets"


def key(name: str) -> str:
    """A name as outlets compare: lower case, no leading article, possessive or stops."""
    bare = name.strip().lower().removesuffix("'s").removesuffix("’s").replace(".", "")
    return bare.removeprefix("the ").strip()


def _acronym(name: str) -> str:
    """The initials of a many-word name ("Associated Press" -> "ap")."""
    words = [w for w in re.split(r"[\s\-]+", key(name)) if w and w not in {"of", "and"}]
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _proper_object(obj: Token) -> bool:
    """Whether a listener is written as a title-case publication name: "The Sun",
    "People", not "reporters", "police" or a person."""
    if obj.ent_type_ == "PERSON" or obj.pos_ != "PROPN":
        return False
    det = [c for c in obj.children if c.dep_ == "det"]
    return bool(det) and det[0].text == "The" and not det[0].is_sent_start


def _in_interview(verb: Token) -> bool:
    """Whether a verb of speech is "in an interview"."""
    return any(
        p.lower_ == "in" and any(o.lemma_ == "interview" for o in p.children) for p in verb.children
    )


def _listener_outlet(tok: Token) -> bool:
    """Whether a token is an outlet by its place: the listener of "told The Sun" or of
    "told X in an interview", the object of "speaking to The Sun", "an interview with X",
    "published in X", or the name in "the journal X"."""
    head = tok.head
    if tok.dep_ in {"dative", "dobj"} and head.lemma_ == "tell":
        return _proper_object(tok) or (_in_interview(head) and tok.pos_ == "PROPN")
    if tok.dep_ == "appos":
        return head.lemma_ in PUBLICATION_NOUNS and tok.pos_ == "PROPN"
    if tok.dep_ != "pobj" or tok.pos_ != "PROPN" or tok.ent_type_ == "PERSON":
        return False
    governor = head.head.lemma_
    return (
        (head.lower_ == "to" and governor == "speak" and _proper_object(tok))
        or (head.lower_ == "with" and governor == "interview")
        or (head.lower_ == "in" and governor == "publish")
    )


def _context_names(doc: Doc) -> set[str]:
    """Names the text itself uses as outlets."""
    return {_name(tok) for tok in doc if _listener_outlet(tok)}


def _name(tok: Token) -> str:
    """The name a token heads with its left modifiers ("The Sun"), compared as a key."""
    return key(tok.doc[tok.left_edge.i : tok.i + 1].text)


def context_names(doc: Doc) -> set[str]:
    """The names this doc uses as outlets (computed once per doc)."""
    if CACHE_KEY not in doc.user_data:
        doc.user_data[CACHE_KEY] = _context_names(doc)
    return doc.user_data[CACHE_KEY]


def is_outlet(name: str, doc: Doc) -> bool:
    """Whether a name is a news organisation: listed, built on a news word, or used as
    one in this text."""
    bare = key(name)
    if bare in set(phrases("media_outlets")) or bare in context_names(doc):
        return True
    words = name.replace("-", " ").split()
    return any(w.lower() in NEWS_WORDS for w in words[1:] if w[:1].isupper())


def dateline(doc: Doc) -> tuple[int, str | None]:
    """(end offset, credit) of the dateline an article opens with ("TORONTO (Reuters) —"):
    nothing in it is a source, and its credit is the article's own outlet."""
    match = DATELINE.match(text_of(doc))
    if match is None:
        return 0, None
    return match.end(), match.group("credit")


def own_outlet(outlet: str | None, doc: Doc) -> set[str]:
    """The keys by which the text may name its own outlet: the outlet it came with and
    the dateline's credit, each also by its initials."""
    names = [n for n in (outlet, dateline(doc)[1]) if n]
    keys = {key(n) for n in names} | {_acronym(n) for n in names}
    return {k for k in keys if k}


def is_own(name: str, own: set[str]) -> bool:
    """Whether a source's name is the article's own outlet ("AP" in an Associated Press
    story, "The Associated Press" in an AP one)."""
    return bool(own) and (key(name) in own or _acronym(name) in own)
