"""Genre: what kind of text the article is, and whether its outlet is state-controlled.

Every genre is scored from cues of its own language (``data/genre_cues.txt`` plus the
structure of the text: wire credits, labels and salutations, the writer's first person,
verdicts pronounced outright and a piece that judges and closes on what should be done,
placeholders left in), each cue weighted and recorded with its words. A genre other than
news wins only when its cues outweigh news's, which starts ahead: a text is a report
unless it clearly shows otherwise. State media comes from the shipped list of
state-controlled outlets (``data/state_media.toml``), matched against the article's outlet
and address and against its own credits and datelines, never against an agency it quotes.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlparse

from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from newscomment.contract import CueDict, GenreDetailsDict
from newscomment.detectors.base import article_finding, text_of
from newscomment.detectors.registry import Context, FindingIndex, detector
from newscomment.kinds import GENRES
from newscomment.lexicon import names, term_map, term_table
from newscomment.model import Finding

NEWS_PRIOR = 1.5
"""How far news starts ahead: another genre must outweigh it to be named."""
LEAST_WIN = 2.0
"""The least cue weight a genre other than news needs to win."""
MIN_CUES = 2
"""A genre other than news needs two cues at least, unless one is decisive on its own."""
DECISIVE = 3.0
"""The weight of a cue that shows its genre alone (a release wire's credit, "Sir, –")."""
DAMPING = 0.5
"""Added to the total weight when scores are shared out, so that thin evidence stays unsure."""
PARAGRAPH = re.compile(r"[^\n]+")
DATELINE = re.compile(
    r"[A-Z][A-Z .'’-]{2,}(?:,[^\n–—(]{0,40}?)?(?:\s*\((?P<credit>[^)]{1,40})\))?\s*(?:[-–—]+|:)\s"
)
WIRE_CREDIT = re.compile(r"/(?P<wire>[A-Za-z][\w -]{1,30})/\s*[-–—]")
FROM_CREDIT = re.compile(
    r"\(\s*(?:From|Issued by|Source:)\s+(?:the\s+)?(?P<org>[A-Z][^()\n]{2,60})\)"
)
ABOUT_LINE = re.compile(r"^About (?:the )?(?P<org>[A-Z][\w&.,'’ -]{1,60})$")
TICKER = re.compile(
    r"\((?:NYSE|NASDAQ|Nasdaq|TSX|TSXV|LSE|AIM|ASX|AMEX|OTC\w*)\s*:\s*[A-Z.]{1,6}\)"
)
OPINION_LABEL = re.compile(
    r"^(?:Commentary|Opinion|Editorial|Op-Ed|Op-ed|Column|Guest column|Letters?|Letter to the "
    r"editor|Your letters|Our view|Viewpoint|Comment|Quick Edit|Perspective|Analysis and "
    r"opinion)\s*[:|–—-]",
    re.IGNORECASE,
)
SALUTATION = re.compile(
    r"^(?:Sir|Madam|Sir/Madam|Dear (?:Sir|Editor|Madam)|To the editor)\s*[,:–—-]"
)
REPLY_LINE = re.compile(r"^Re:\s")
SIGN_OFF = re.compile(r"[–—-]\s*Yours(?:,? etc|,? faithfully|,? sincerely)")
OPINION_PATH = re.compile(r"/(?:opinion|opinions|letters|editorials?|commentary|columns?|op-?ed)/")
PLACEHOLDER = re.compile(
    r"\[(?:Name|[A-Z][\w’' ]{0,30}(?:Name|Role|Institution|Year|Date|City|Company|Title|"
    r"President|Location))\]|\{\{[^}]*\}\}|\bX{3,}\b|\bINSERT\b|\bTK\b|\bTBD\b"
)
WEEKDAY_SAID = re.compile(
    r"\b(?:said|announced|told \w+)(?: on)? (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"[^.\n]{0,40}\bsaid\b"
)
INSTITUTION = re.compile(
    r"\b(?:University|College|School|Institute|Police|Sheriff|Constabulary|Fire Department|"
    r"Council|Ministry|Department|Government|Foundation|Association|Society|Trust|Charity|"
    r"Hospital|Museum|Church|Commission|Inc\.?|Ltd\.?|LLC|Corporation|Corp\.?|plc|Oxfam|"
    r"Red Cross|UNICEF|Amnesty)\b"
)
MEDIA_WORDS = re.compile(
    r"\b(?:News|Times|Post|Journal|Herald|Tribune|Gazette|Telegraph|Press|Radio|Television|TV|"
    r"Broadcasting|Daily|Magazine|Media|Review|Observer|Guardian|Independent|Express|Mirror|"
    r"Chronicle|Standard|Star|Sun|Mail|Record|Advertiser|Courier|Examiner|Bulletin|Wire|Today)\b"
)
CAPS_NAME = re.compile(r"(?m)^(?P<name>[A-Z][A-Z'’-]{3,}(?: [A-Z][A-Z'’-]{2,})?) [a-z]")
FIRST_SINGULAR = frozenset({"i", "my", "me", "myself"})
RECOMMENDING = frozenset({"should", "must", "ought"})
VERDICT_WORDS = frozenset({"clear", "obvious", "undeniable", "plain"})
"""Predicates by which a writer pronounces a verdict outright ("the better choice is clear")."""
VERDICT = 1.0
"""The weight of a verdict the writer pronounces outright."""
ARGUED_CLOSE = 1.5
"""The weight of a piece that judges in its own words and closes on what should be done."""
STATE_SHOWS = "state media"
ISSUERS = frozenset({"ORG", "PERSON"})


@dataclass(frozen=True, slots=True)
class Cue:
    """Words that show a genre, and how much."""

    start: int
    end: int
    text: str
    genre: str
    weight: float


@dataclass(frozen=True, slots=True)
class StateOutlet:
    """One state-controlled outlet of the shipped list."""

    name: str
    country: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@cache
def state_outlets() -> tuple[StateOutlet, ...]:
    """The shipped list of state-controlled outlets (``data/state_media.toml``)."""
    raw = resources.files("newscomment").joinpath("data", "state_media.toml").read_text("utf-8")
    return tuple(
        StateOutlet(
            item["name"],
            item["country"],
            tuple(dict.fromkeys([item["name"], *item["aliases"]])),
            tuple(item["domains"]),
        )
        for item in tomllib.loads(raw)["outlet"]
    )


@cache
def _cue_pattern() -> re.Pattern[str]:
    """One case-insensitive regex for the genre cue phrases, longest first, whole words."""
    ordered = sorted(term_table("genre_cues"), key=len, reverse=True)
    spelled = "|".join(re.escape(p).replace("'", "['’]") for p in ordered)
    return re.compile(r"(?<![\w-])(?:" + spelled + r")(?![\w-])", re.IGNORECASE)


@cache
def _gossip_pattern() -> re.Pattern[str]:
    """Reliance on a gossip outlet: "told Us Weekly", "according to TMZ", "OK! reported"."""
    outlets = sorted(names("genre_gossip_outlets"), key=len, reverse=True)
    spelled = "|".join(re.escape(n) for n in outlets)
    return re.compile(
        r"(?:\b(?:told|to|according to|speaking to|revealed to|confirmed to) (?:the )?"
        rf"(?:{spelled})(?!\w))"
        rf"|(?:(?<!\w)(?:{spelled}) (?:reported|reports|revealed|has learned|understands)\b)"
    )


def _outside(span: tuple[int, int], quoted: list[tuple[int, int]]) -> bool:
    """Whether a span lies outside every quotation (at most a third of it quoted)."""
    inside = sum(max(0, min(span[1], end) - max(span[0], start)) for start, end in quoted)
    starts_inside = any(start <= span[0] < end for start, end in quoted)
    return not starts_inside and inside * 3 <= max(span[1] - span[0], 1)


def _lexical(text: str, quoted: list[tuple[int, int]]) -> list[Cue]:
    """The cue phrases of ``genre_cues.txt`` in the writer's own words, each counted once."""
    table = term_table("genre_cues")
    seen: set[str] = set()
    cues = []
    for match in _cue_pattern().finditer(text):
        key = match.group().lower().replace("’", "'")
        if key in seen or not _outside(match.span(), quoted):
            continue
        seen.add(key)
        genre, weight = table[key][0], float(table[key][1])
        cues.append(Cue(*match.span(), match.group(), genre, weight))
    return cues


def _headline(title: str | None) -> list[Cue]:
    """The cue phrases of the headline ("Now's the time for ..."); a headline is not part of
    the text, so its cues have no span there."""
    cues = _lexical(title or "", [])
    return [Cue(0, 0, c.text, c.genre, c.weight) for c in cues if c.genre != "news"]


def _paragraphs(text: str) -> list[re.Match[str]]:
    """The text's non-empty lines (its paragraphs)."""
    return [m for m in PARAGRAPH.finditer(text) if m.group().strip()]


def _credits(text: str) -> list[Cue]:
    """Press-release furniture: a release wire's credit ("/PRNewswire/ --"), an issuer's
    credit ("(From the X Police Department)"), an "About X" paragraph, a stock ticker."""
    cues = []
    for match in WIRE_CREDIT.finditer(text[:600]):
        cues.append(Cue(*match.span(), match.group(), "press_release", 3.0))
    for match in FROM_CREDIT.finditer(text[:300]):
        cues.append(Cue(*match.span(), match.group(), "press_release", 2.5))
    for para in _paragraphs(text):
        about = ABOUT_LINE.match(para.group().strip())
        if about:
            cues.append(Cue(para.start(), para.end(), para.group(), "press_release", 2.0))
    ticker = TICKER.search(text)
    if ticker:
        cues.append(Cue(*ticker.span(), ticker.group(), "press_release", 1.0))
    return cues


def _own_site(text: str, outlet: str | None) -> list[Cue]:
    """An organisation publishing about itself: an outlet that is an institution, not a
    news organisation ("University of X", "X Police Department"), whose name the text uses."""
    if not outlet:
        return []
    name = re.sub(r"\s*\(.*\)$", "", outlet).strip()
    if MEDIA_WORDS.search(name) or not INSTITUTION.search(name):
        return []
    cues = [Cue(0, 0, name, "press_release", 1.0)]
    words = [w for w in re.findall(r"[A-Z][\w&-]+", name) if w.lower() not in {"of", "the"}]
    mention = next(
        (m for w in (name, *words) if (m := re.search(rf"\b{re.escape(w)}\b", text))), None
    )
    if mention is not None:
        cues.append(Cue(*mention.span(), mention.group(), "press_release", 1.0))
    return cues


def _labels(text: str, title: str | None, url: str | None) -> list[Cue]:
    """Opinion's labels: "Commentary:" or "Letters |" heading the piece, a salutation
    ("Sir, –"), a "Re:" line answering an earlier piece, a sign-off, an opinion address."""
    cues = []
    paragraphs = _paragraphs(text)
    first = paragraphs[0] if paragraphs else None
    if title and OPINION_LABEL.match(title.strip()):
        cues.append(Cue(0, 0, title.strip()[:40], "opinion", 3.0))
    if first is not None:
        head = first.group().lstrip()
        offset = first.start() + len(first.group()) - len(head)
        for pattern in (OPINION_LABEL, SALUTATION, REPLY_LINE):
            match = pattern.match(head)
            if match:
                span = (offset, offset + match.end())
                cues.append(Cue(*span, text[span[0] : span[1]], "opinion", 3.0))
                break
    sign_off = SIGN_OFF.search(text[-200:])
    if sign_off:
        start = len(text) - len(text[-200:]) + sign_off.start()
        cues.append(Cue(start, start + len(sign_off.group()), sign_off.group(), "opinion", 2.5))
    if url and OPINION_PATH.search(urlparse(url).path.lower()):
        cues.append(Cue(0, 0, url, "opinion", 3.0))
    return cues


def _voice(doc: Doc, found: FindingIndex, quoted: list[tuple[int, int]]) -> list[Cue]:
    """The writer arguing in their own voice: first person singular, recommendations
    ("should", "must") and rhetorical questions outside quotes and attributions, and the
    share of sentences the opinion detector marks."""
    singular: list[Cue] = []
    recommend: list[Cue] = []
    questions: list[Cue] = []
    sentences = list(doc.sents)
    for sent in sentences:
        span = (sent.start_char, sent.end_char)
        if not _outside(span, quoted) or found.within("source", *span):
            continue
        words = [t for t in sent if _outside((t.idx, t.idx + 1), quoted)]
        person = next((t for t in words if t.lower_ in FIRST_SINGULAR and t.pos_ == "PRON"), None)
        if person is not None:
            singular.append(Cue(person.idx, person.idx + len(person), person.text, "opinion", 0.75))
        modal = next((t for t in words if t.lower_ in RECOMMENDING and t.tag_ == "MD"), None)
        if modal is not None:
            recommend.append(Cue(*span, sent.text, "opinion", 0.5))
        if sent.text.rstrip().endswith(("?", "!")) and len(sent) > 3:
            questions.append(Cue(*span, sent.text, "opinion", 0.5))
    cues = singular[:3] + recommend[:3] + questions[:3]
    opinions = found.of("opinion")
    share = len(opinions) / max(len(sentences), 1)
    if opinions and share >= 0.1:
        first = opinions[0]
        weight = min(4.0 * share, 2.0)
        cues.append(Cue(first.span.start, first.span.end, first.span.text, "opinion", weight))
    return cues


def urges(sentence: TokenSpan) -> bool:
    """Whether a sentence's main clause says what should happen ("X should be freed", "we
    must act", "the country needs a plan"), not a clause hung on a noun or a condition."""
    root = sentence.root
    main = {root, *(c for c in root.children if c.dep_ == "conj")}
    if root.lemma_.lower() == "need" and root.pos_ == "VERB":
        return True
    return any(t.lower_ in RECOMMENDING and t.tag_ == "MD" and t.head in main for t in sentence)


def predicate(sentence: TokenSpan) -> Token | None:
    """What the main clause says its subject is ("the plan is unfair" gives "unfair"), unless
    the clause is negated."""
    root = sentence.root
    if any(c.dep_ == "neg" for c in root.children):
        return None
    return next((c for c in root.children if c.dep_ in {"acomp", "attr"}), None)


def _own_words(
    sentences: Iterable[TokenSpan], found: FindingIndex, quoted: list[tuple[int, int]]
) -> list[TokenSpan]:
    """The sentences in the writer's own voice: outside quotes, crediting no source."""
    return [
        s
        for s in sentences
        if _outside((s.start_char, s.end_char), quoted)
        and not found.within("source", s.start_char, s.end_char)
    ]


def _judged(sentence: TokenSpan) -> bool:
    """Whether a sentence's main clause condemns or praises what it speaks of ("the new
    charges are unfair", "the plan is wasteful"): a word of the judgement list predicated."""
    said = predicate(sentence)
    return said is not None and term_map("opinion_cues").get(said.lemma_.lower()) == "judgement"


def _stance(doc: Doc, found: FindingIndex, quoted: list[tuple[int, int]]) -> list[Cue]:
    """An argument without labels: a verdict pronounced outright ("the better choice is
    clear"), and the editorial's shape, a piece that condemns or praises in the writer's
    words and closes by saying what should be done."""
    own = _own_words(doc.sents, found, quoted)
    cues = []
    verdict = next((s for s in own if (p := predicate(s)) and p.lower_ in VERDICT_WORDS), None)
    if verdict is not None:
        cues.append(Cue(verdict.start_char, verdict.end_char, verdict.text, "opinion", VERDICT))
    paragraphs = _paragraphs(text_of(doc))
    closing = paragraphs[-1].start() if paragraphs else 0
    urged = next((s for s in own if s.start_char >= closing and urges(s)), None)
    if urged is not None and any(s.end_char <= closing and _judged(s) for s in own):
        cues.append(Cue(urged.start_char, urged.end_char, urged.text, "opinion", ARGUED_CLOSE))
    return cues


def _tabloid(text: str, title: str | None) -> list[Cue]:
    """Tabloid manners: a gossip outlet relied on ("told Us Weekly"), a star's name in
    capitals opening a paragraph ("ADELE has ..."), an exclamation in the headline."""
    cues = [
        Cue(*m.span(), m.group(), "tabloid", 1.5)
        for m in list(_gossip_pattern().finditer(text))[:2]
    ]
    caps = CAPS_NAME.search(text)
    if caps and not DATELINE.match(text, caps.start()):
        cues.append(Cue(*caps.span("name"), caps.group("name"), "tabloid", 0.75))
    if title and "!" in title:
        cues.append(Cue(0, 0, title.strip()[:40], "tabloid", 1.0))
    return cues


def _repeats(doc: Doc) -> list[Cue]:
    """Sentences that say nearly the same thing as an earlier one (filler spun out)."""
    seen: list[set[str]] = []
    cues = []
    for sent in doc.sents:
        words = {t.lower_ for t in sent if t.is_alpha and not t.is_stop}
        if len(words) >= 5 and any(len(words & w) / len(words | w) >= 0.7 for w in seen):
            cues.append(Cue(sent.start_char, sent.end_char, sent.text, "content_farm", 1.0))
        seen.append(words)
    return cues[:2]


def _incoherence(doc: Doc, text: str, title: str | None, found: FindingIndex) -> list[Cue]:
    """Signs of filler: template placeholders left in, repeated sentences, a headline whose
    places the body never names, speakers known only by a surname nobody introduced, and
    stock phrases thick on the ground."""
    cues = [Cue(*m.span(), m.group(), "content_farm", 3.0) for m in PLACEHOLDER.finditer(text)][:2]
    cues += _repeats(doc)
    places = _title_places(doc, title)
    if places:
        cues.append(Cue(0, 0, places[0], "content_farm", 1.0))
    cues += _unintroduced(doc, text)
    stock = found.of("boilerplate")
    if len(stock) >= 3:
        cues.append(
            Cue(stock[0].span.start, stock[0].span.end, stock[0].span.text, "content_farm", 1.0)
        )
    return cues


def _title_places(doc: Doc, title: str | None) -> list[str]:
    """Multi-word place names of the headline ("Butte County") that the body never names."""
    if not title:
        return []
    text = text_of(doc)
    found = re.findall(r"\b[A-Z][a-z]+ (?:County|Province|Parish|District|City|State)\b", title)
    return [name for name in found if name.split()[0] not in text]


def _unintroduced(doc: Doc, text: str) -> list[Cue]:
    """A speaker named only by a surname ("..., Lalonde said") that no earlier full name
    introduces: copy stitched from other stories."""
    cues = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) != 1:
            continue
        head = ent.root.head
        if head.lemma_ not in {"say", "tell", "add", "note"} or ent.root.dep_ != "nsubj":
            continue
        if not re.search(rf"\b[A-Z][\w.’'-]+ {re.escape(ent.text)}\b", text):
            cues.append(Cue(ent.start_char, ent.end_char, ent.text, "content_farm", 0.5))
    return cues[:1]


def _news(text: str) -> list[Cue]:
    """A report's habits: a dateline opening the text, events dated by weekday and said."""
    cues = []
    head = text.lstrip()
    offset = len(text) - len(head)
    dateline = DATELINE.match(head)
    if dateline:
        end = offset + dateline.end()
        cues.append(Cue(offset, end, text[offset:end].strip(), "news", 1.0))
    said = WEEKDAY_SAID.search(text)
    if said:
        cues.append(Cue(*said.span(), said.group(), "news", 0.5))
    return cues


def _alias_in(alias: str, value: str) -> bool:
    """Whether an outlet's name or domain occurs in ``value`` as whole words."""
    return re.search(rf"(?<![\w.-]){re.escape(alias)}(?![\w-])", value) is not None


def _from_metadata(outlet: str | None, url: str | None) -> StateOutlet | None:
    """The listed state outlet the article's outlet or web address names."""
    host = (urlparse(url).hostname or "") if url else ""
    for item in state_outlets():
        if outlet and any(_alias_in(a, outlet) for a in (*item.aliases, *item.domains)):
            return item
        if host and any(host == d or host.endswith("." + d) for d in item.domains):
            return item
    return None


def _credit_spans(text: str) -> Iterable[tuple[int, int]]:
    """Where the article credits itself: the parenthesis of a dateline opening a paragraph
    ("MOSCOW (Sputnik) -"), and a first or last paragraph that is only a credit line."""
    paragraphs = _paragraphs(text)
    for para in paragraphs[:3]:
        head = para.group()
        match = DATELINE.match(head)
        if match and match.group("credit"):
            yield para.start() + match.start("credit"), para.start() + match.end("credit")
    for para in paragraphs[:1] + paragraphs[-1:]:
        if len(para.group().split()) <= 6:
            yield para.span()


def _from_text(text: str) -> tuple[StateOutlet, tuple[int, int]] | None:
    """The listed state outlet that the text's own credit or dateline names, with where."""
    for start, end in _credit_spans(text):
        credit = text[start:end]
        for item in state_outlets():
            alias = next((a for a in item.aliases if _alias_in(a, credit)), None)
            if alias is not None:
                at = start + credit.find(alias)
                return item, (at, at + len(alias))
    return None


def _state_media(text: str, outlet: str | None, url: str | None) -> tuple[str | None, list[Cue]]:
    """The state-controlled outlet the article comes from (as the text spells it when its
    credit names it), with the cue that shows it."""
    credited = _from_text(text)
    if credited is not None:
        item, (start, end) = credited
        return text[start:end], [Cue(start, end, text[start:end], STATE_SHOWS, 0.0)]
    item = _from_metadata(outlet, url)
    if item is None:
        return None, []
    return item.name, [Cue(0, 0, outlet or url or item.name, STATE_SHOWS, 0.0)]


def _issuer(doc: Doc, cues: list[Cue], outlet: str | None) -> str | None:
    """The organisation whose announcement it is: the one credited ("(From the X)"), the
    first organisation or person named before "announced" in the opening (after any wire
    credit), or the outlet when the text names it."""
    text = text_of(doc)
    for cue in cues:
        credit = FROM_CREDIT.fullmatch(cue.text)
        if credit:
            return credit.group("org").strip()
    for sent in list(doc.sents)[:3]:
        verb = next((t for t in sent if t.lower_.startswith("announc")), None)
        if verb is None:
            continue
        lead = max((m.end() for m in WIRE_CREDIT.finditer(sent.text)), default=0)
        begin = sent.start_char + lead
        before = [e for e in sent.ents if begin < e.end_char and e.end_char <= verb.idx]
        named = [e for e in before if e.label_ in ISSUERS and not e.text.isupper()]
        if named:
            return text[max(named[0].start_char, begin) : named[0].end_char].strip(" -–—")
    if outlet:
        name = re.sub(r"\s*\(.*\)$", "", outlet).strip()
        if name and name in text:
            return name
    return _subject_org(doc)


def _subject_org(doc: Doc) -> str | None:
    """The organisation that is the subject of the first sentence ("The X Police Department
    are aware ..."): a release speaks of its issuer first."""
    first = next(iter(doc.sents), None)
    if first is None:
        return None
    subject = next((t for t in first.root.children if t.dep_ in {"nsubj", "nsubjpass"}), None)
    org = next((e for e in first.ents if subject is not None and e.root == subject), None)
    return org.text if org is not None and org.label_ == "ORG" else None


def _scores(cues: list[Cue]) -> dict[str, float]:
    """Each genre's share of the cue weight, news starting ahead."""
    raw = {genre: 0.0 for genre in GENRES}
    raw["news"] = NEWS_PRIOR
    for cue in cues:
        if cue.genre in raw:
            raw[cue.genre] += cue.weight
    total = sum(raw.values()) + DAMPING
    return {genre: round(weight / total, 3) for genre, weight in raw.items()}


def _winner(cues: list[Cue], scores: dict[str, float]) -> str:
    """The genre named: the strongest other genre when its cues clear the bar, outweigh
    news and are more than one (or one decisive one, such as a wire credit), else news."""
    best = max((g for g in GENRES if g != "news"), key=lambda g: scores[g])
    shown = [c.weight for c in cues if c.genre == best]
    decisive = len(shown) >= MIN_CUES or max(shown, default=0.0) >= DECISIVE
    if sum(shown) >= LEAST_WIN and scores[best] > scores["news"] and decisive:
        return best
    return "news"


def _note(genre: str, cues: list[Cue], state_outlet: str | None) -> str:
    """The finding's note: the genre and the words that show it."""
    shown = list(dict.fromkeys(c.text.strip()[:40] for c in cues if c.genre == genre))[:4]
    words = "; ".join(f'"{w}"' for w in shown) or "no cue of another genre"
    note = f"{GENRES[genre].label}, shown by {words}"
    if state_outlet:
        note += f"; from a state-controlled outlet ({state_outlet})"
    return note


def _cue_dict(cue: Cue) -> CueDict:
    """A cue as the contract gives it."""
    return {"start": cue.start, "end": cue.end, "text": cue.text, "shows": cue.genre}


@detector("genre", needs=("source", "quote", "opinion", "boilerplate"))
def detect(context: Context) -> list[Finding]:
    """The one genre finding: the winning genre, its share of the evidence, every cue."""
    doc = context.doc
    text = text_of(doc)
    quoted = context.found.spans("quote")
    cues = [
        *_lexical(text, quoted),
        *_credits(text),
        *_own_site(text, context.outlet),
        *_headline(context.title),
        *_labels(text, context.title, context.url),
        *_voice(doc, context.found, quoted),
        *_stance(doc, context.found, quoted),
        *_tabloid(text, context.title),
        *_incoherence(doc, text, context.title, context.found),
        *_news(text),
    ]
    scores = _scores(cues)
    genre = _winner(cues, scores)
    state_outlet, state_cues = _state_media(text, context.outlet, context.url)
    issuer = _issuer(doc, cues, context.outlet) if genre == "press_release" else None
    details: GenreDetailsDict = {
        "scores": scores,
        "cues": [_cue_dict(c) for c in sorted([*cues, *state_cues], key=lambda c: c.start)],
        "state_media": state_outlet is not None,
        "state_outlet": state_outlet,
        "issuer": issuer,
    }
    note = _note(genre, cues, state_outlet)
    return [article_finding("genre", genre, scores[genre], note, details)]
