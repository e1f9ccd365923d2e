"""analysis.py: findings numbered and ranked, sources merged, sentences marked, figures counted."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from newscomment import analyze
from newscomment.analysis import source_key
from newscomment.kinds import KINDS
from newscomment.model import Analysis, Article

PETROVA = (
    "Foreign Minister Elena Petrova said on Monday that talks with the rebels would resume in "
    "Geneva. Petrova added that a ceasefire was not yet agreed. The Health Ministry said 14 "
    'people were wounded in the fighting. "We are treating everyone who comes in," the health '
    "ministry said in a statement. The army had moved two brigades to the border, Reuters "
    "reported, citing three sources. According to Reuters, the brigades arrived overnight."
)
HOSPITAL = (
    '"We are treating everyone who comes in. The wards are full and the generators are '
    'failing," said Amal Haddad, director of the hospital. The hospital has 120 beds.'
)


@pytest.fixture(scope="module")
def petrova() -> Analysis:
    return analyze(Article(text=PETROVA))


def test_every_finding_kind_is_in_the_closed_set(seed_analysis: Analysis) -> None:
    assert {f.kind for f in seed_analysis.findings} <= set(KINDS)


# --- ids ----------------------------------------------------------------------------------


def test_finding_ids_are_unique(seed_analysis: Analysis, petrova: Analysis) -> None:
    for analysis in (seed_analysis, petrova):
        ids = [f.id for f in analysis.findings]
        assert len(ids) == len(set(ids))


def test_finding_ids_are_numbered_per_kind_in_text_order(seed_analysis: Analysis) -> None:
    for kind in KINDS:
        found = seed_analysis.of_kind(kind)
        numbered = sorted(found, key=lambda f: int(f.id.rsplit("-", 1)[1]))
        assert [f.id for f in numbered] == [f"{kind}-{n}" for n in range(1, len(found) + 1)]
        spans = [f.span.start for f in numbered if f.span]
        assert spans == sorted(spans)
        # article-level findings (no span) come after every finding with one
        assert all(f.span is None for f in numbered[len(spans) :])


def test_detect_all_numbers_what_it_returns(seed_findings) -> None:
    found = seed_findings
    assert all(re.fullmatch(rf"{f.kind}-\d+", f.id) for f in found)
    assert Counter(f.kind for f in found)["claim"] == 1


def test_finding_lookup(seed_analysis: Analysis) -> None:
    claim = seed_analysis.of_kind("claim")[0]
    assert seed_analysis.finding(claim.id) is claim
    with pytest.raises(KeyError):
        seed_analysis.finding("claim-99")


# --- sources ------------------------------------------------------------------------------


def test_source_key_ignores_article_possessive_and_case() -> None:
    assert source_key("The Health Ministry") == source_key("the health ministry's")
    assert source_key("Reuters’s") == "reuters"


def test_surname_merges_with_the_full_name(petrova: Analysis) -> None:
    [person] = [s for s in petrova.sources if s.type == "named_person"]
    assert person.name == "Elena Petrova"
    assert [m.text for m in person.mentions] == ["Elena Petrova", "Petrova"]
    assert len(person.finding_ids) == 2


def test_surname_first_then_full_name_keeps_the_full_name() -> None:
    text = (
        "Macron said on Monday that the talks would resume next month. Later, French "
        "President Emmanuel Macron told reporters in Paris that a deal was close."
    )
    [person] = analyze(Article(text=text)).sources
    assert (person.name, person.type) == ("Emmanuel Macron", "named_person")
    assert [m.text for m in person.mentions] == ["Macron", "Emmanuel Macron"]


def test_source_key_ignores_a_title() -> None:
    assert source_key("Gov. Ana Ruiz") == source_key("Ana Ruiz") == "ana ruiz"
    assert source_key("Mr Tom Hale") == "tom hale"


def test_a_role_noun_and_pronoun_merge_with_the_person_they_stand_for() -> None:
    text = (
        "Gov. Ana Ruiz toured the flooded valley on Friday. The governor said the state "
        "would pay for the repairs. She added that crews would start next week, Ruiz said."
    )
    [person] = analyze(Article(text=text)).sources
    assert (person.name, person.type) == ("Ana Ruiz", "named_person")
    assert [m.text for m in person.mentions] == ["The governor", "She", "Ruiz"]


def test_the_insider_is_the_insider_met_before() -> None:
    text = (
        "The couple split last month, an insider told the magazine. They are still "
        "friends, the insider added."
    )
    unnamed = [s for s in analyze(Article(text=text)).sources if s.type == "anonymous"]
    assert [[m.text for m in s.mentions] for s in unnamed] == [["an insider", "the insider"]]


def test_same_organisation_in_any_case_is_one_source(petrova: Analysis) -> None:
    [ministry] = [s for s in petrova.sources if source_key(s.name) == "health ministry"]
    assert ministry.type == "named_org"
    assert [m.text for m in ministry.mentions] == ["The Health Ministry", "the health ministry"]


def test_outlet_cited_twice_is_one_source_and_its_sources_come_through_it(
    petrova: Analysis,
) -> None:
    by_name = {s.name: s for s in petrova.sources}
    assert len(by_name["Reuters"].mentions) == 2
    assert by_name["Reuters"].type == "media_outlet"
    assert by_name["three sources"].type == "anonymous"
    assert by_name["three sources"].via == "Reuters"


def test_source_mentions_point_at_their_findings(petrova: Analysis) -> None:
    for source in petrova.sources:
        spans = [petrova.finding(i).span for i in source.finding_ids]
        assert spans == source.mentions


def test_seed_sources(seed_analysis: Analysis) -> None:
    by_name = {s.name: s for s in seed_analysis.sources}
    assert by_name["Al-Jazeera"].type == "media_outlet"
    assert by_name["The Times of Israel"].type == "media_outlet"
    assert (by_name["sources"].type, by_name["sources"].via) == ("anonymous", "The Times of Israel")
    assert by_name["Netanyahu"].type == "named_person"
    assert len(by_name) == len(seed_analysis.sources)


# --- sentences ----------------------------------------------------------------------------


def test_sentences_cover_the_text(seed_analysis: Analysis) -> None:
    text = seed_analysis.article.text
    assert [s.index for s in seed_analysis.sentences] == list(range(len(seed_analysis.sentences)))
    for sentence in seed_analysis.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_seed_attribution_per_sentence(seed_analysis: Analysis) -> None:
    def attributed(opening: str) -> bool:
        return next(s for s in seed_analysis.sentences if s.text.startswith(opening)).attributed

    assert attributed("In the ongoing conflict")  # "..., Al-Jazeera reported."
    assert attributed("According to sources cited in The Times of Israel")
    assert attributed("Netanyahu condemned")
    assert not attributed("Netanyahu's willingness")
    assert not attributed("However, the path to lasting peace")


def test_a_quote_with_a_speaker_attributes_every_sentence_it_spans() -> None:
    analysis = analyze(Article(text=HOSPITAL))
    assert [s.attributed for s in analysis.sentences] == [True, True, False]


# --- stats --------------------------------------------------------------------------------


def test_stats_agree_with_the_findings(seed_analysis: Analysis) -> None:
    stats = seed_analysis.stats
    for kind, key in [("quote", "quotes"), ("hedge", "hedges"), ("loaded", "loaded")]:
        assert stats[key] == len(seed_analysis.of_kind(kind))
    assert stats["opinion_sentences"] == len(seed_analysis.of_kind("opinion"))
    assert stats["boilerplate"] == len(seed_analysis.of_kind("boilerplate"))
    assert stats["sentences"] == len(seed_analysis.sentences)
    assert stats["sources"] == len(seed_analysis.sources)
    assert stats["named_sources"] + stats["anonymous_sources"] == stats["sources"]
    share = sum(s.attributed for s in seed_analysis.sentences) / len(seed_analysis.sentences)
    assert stats["attributed_share"] == pytest.approx(share, abs=0.001)


def test_seed_stats(seed_analysis: Analysis) -> None:
    stats = seed_analysis.stats
    assert stats["words"] == seed_analysis.article.words
    assert stats["quotes"] == 0
    assert stats["has_absolute_dates"] == 0.0
    assert stats["has_figures"] == 0.0
    assert stats["anonymous_sources"] >= 1
    assert 0 < stats["attributed_share"] < 0.5
    assert stats["opinion_share"] > 0


def test_wire_story_stats(petrova: Analysis) -> None:
    stats = petrova.stats
    assert stats["attributed_share"] == 1.0
    assert stats["quotes"] == 1
    assert stats["has_absolute_dates"] == 1.0
    assert stats["has_figures"] == 1.0
    assert stats["opinion_sentences"] == 0


# --- salience -----------------------------------------------------------------------------


def test_seed_main_claim(seed_analysis: Analysis) -> None:
    main = seed_analysis.main_claim
    assert main is not None
    assert (main.sentence, main.attributed, main.secondhand) == (0, True, True)
    assert seed_analysis.finding(main.finding_id).kind == "claim"


def test_main_claim_is_the_most_salient_finding(seed_analysis: Analysis) -> None:
    ranked = sorted(seed_analysis.findings, key=lambda f: f.salience, reverse=True)
    assert ranked[0].kind == "claim"
    assert all(0 < f.salience <= 1 for f in seed_analysis.findings)


def test_salience_ranks_what_matters_above_filler(seed_analysis: Analysis) -> None:
    top = max(f.salience for f in seed_analysis.of_kind("boilerplate"))
    for kind in ("hedge", "missing", "opinion"):
        assert max(f.salience for f in seed_analysis.of_kind(kind)) > top
    by_label = {f.label: f for f in seed_analysis.of_kind("missing")}
    assert by_label["no_figures"].salience > by_label["no_direct_quotes"].salience


def test_the_same_finding_matters_less_later_and_more_in_the_claim(seed_analysis: Analysis) -> None:
    hedges = seed_analysis.of_kind("hedge")
    in_claim = [f for f in hedges if f.sentence == 0]
    later = [f for f in hedges if f.sentence and f.score == in_claim[0].score]
    assert in_claim and later
    assert min(f.salience for f in in_claim) > max(f.salience for f in later)
    assert [f.salience for f in later] == sorted((f.salience for f in later), reverse=True)


def test_a_word_inside_a_quote_ranks_below_the_same_word_outside() -> None:
    text = (
        "The company may have to close the plant if orders do not pick up, a spokesman said "
        'on Monday. "We may have to cut jobs if orders do not pick up," he said.'
    )
    outside, inside = analyze(Article(text=text)).of_kind("hedge")
    assert inside.details["in_quote"] is True
    assert inside.salience < outside.salience
