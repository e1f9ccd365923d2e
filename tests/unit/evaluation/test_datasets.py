"""evaluation/datasets.py: readers for each dataset in its published format."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscomment.errors import InputError
from newscomment.evaluation import datasets


def test_checkthat_reader_keeps_raw_quotes(tmp_path: Path) -> None:
    path = tmp_path / "dev.tsv"
    path.write_text(
        "sentence_id\tsentence\tlabel\tsolved_conflict\n"
        'a\tHe called it "a disgrace.\tSUBJ\tFalse\n'
        "b\tThe vote is on Tuesday.\tOBJ\tFalse\n",
        encoding="utf-8",
    )
    examples = datasets.checkthat(path)
    assert [(e.text, e.label) for e in examples] == [
        ('He called it "a disgrace.', 1),
        ("The vote is on Tuesday.", 0),
    ]


def test_babe_reader_parses_biased_words_and_skips_no_agreement(tmp_path: Path) -> None:
    path = tmp_path / "babe.csv"
    path.write_text(
        "text;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"
        "The radical plan failed.;u;o;t;left;Biased;Expresses writer’s opinion;['radical']\n"
        "The plan passed.;u;o;t;left;Non-biased;Entirely factual;[]\n"
        "Unclear.;u;o;t;left;No agreement;No agreement;[]\n",
        encoding="utf-8",
    )
    bias = datasets.babe_bias(path)
    assert [(e.label, e.words) for e in bias] == [(1, ("radical",)), (0, ())]
    assert [e.label for e in datasets.babe_opinion(path)] == [1, 0]


def test_sfu_reader_keeps_labelled_comments(tmp_path: Path) -> None:
    path = tmp_path / "sfu.csv"
    path.write_text(
        'comment,is_constructive\n"A fair point, well argued.",yes\n" Idiots. ",no\n,yes\n',
        encoding="utf-8",
    )
    assert [(e.text, e.label) for e in datasets.sfu(path)] == [
        ("A fair point, well argued.", 1),
        ("Idiots.", 0),
    ]


def test_wrong_format_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("id\ttext\n1\thello\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no rows with the columns label, sentence"):
        datasets.checkthat(path)


def test_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        datasets.sfu(tmp_path / "absent.csv")


def test_the_data_folder_is_the_setting_when_given(tmp_path: Path) -> None:
    assert datasets.data_root(tmp_path) == tmp_path
    assert (datasets.data_root() / datasets.CHECKTHAT).is_dir()
