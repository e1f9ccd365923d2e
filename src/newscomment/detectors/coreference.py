"""In-document coreference for sources: the named person or organisation that a described
source stands for ("the governor" for Gov. Ana Ruiz, "the spokeswoman" for "Nancy Lee, the
agency's spokeswoman", "the agency" for the Federal Roads Agency), found from the titles and
appositions the article gives the names it mentions."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newscomment.lexicon import term_map

DEFINITE = frozenset({"the", "this", "that"})
TITLE_POS = frozenset({"NOUN", "PROPN", "ADJ"})
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
PROPER_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC"})
CACHE_KEY = "newscomment.coreference"
POSITIONS = frozenset(
    (
        "president minister premier chancellor mayor governor senator congressmember "
        "secretary ambassador spokesperson chair director commissioner judge sheriff chief "
        "leader head commander superintendent"
    ).split()
)


@dataclass(frozen=True, slots=True)
class Named:
    """A person the article names, with the roles it gives them and the words around them."""

    name: TokenSpan
    roles: frozenset[str]
    modifiers: frozenset[str]
    proper: frozenset[str]


def role(token: Token) -> str:
    """One spelling of a title or role noun: "Gov." and "governor" are both "governor"."""
    table = term_map("role_words")
    word = token.lower_.rstrip(".")
    lemma = token.lemma_.lower().rstrip(".")
    return table.get(word) or table.get(lemma) or lemma


def is_title(token: Token) -> bool:
    """Whether a token is a title or role noun ("Gov.", "spokeswoman", "minister")."""
    return token.lower_.rstrip(".") in term_map("role_words") or (
        term_map("source_words").get(token.lemma_.lower()) == "anonymous"
    )


def _title_run(ent: TokenSpan) -> list[Token]:
    """The title words written just before a name: "state fire spokeswoman" in "state fire
    spokeswoman Ana Ruiz", "Kentucky Gov." in "Kentucky Gov. Ana Ruiz"."""
    doc = ent.doc
    run: list[Token] = []
    i = ent.start - 1
    while i >= 0 and doc[i].pos_ in TITLE_POS and doc[i].ent_type_ != "PERSON":
        run.insert(0, doc[i])
        if doc[i].is_sent_start:
            break
        i -= 1
    return run


def _apposition(ent: TokenSpan) -> list[Token]:
    """The noun phrase set beside a name: "the incident commander" in "Ana Ruiz, the
    incident commander, said", or "the agency's spokeswoman" in "the agency's
    spokeswoman, Ana Ruiz, said"."""
    root = ent.root
    inside = range(ent.start, ent.end)
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i not in inside:
            return [t for t in child.subtree if t.i not in inside]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i not in inside:
        head = root.head
        return [t for t in head.subtree if t.i < ent.start and t.i not in inside]
    return []


def _described(ent: TokenSpan) -> Named:
    """A person's entry: the name without a title it starts with, and what the article
    calls them (titles before the name, the head of an apposition)."""
    start = ent.start
    while start < ent.end - 1 and is_title(ent.doc[start]):
        start += 1
    name = TokenSpan(ent.doc, start, ent.end, label="PERSON")
    words = _title_run(ent) + list(ent.doc[ent.start : start])
    roles = {role(words[-1])} if words else set()
    beside = _apposition(ent)
    heads = [t for t in beside if t.pos_ == "NOUN" and t.head not in beside]
    roles |= {role(t) for t in heads}
    words += beside
    return Named(
        name=name,
        roles=frozenset(roles),
        modifiers=frozenset(role(t) for t in words if t.pos_ in TITLE_POS),
        proper=frozenset(
            role(t)
            for t in words
            if (t.pos_ == "PROPN" and not is_title(t)) or t.ent_type_ in PROPER_LABELS
        ),
    )


def _apposed_names(doc: Doc) -> list[TokenSpan]:
    """Names the recogniser missed but a role in apposition marks ("Ana Ruiz, the
    governor, said")."""
    spans: list[TokenSpan] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.ent_type_ or is_title(tok):
            continue
        beside = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if any(is_title(c) for c in beside):
            start = tok.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head == tok:
                start -= 1
            if not any(is_title(t) for t in doc[start : tok.i + 1]):
                spans.append(TokenSpan(doc, start, tok.i + 1, label="PERSON"))
    return spans


def _titled_names(doc: Doc) -> list[TokenSpan]:
    """Names the recogniser missed but a title marks ("Gov. Ana Ruiz", "Mayor Tom Lee"):
    the proper nouns after a title, outside any entity."""
    spans: list[TokenSpan] = []
    i = 0
    while i < len(doc):
        if doc[i].pos_ == "PROPN" and is_title(doc[i]) and not doc[i].ent_type_:
            start = end = i + 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
                end += 1
            if end > start and not is_title(doc[end - 1]):
                spans.append(TokenSpan(doc, start, end, label="PERSON"))
            i = end
        else:
            i += 1
    return spans


def people(doc: Doc) -> list[Named]:
    """Every person the article names, with what it calls them (computed once per doc)."""
    if CACHE_KEY not in doc.user_data:
        names = [e for e in doc.ents if e.label_ == "PERSON"]
        names += _titled_names(doc) + _apposed_names(doc)
        doc.user_data[CACHE_KEY] = [_described(e) for e in names]
    return doc.user_data[CACHE_KEY]


def _definite(head: Token) -> bool:
    """Whether a described source is one definite person or body ("the governor",
    "Kentucky's governor", "Foreign Minister"), not "a spokesman" or "officials"."""
    if head.tag_ not in {"NN", "NNP"}:
        return False
    dets = [c.lower_ for c in head.children if c.dep_ in {"det", "predet"}]
    if any(d not in DEFINITE for d in dets) or any(c.dep_ == "nummod" for c in head.children):
        return False
    return bool(dets) or any(c.dep_ == "poss" for c in head.children) or head.pos_ == "PROPN"


def _modifiers(head: Token) -> tuple[set[str], set[str]]:
    """(all, proper) modifier words of a described source: "Kentucky" in "Kentucky's
    governor", "foreign" in "the foreign minister"."""
    words = [
        t
        for c in head.children
        if c.dep_ in MODIFIER_DEPS
        for t in c.subtree
        if t.pos_ in TITLE_POS
    ]
    proper = {role(t) for t in words if t.pos_ == "PROPN" or t.ent_type_ in PROPER_LABELS}
    return {role(t) for t in words}, proper


def _person_for(head: Token) -> TokenSpan | None:
    """The person whose title or apposition is this role ("the governor" for Gov. Ana Ruiz):
    the best fit of modifiers, then the nearest before, then the first after."""
    wanted = role(head)
    modifiers, proper = _modifiers(head)
    fits = [
        p
        for p in people(head.doc)
        if wanted in p.roles and not (proper and p.proper and not proper & p.proper)
    ]
    if not fits:
        return None

    def rank(p: Named) -> tuple[int, int, int]:
        before = p.name.start < head.i
        return (-len(modifiers & p.modifiers), 0 if before else 1, abs(head.i - p.name.start))

    return min(fits, key=rank).name


def _name_after(head: Token) -> TokenSpan | None:
    """The name a title stands right before when the parser split them ("Foreign
    Minister | Ana Ruiz")."""
    doc = head.doc
    nxt = head.i + 1
    if head.pos_ != "PROPN" or nxt >= len(doc) or doc[nxt].ent_iob_ != "B":
        return None
    return next((e for e in doc.ents if e.start == nxt and e.label_ == "PERSON"), None)


def _org_for(head: Token) -> TokenSpan | None:
    """The one organisation the article names with this head noun ("the agency" for the
    Federal Roads Agency, "the health department" for the County Health Department)."""
    if head.pos_ != "NOUN" or term_map("source_words").get(head.lemma_.lower()) != "named_org":
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
        return None
    modifiers, _ = _modifiers(head)
    wanted = modifiers | {head.lemma_.lower()}
    orgs = {
        e.text.lower().removeprefix("the "): e
        for e in head.doc.ents
        if e.label_ == "ORG" and wanted <= {t.lemma_.lower() for t in e}
    }
    return next(iter(orgs.values())) if len(orgs) == 1 else None


def named_for(head: Token) -> TokenSpan | None:
    """The named person or organisation (an entity span) that a described source stands for,
    or None when the article names no one it can be."""
    if not _definite(head):
        return None
    return _name_after(head) or _person_for(head) or _org_for(head)


def is_position(head: Token) -> bool:
    """Whether a described source is one definite holder of a position ("the spokesman",
    "Iran's foreign minister"), which only one person can be, unlike "the source"."""
    return _definite(head) and role(head) in POSITIONS
