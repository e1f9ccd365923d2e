"""Sources and attribution: who the article says told it what, and through whom.

An attribution is a reporting verb with its subject ("X said", "X told Y", "X reported"),
"according to X", a noun of speech with its author ("criticism from X"), or "citing X".
Each source is typed ``named_person``, ``named_org``, ``media_outlet``, ``document`` or
``anonymous``; ``via`` records the outlet or source a second-hand claim came through.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newscomment.detectors.base import finding
from newscomment.detectors.coreference import is_position, is_title, named_for, people
from newscomment.detectors.outlets import dateline, is_outlet, is_own, own_outlet
from newscomment.detectors.quotes import quoted_in
from newscomment.detectors.registry import Context, detector
from newscomment.kinds import SOURCE_TYPES
from newscomment.lexicon import term_map
from newscomment.model import Finding

SPEECH_NOUNS = frozenset(
    (
        "criticism statement comment remark warning condemnation praise denial confirmation "
        "announcement assurance testimony "
    ).split()
)
PLEA_NOUNS = frozenset("call cry plea appeal demand concern objection".split())
"""Nouns of speech that name their author only with "from" or "by" ("calls from the
opposition"), not with a possessive ("his call for calm" is no new source)."""
DATA_NOUNS = frozenset("result finding figure data statistic".split())
"""Nouns of evidence whose named origin is a source ("figures from the Census Bureau")."""
RELATIVE_TAGS = frozenset({"WDT", "WP"})
LIST_BREAKS = frozenset({",", ";", ":"})
ANONYMITY_CUES = ("condition of anonymity", "familiar with", "close to", "not authorized to")
ACT_VERBS = frozenset({"claim", "declare", "post", "reveal", "share", "release"})
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})
CROWD_PRONOUNS = frozenset({"some", "many", "others", "several", "someone", "somebody"})
GROUP_PRONOUNS = frozenset({"they", "it", "its", "their"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
ENTITY_TYPES = {
    "PERSON": "named_person",
    "ORG": "named_org",
    "GPE": "named_org",
    "NORP": "named_org",
    "FAC": "named_org",
    "WORK_OF_ART": "document",
    "LAW": "document",
}


ATTRIBUTION_WORDS = re.compile(
    r"\b(?:said|says|say|told|tells|according|reported|reports|reportedly|claim(?:s|ed)?|"
    r"revealed|announced|confirmed|stated|insist(?:s|ed)?|alleged|allegedly|sources?|"
    r"insiders?|spokes(?:man|woman|person)|fans|rumou?rs?|speculat\w*|convinced)\b",
    re.IGNORECASE,
)
"""Words that credit something to someone, read in the text itself: where a detector must
not call a text unattributed, a credit the parse missed still counts."""


def credits_someone(text: str) -> bool:
    """Whether a stretch of text has any word that credits someone ("said", "sources")."""
    return ATTRIBUTION_WORDS.search(text) is not None


def _phrase(head: Token) -> TokenSpan:
    """The noun phrase a source head stands for: its left modifiers, itself and the
    anonymity qualifiers to its right ("officials familiar with the matter")."""
    doc = head.doc
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in {"amod", "acl", "relcl", "prep"} and any(
            cue in doc[child.left_edge.i : child.right_edge.i + 1].text.lower()
            for cue in ANONYMITY_CUES
        ):
            end = child.right_edge.i + 1
        elif (child.dep_ in {"compound", "flat", "appos"} and child.ent_type_) or (
            child.dep_ == "prep"
            and child.lower_ in {"by", "from", "of"}
            and term_map("source_words").get(head.lemma_.lower()) == "document"
            and child.right_edge.i - head.i <= 10
        ):
            end = max(end, child.right_edge.i + 1)
    start = head.left_edge.i
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start:end]


def _possessive(entity: TokenSpan) -> bool:
    """Whether an entity only modifies the phrase ("Johnson's critics", "the UK's Queen")."""
    doc = entity.doc
    return entity[-1].tag_ == "POS" or (entity.end < len(doc) and doc[entity.end].tag_ == "POS")


def _entity_in(phrase: TokenSpan, head: Token) -> TokenSpan | None:
    """The named entity the phrase is about: the head's own, else the last one before it
    that is not a possessive modifier."""
    if head.ent_type_:
        return _list_piece(
            next(ent for ent in phrase.doc.ents if ent.start <= head.i < ent.end), head
        )
    inside = [
        e
        for e in phrase.ents
        if e.label_ in ENTITY_TYPES and e.end <= head.i + 1 and not _possessive(e)
    ]
    return inside[-1] if inside else None


def _list_piece(entity: TokenSpan, head: Token) -> TokenSpan:
    """The one name of a list the recogniser ran together ("Acme, Globex" as one entity):
    the stretch between commas that holds the head, where the names are conjoined."""
    listed = any(t.dep_ == "conj" and entity.start <= t.head.i < entity.end for t in entity)
    if not listed or not any(t.text == "," for t in entity):
        return entity
    doc = entity.doc
    start = max([t.i + 1 for t in entity if t.text == "," and t.i < head.i], default=entity.start)
    end = min([t.i for t in entity if t.text == "," and t.i > head.i], default=entity.end)
    return TokenSpan(doc, start, end, label=entity.label_)


def _proper_name(head: Token) -> TokenSpan | None:
    """A proper name the recogniser missed: the head and the proper nouns compounded with it
    ("Queen Elizabeth II")."""
    if head.pos_ != "PROPN":
        return None
    start = head.i
    while start > 0 and head.doc[start - 1].pos_ == "PROPN" and head.doc[start - 1].head == head:
        start -= 1
    return head.doc[start : head.i + 1]


def _institution(head: Token) -> TokenSpan | None:
    """For "scientists from the University of Bristol": the institution a group belongs to."""
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in {"from", "at", "of", "with"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ == "ORG" and obj.i - head.i <= 8:
                    return head.doc[head.left_edge.i : obj.right_edge.i + 1]
    return None


def _untitled(person: TokenSpan) -> str:
    """A person's name without the titles written into it ("Governor Ana Ruiz" -> "Ana
    Ruiz"); a title kept where only a surname follows ("Mr Martin")."""
    start = person.start
    while person.end - start > 2 and is_title(person.doc[start]):
        start += 1
    return _bare(person.doc[start : person.end].text)


def _bare(name: str) -> str:
    """A name without the possessive it was written with ("Ruiz's" -> "Ruiz")."""
    return name.removesuffix("'s").removesuffix("’s")


def _referent_type(entity: TokenSpan) -> str:
    """The source type of the named entity a described source resolved to."""
    if entity.label_ == "PERSON":
        return "named_person"
    return "media_outlet" if is_outlet(entity.text, entity.doc) else "named_org"


def _named_outlet(phrase: TokenSpan, head: Token, entity: TokenSpan | None) -> TokenSpan | None:
    """The outlet a phrase names, whatever its head ("the Daily Record", "an AFP
    reporter", "OK! Magazine")."""
    if entity is not None and is_outlet(entity.text, head.doc):
        return entity
    if head.pos_ == "PROPN" and term_map("source_words").get(head.lemma_.lower()) == "media_outlet":
        start = phrase.start + (phrase[0].dep_ == "det")
        return phrase.doc[start : head.i + 1]
    return None


def _office_holder(head: Token) -> TokenSpan | None:
    """For "the Public Safety Department spokesman Bart Graves": the person an
    organisation's name, then a role noun, introduces; the organisation is only their
    title."""
    doc = head.doc
    org = next((e for e in doc.ents if e.start <= head.i < e.end), None)
    if org is None or org.label_ not in {"ORG", "GPE", "NORP"}:
        return None
    end = org.end
    while end < len(doc) and end - org.end < 3 and doc[end].pos_ == "NOUN":
        end += 1
    if end == org.end or not any(is_title(t) for t in doc[org.end : end]):
        return None
    person = next((e for e in doc.ents if e.start == end and e.label_ == "PERSON"), None)
    inside = person is not None and head.left_edge.i <= person.start <= head.right_edge.i
    return person if inside else None


def _type_of(phrase: TokenSpan, head: Token) -> tuple[str, str, TokenSpan]:
    """(type, name, mention span) of the source that a noun phrase names."""
    kinds = term_map("source_words")
    head_kind = kinds.get(head.lemma_.lower())
    words = {t.lemma_.lower() for t in phrase}
    entity = _entity_in(phrase, head)
    named = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
    if named:
        person = next(e for e in phrase.doc.ents if e.start <= named[0].i < e.end)
        return "named_person", _untitled(person), person
    holder = _office_holder(head)
    if holder is not None:
        return "named_person", _untitled(holder), holder
    outlet = _named_outlet(phrase, head, entity)
    if outlet is not None:
        return "media_outlet", _bare(outlet.text), outlet
    inside = entity is not None and entity.start <= head.i < entity.end
    if entity is not None and (
        head_kind not in {"anonymous", "document"} or (inside and head_kind == "anonymous")
    ):
        name = entity.text.removesuffix("'s")
        if head.pos_ == "NOUN" and not entity.start <= head.i < entity.end:
            name = phrase.doc[phrase.start : head.i + 1].text  # "Houthi rebels"
        if is_outlet(name, head.doc) or "media_outlet" in {kinds.get(w) for w in words}:
            return "media_outlet", name, entity
        if entity.label_ == "PERSON" and name == entity.text.removesuffix("'s"):
            return "named_person", _untitled(entity), entity
        if entity.label_ in ENTITY_TYPES:
            return ENTITY_TYPES[entity.label_], name, entity
    referent = named_for(head) if head_kind != "document" else None
    if referent is not None:
        return _referent_type(referent), _bare(referent.text), phrase
    proper = _proper_name(head) if entity is None else None
    if proper is not None and not head_kind:
        if any(is_title(t) for t in proper):
            return "named_person", _untitled(proper), proper
        return "named_org", proper.text, proper
    if head.lemma_.lower() == "report" and head.tag_ == "NNS" and not phrase.ents:
        return "anonymous", phrase.text, phrase
    institution = _institution(head) if head_kind == "anonymous" else None
    if institution is not None:
        return "named_org", institution.text, institution
    if head_kind in {"anonymous", "media_outlet"}:
        return "anonymous", phrase.doc[phrase.start : head.i + 1].text, phrase
    if head_kind:
        return head_kind, phrase.text, phrase
    return "", phrase.text, phrase


def _surname_of_person(mention: TokenSpan) -> bool:
    """Whether a one-word name is the surname of a person the article names in full, which
    the recogniser often takes for an organisation ("Elena Petrova said... Petrova added")."""
    return len(mention) == 1 and any(
        ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].text == mention.text
        for ent in mention.doc.ents
        if not ent.start <= mention.start < ent.end
    )


def _gender(words: list[Token]) -> str | None:
    """The sex the words around a person tell ("spokeswoman", "Mrs", "his"), if they
    agree on one."""
    table = term_map("gender_words")
    told = {table[w] for w in (t.lower_.rstrip(".") for t in words) if w in table}
    return told.pop() if len(told) == 1 else None


def _context(mention: TokenSpan) -> list[Token]:
    """A mention's words and the few before it, where titles and role nouns stand (not
    the pronouns there, which may be someone else's)."""
    doc = mention.doc
    start = max(mention.sent.start, mention.start - 3)
    return [t for t in doc[start : mention.start] if t.pos_ != "PRON"] + list(mention)


def _own_pronouns(subject: TokenSpan) -> list[Token]:
    """The possessive pronouns of a subject's own clause ("Tom Baker lost his barn": his)."""
    verb = subject.root.head
    return [t for t in verb.subtree if t.dep_ == "poss" and t.pos_ == "PRON" and t.i > subject.end]


def _titled_org(mention: TokenSpan) -> bool:
    """Whether a name the recogniser took for an organisation is a person's, a role noun
    written just before it ("police spokeswoman Ana Ruiz")."""
    before = mention.doc[mention.start - 1] if mention.start else None
    return (
        before is not None
        and before.pos_ == "NOUN"
        and is_title(before)
        and 2 <= len(mention) <= 3
        and all(t.pos_ == "PROPN" for t in mention)
    )


def _person_mention(earlier: Finding, doc: Doc) -> TokenSpan | None:
    """The mention of an earlier source that one person can be: a named person, or one
    unnamed person ("the neighbour", "a source"), not a group."""
    mention = doc.char_span(earlier.span.start, earlier.span.end) if earlier.span else None
    if mention is None or earlier.label not in {"named_person", "anonymous"}:
        return None
    root = mention.root
    if earlier.label == "anonymous" and (root.tag_ != "NN" or root.pos_ == "PRON"):
        return None
    return mention


Candidate = tuple[bool, int, str, str]
"""(outside quotation marks, offset, type, name) of a referent a pronoun may have."""


def _person_candidates(pronoun: Token, found: list[Finding]) -> list[Candidate]:
    """Each person "he" or "she" can stand for, with a sex that does not contradict the
    pronoun: earlier sources that are one person, and people named earlier as the subject
    of a clause (those inside quotation marks are weaker)."""
    doc = pronoun.doc
    quoted = quoted_in(doc)
    sex = term_map("gender_words")[pronoun.lower_]
    told: dict[str, list[Token]] = {}
    candidates: list[Candidate] = []
    for earlier in found:
        mention = _person_mention(earlier, doc)
        if mention is None or earlier.span.start >= pronoun.idx:
            continue
        told.setdefault(earlier.details["name"], []).extend(_context(mention))
        candidates.append((True, earlier.span.start, earlier.label, earlier.details["name"]))
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.root.dep_ in SUBJECT_DEPS and ent.end_char <= pronoun.idx:
            name = _untitled(ent)
            told.setdefault(name, []).extend(_context(ent) + _own_pronouns(ent))
            outside = not any(a <= ent.start_char < b for a, b in quoted)
            candidates.append((outside, ent.start_char, "named_person", name))
    return [c for c in candidates if _gender(told[c[3]]) in {None, sex}]


def _resolve_pronoun(pronoun: Token, found: list[Finding]) -> tuple[str, str] | None:
    """(type, name) of what a pronoun subject ("he said") most likely refers to: the most
    recent earlier source of a fitting type or, for "he"/"she", the nearest person before
    it whose sex, where the text tells it, fits."""
    if pronoun.lower_ in PERSON_PRONOUNS:
        candidates = _person_candidates(pronoun, found)
    else:
        wanted = {"named_org", "media_outlet", "anonymous", "document"}
        candidates = [
            (True, earlier.span.start, earlier.label, earlier.details["name"])
            for earlier in found
            if earlier.label in wanted and earlier.span and earlier.span.start < pronoun.idx
        ]
    if not candidates:
        return None
    _, _, label, name = max(candidates)
    return label, name


def _via(head: Token) -> Token | None:
    """The head of the source a mention came through: "sources cited in X", "officials
    told X" (X an outlet), or for "X reported, citing Y" the X behind Y."""
    for child in head.children:
        if child.dep_ in {"acl", "relcl"} and child.lemma_ in {"cite", "quote", "report"}:
            for prep in child.children:
                if prep.dep_ in {"prep", "agent"}:
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return obj
    verb = head.head
    if head.dep_ in SUBJECT_DEPS and verb.lemma_ == "tell":
        for obj in verb.children:
            if obj.dep_ in {"dative", "dobj"} and is_outlet(_name_of(obj), obj.doc):
                return obj
    if head.dep_ in SUBJECT_DEPS:
        listener = _spoken_to(verb)
        if listener is not None:
            return listener
    if head.dep_ == "dobj" and verb.lemma_ == "quote" and _quoted_as(verb):
        return _subject(verb)
    if head.dep_ == "dobj" and verb.lemma_ == "cite" and verb.tag_ == "VBG":
        verbs = term_map("reporting_verbs")
        for ancestor in verb.ancestors:
            if ancestor.lemma_.lower() in verbs and _subject(ancestor) is not None:
                return _subject(ancestor)
    return None


def _spoken_to(verb: Token) -> Token | None:
    """The outlet a speaker talked to: "Speaking to The Sun, she said", "she said in an
    interview with X"."""
    for clause in [verb, *(c for c in verb.children if c.lemma_ == "speak")]:
        for prep in clause.children:
            if prep.lower_ == "to" and clause.lemma_ == "speak":
                objs = [o for o in prep.children if o.dep_ == "pobj"]
            elif prep.lower_ == "in":
                objs = [
                    o
                    for n in prep.children
                    if n.lemma_ == "interview"
                    for w in n.children
                    if w.lower_ == "with"
                    for o in w.children
                    if o.dep_ == "pobj"
                ]
            else:
                continue
            objs = [o for o in objs if is_outlet(_name_of(o), o.doc)]
            if objs:
                return objs[0]
    return None


def _name_of(head: Token) -> str:
    """The name a head token stands for: its entity's text, else its phrase."""
    phrase = _phrase(head)
    return _type_of(phrase, head)[1]


def _subject(verb: Token) -> Token | None:
    """Who speaks through a reporting verb: its subject; for a passive one the agent ("he
    was told by the minister": the minister), never the passive subject, which is the
    listener or the thing reported, except in "X was quoted as saying"; for "..., saying"
    the subject of the clause it hangs on."""
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    for child in verb.children:
        if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and verb.lemma_ == "quote"):
            return child
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.pos_ in {"VERB", "AUX"}:
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    verbs = term_map("reporting_verbs")
    if verb.dep_ == "conj" and (verb.lemma_ == "say" or verb.head.lemma_.lower() in verbs):
        return _subject(verb.head)
    return None


def _stranded(verb: Token) -> Token | None:
    """For '"...," NASA astronomer Ana Ruiz, the study's lead author, said' parsed with no
    subject for the verb: the person named between the closing quotation mark and it."""
    doc = verb.doc
    if verb.tag_ not in {"VBD", "VBZ"}:
        return None
    i = verb.i - 1
    while i > verb.sent.start and not doc[i].is_quote:
        i -= 1
    if not (doc[i].is_quote and doc[i - 1].is_punct) or i == verb.i - 1:
        return None
    person = next((e for e in doc[i + 1 : verb.i].ents if e.label_ == "PERSON"), None)
    return person.root if person is not None and not _possessive(person) else None


def _quoted_as(verb: Token) -> list[Token]:
    """Who "X quoted Y as saying" credits: Y."""
    speech = [
        c
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "as"
        for c in prep.children
        if term_map("reporting_verbs").get(c.lemma_.lower()) == "speech"
    ]
    return [c for c in verb.children if c.dep_ == "dobj"] if speech else []


def _performed(verb: Token) -> bool:
    """Whether a verb that can report speech here names an act instead ("declared a state
    of emergency", "posted a photo", "an attack claimed by the group"): it reports speech
    only with a clause or a quotation, not with a plain object."""
    if verb.lemma_ not in ACT_VERBS:
        return False
    if any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children):
        return False
    return verb.dep_ in {"acl", "amod"} or any(c.dep_ == "dobj" for c in verb.children)


QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'"})
TEMPORAL_MARKS = frozenset({"after", "before", "since", "until", "when", "while", "following"})


def _circumstance(verb: Token) -> bool:
    """Whether a reporting verb only dates something else ("... after X comments"): in a
    clause of time, with nothing said (no clause, object or quotation), it credits no one."""
    if not any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in verb.children):
        return False
    said = {"ccomp", "xcomp", "dobj", "parataxis", "prep", "advcl"}
    if any(c.dep_ in said for c in verb.children):
        return False
    return not any(t.text in QUOTE_MARKS for t in verb.sent)


def _hypothetical(verb: Token) -> bool:
    """Whether a reporting verb is under a modal ("should reject", "will announce"): a
    speech act prescribed, possible or yet to come is not one the article reports."""
    return any(child.dep_ == "aux" and child.tag_ == "MD" for child in verb.children)


def _cue_heads(doc: Doc) -> list[tuple[Token, Token, str]]:
    """(source head, cue token, cue kind) for every attribution pattern in the doc."""
    verbs = term_map("reporting_verbs")
    cues: list[tuple[Token, Token, str]] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma == "accord" or tok.lower_ == "according":
            for prep in tok.children:
                cues += [(o, tok, "according to") for o in prep.children if o.dep_ == "pobj"]
        elif tok.pos_ == "VERB" and lemma in verbs:
            if lemma == "cite" and tok.tag_ == "VBG":
                cues += [(o, tok, "citing") for o in tok.children if o.dep_ == "dobj"]
                continue
            if lemma == "point" and not any(c.lower_ == "out" for c in tok.children):
                continue
            if lemma == "quote":
                cues += [(o, tok, "speech") for o in _quoted_as(tok)]
            subject = _antecedent(_subject(tok) or _stranded(tok))
            if (
                subject is not None
                and not _hypothetical(tok)
                and not _performed(tok)
                and not _circumstance(tok)
            ):
                cues += [(s, tok, verbs[lemma]) for s in _conjoined(subject)]
        elif tok.pos_ == "NOUN" and lemma in SPEECH_NOUNS | PLEA_NOUNS:
            cues += [(o, tok, "speech noun") for o in _speech_authors(tok)]
            if lemma in PLEA_NOUNS:
                cues += [(o, tok, "speech noun") for o in _listed_authors(tok)]
        elif tok.pos_ == "NOUN" and lemma in DATA_NOUNS:
            cues += [(o, tok, "evidence") for o in _data_origins(tok)]
    cues += [(o, o.head, "credit line") for o in _credit_lines(doc)]
    return cues


def _antecedent(subject: Token | None) -> Token | None:
    """For "the report, which showed ...": the noun a relative pronoun subject stands for,
    climbing out of a prepositional object ("the report on prisons which showed")."""
    if subject is None or subject.tag_ not in RELATIVE_TAGS or subject.head.dep_ != "relcl":
        return subject
    noun = subject.head.head
    kinds = term_map("source_words")
    while noun.lemma_.lower() not in kinds and noun.dep_ == "pobj":
        if noun.head.head.pos_ != "NOUN":
            break
        noun = noun.head.head
    return noun


def _listed_authors(noun: Token) -> list[Token]:
    """For "calls for action: from A; from B, such as C and D": the named authors listed
    after the colon, each "from" item a clause of its own."""
    doc = noun.doc
    end = noun.sent.end
    colon = next((t for t in doc[noun.i + 1 : min(end, noun.i + 5)] if t.text == ":"), None)
    if colon is None or colon.i + 1 >= end or doc[colon.i + 1].lower_ != "from":
        return []
    heads: list[Token] = []
    item: list[Token] = []
    for tok in doc[colon.i + 1 : end]:
        if tok.text in LIST_BREAKS or _list_and(tok):
            heads += _named_end(item)
            item = []
        else:
            item.append(tok)
    return heads + _named_end(item)


def _list_and(tok: Token) -> bool:
    """Whether an "and" or "or" joins two list items, not the words of one name
    ("Securities and Investments Commission"): it follows a comma or comes before a "the"
    or a "from"."""
    if tok.lower_ not in {"and", "or"} or tok.i + 1 >= len(tok.doc):
        return False
    after = tok.doc[tok.i + 1]
    return tok.doc[tok.i - 1].text == "," or after.lower_ in {"the", "from"}


def _named_end(item: list[Token]) -> list[Token]:
    """The head of the capitalised name a list item ends with ("miners such as BHP": BHP),
    as its last word; none where the item ends with no name."""
    words = [t for t in item if not t.is_punct]
    if not words or not (words[-1].is_title or words[-1].is_upper) or words[-1].like_num:
        return []
    return [words[-1]]


def _data_origins(noun: Token) -> list[Token]:
    """The named origin of figures or results ("figures from the Census Bureau",
    "results from the National Survey"): a proper name after "from" or "by"."""
    return [
        o
        for prep in noun.children
        if prep.lower_ in {"from", "by"}
        for o in prep.children
        if o.dep_ == "pobj" and o.pos_ == "PROPN"
    ]


def _credit_lines(doc: Doc) -> list[Token]:
    """The issuer a release credits on a line of its own: "(From the Harbor Police)"."""
    found = []
    for tok in doc:
        if tok.lower_ != "from" or tok.i == 0 or doc[tok.i - 1].text != "(":
            continue
        opening = doc[tok.i - 1]
        if opening.i > 0 and "\n" not in doc[opening.i - 1].text_with_ws:
            continue
        for obj in tok.children:
            closing = obj.right_edge.i + 1
            shut = closing < len(doc) and doc[closing].text == ")" and _line_ends(doc[closing])
            if obj.dep_ == "pobj" and obj.pos_ == "PROPN" and shut:
                found.append(obj)
    return found


def _line_ends(tok: Token) -> bool:
    """Whether a token is the last of its line."""
    return tok.i + 1 >= len(tok.doc) or "\n" in tok.whitespace_ or tok.doc[tok.i + 1].is_space


def _conjoined(subject: Token) -> list[Token]:
    """A subject and the names joined to it by "and" or "or" ("Ana Ruiz and Tom Lee
    said"); names strung on commas alone after a speaker are their title and affiliation
    ("Jo Reyes, Records Section, City Water Board"), not more speakers."""
    names = [c for c in subject.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    joined = any(c.dep_ == "cc" for t in [subject, *names] for c in t.children)
    return [subject, *names] if joined else [subject]


def _speech_authors(noun: Token) -> list[Token]:
    """Who made a statement a noun of speech names: "criticism from X", "a statement by X",
    "X's announcement", "his comment"."""
    authors = [
        o
        for prep in noun.children
        if prep.lower_ in {"from", "by"}
        for o in prep.children
        if o.dep_ == "pobj"
    ]
    authors += [c for o in authors for c in o.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    if noun.lemma_.lower() in PLEA_NOUNS:
        return authors
    return authors + [
        c for c in noun.children if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN", "PRON"}
    ]


def _source_finding(
    mention: TokenSpan, source_type: str, name: str, cue: str, cue_kind: str, via: str | None
) -> Finding:
    """One source mention as a finding; the name and chain go in its details."""
    note = f"{SOURCE_TYPES[source_type].label} {name!r} ({cue})"
    if via:
        note += f", via {via}"
    score = 0.8 if source_type == "anonymous" else 0.9
    details = {"name": name, "cue": cue, "cue_kind": cue_kind, "via": via or None}
    return finding(mention.doc, "source", source_type, mention, score, note, details)


def _pronoun_finding(head: Token, cue_text: str, cue_kind: str, found: list[Finding]):
    """The finding for a pronoun source ("he said"), as the source it refers to; "some"
    and "many" are an unnamed crowd."""
    if head.lower_ in CROWD_PRONOUNS:
        return _source_finding(
            head.doc[head.i : head.i + 1], "anonymous", head.text, cue_text, cue_kind, None
        )
    referent = (
        _resolve_pronoun(head, found) if head.lower_ in (PERSON_PRONOUNS | GROUP_PRONOUNS) else None
    )
    if referent is None or cue_kind == "document":
        return None
    return _source_finding(head.doc[head.i : head.i + 1], *referent, cue_text, cue_kind, None)


def _foreign(source_type: str, name: str, own: set[str]) -> bool:
    """Whether a source is someone other than the article's own outlet, which is no
    source for what people told it."""
    return not (source_type == "media_outlet" and is_own(name, own))


@detector("source")
def detect(context: Context) -> list[Finding]:
    """Every attribution in the article, one finding per source mention; nothing in the
    dateline, and not the article's own outlet."""
    doc = context.doc
    own = own_outlet(context.outlet, doc)
    opening = doc.char_span(0, dateline(doc)[0], alignment_mode="expand")
    after = opening.end if opening is not None else 0
    found: list[Finding] = []
    seen: set[int] = set()
    for head, cue, cue_kind in sorted(_cue_heads(doc), key=lambda c: c[0].i):
        if head.i in seen or head.i < after or not any(ch.isalpha() for ch in head.text):
            continue
        cue_text = "according to" if cue_kind == "according to" else cue.text
        if head.pos_ == "PRON" or head.lower_ in CROWD_PRONOUNS:
            pronoun = _pronoun_finding(head, cue_text, cue_kind, found)
            if pronoun is not None and _foreign(pronoun.label, pronoun.details["name"], own):
                seen.add(head.i)
                found.append(pronoun)
            continue
        source_type, name, mention = _type_of(_phrase(head), head)
        if source_type == "named_org" and (_surname_of_person(mention) or _titled_org(mention)):
            source_type = "named_person"
        if not source_type or (cue_kind == "document" and source_type != "document"):
            continue
        seen.add(head.i)
        if not _foreign(source_type, name, own):
            continue
        via_head = _via(head)
        via = None
        if via_head is not None:
            via_type, via, via_mention = _type_of(_phrase(via_head), via_head)
            if not _foreign(via_type, via, own):
                via = None
            elif via_head.i not in seen and via_type:
                seen.add(via_head.i)
                found.append(_source_finding(via_mention, via_type, via, "cited", "report", None))
        found.append(_source_finding(mention, source_type, name, cue_text, cue_kind, via))
    found.sort(key=lambda f: f.span.start if f.span else 0)
    return _lone_speaker(found, doc)


def _lone_speaker(found: list[Finding], doc: Doc) -> list[Finding]:
    """When the article names one person as a source and gives them no title, a position
    it credits without a name ("the spokesman said", "Iran's foreign minister said") is
    that person: a story does not leave its one speaker's office unnamed beside them."""
    names = [f.details["name"] for f in found if f.label == "named_person"]
    if len({n.split()[-1] for n in names}) != 1:
        return found
    speaker = max(names, key=len)
    if any(p.roles for p in people(doc) if p.name.text.split()[-1] == speaker.split()[-1]):
        return found
    out = []
    positions: set[str] = set()
    for item in found:
        mention = doc.char_span(item.span.start, item.span.end) if item.span else None
        if item.label == "anonymous" and mention is not None and is_position(mention.root):
            positions.add(item.details["name"])
        if item.label == "anonymous" and mention is not None and item.details["name"] in positions:
            cue, kind, via = (item.details[k] for k in ("cue", "cue_kind", "via"))
            item = _source_finding(mention, "named_person", speaker, cue, kind, via)
        out.append(item)
    return out
