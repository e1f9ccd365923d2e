"""kinds.py: the one table of finding kinds and source types, with the labels every face
shows, matching the types the contract declares."""

from __future__ import annotations

from typing import get_args

from newscomment.kinds import KINDS, NAMED_TYPES, SOURCE_TYPES, FindingKind, SourceType


def test_the_tables_list_exactly_the_contracts_kinds_and_types() -> None:
    assert tuple(KINDS) == get_args(FindingKind)
    assert set(SOURCE_TYPES) == set(get_args(SourceType))


def test_every_kind_and_type_has_a_label() -> None:
    assert all(k.label and k.singular and k.description for k in KINDS.values())
    assert KINDS["loaded"].label == "Loaded words"
    assert SOURCE_TYPES["named_org"].label == "named organisation"


def test_only_anonymous_sources_are_unnamed() -> None:
    assert set(SOURCE_TYPES) - NAMED_TYPES == {"anonymous"}
    ranks = [t.rank for t in SOURCE_TYPES.values()]
    assert len(set(ranks)) == len(ranks)
