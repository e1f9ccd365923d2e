"""Quality benchmark: measure every detector against human-annotated data and write
``benchmarks/RESULTS.md`` from scratch (needs ``../shared/data``; run on demand).

    python benchmarks/quality.py

Each task is measured twice, as ``newscomment eval TASK --method product`` and ``--method
model`` would: the detector as the product runs it (lexicons, rules and the models it
uses) on the whole file, and the learned model by the task's protocol (train -> dev,
5-fold cross-validation, or the fixed 20%).
"""

from __future__ import annotations

import datetime
import platform
import statistics
import sys
from pathlib import Path
from typing import Any

import spacy

from newscomment import Newscomment
from newscomment.evaluation.judge import constructiveness, is_constructive
from newscomment.evaluation.tasks import TASKS, evaluate

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
METRIC_NAMES = {"macro_f1": "macro-F1", "f1": "token F1", "accuracy": "accuracy"}


def _methods(task: str) -> list[str]:
    """The methods a task can be measured with: the product's detector where there is one."""
    return ["product", "model"] if TASKS[task].finding else ["model"]


def _row(figures: dict[str, Any]) -> str:
    """One table row: the task, how it was measured, our figures and the published best."""
    metric = figures["metric"]
    return (
        f"| {figures['task']} | {figures['detector']} | {figures['method']} | "
        f"{figures['protocol']} | {figures['n']} | {figures['precision']:.3f} | "
        f"{figures['recall']:.3f} | {figures['f1']:.3f} | "
        f"**{figures[metric]:.3f}** {METRIC_NAMES[metric]} | {figures['published_best']} | "
        f"{figures['seconds_per_1000_sentences']:.1f} |"
    )


def judged_comments(nc: Newscomment) -> str:
    """How the constructiveness judge rates our critical comments on the shipped articles."""
    articles = [
        REPO / "examples" / "seed.txt",
        *sorted((REPO / "examples" / "articles").glob("*.txt")),
    ]
    texts = [nc.comment(nc.analyze(nc.read(path))).text for path in articles]
    scores = constructiveness(nc, texts)
    judged = sum(is_constructive(nc, texts))
    return (
        f"Our built-in critical comments on the {len(texts)} shipped articles (the seed and "
        f"examples/articles): {judged} of {len(texts)} judged constructive by the "
        f"constructiveness model, median probability {statistics.median(scores):.2f}, lowest "
        f"{min(scores):.2f}."
    )


def main() -> int:
    """Measure every task and method, print each row as it comes, write RESULTS.md."""
    header = (
        "| task | detector | method | protocol | n | precision | recall | F1 | task metric "
        "| published best | s per 1,000 sentences |\n|---|---|---|---|---|---|---|---|---|---|---|"
    )
    nc = Newscomment()
    rows = []
    for task in TASKS:
        for method in _methods(task):
            row = _row(evaluate(nc, task, method=method))
            print(row, flush=True)
            rows.append(row)
    judged = judged_comments(nc)
    print(judged)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    RESULTS.write_text(
        "# Detector quality\n\n"
        f"Written by `python benchmarks/quality.py` on {stamp} ({platform.processor() or 'cpu'}, "
        f"Python {sys.version.split()[0]}, spaCy {spacy.__version__}). Precision, recall and F1 "
        "are for the positive class (SUBJ, biased, opinion, biased word, constructive); the "
        "task metric is the one the task's literature reports. Time per 1,000 sentences "
        "includes the spaCy parse (and, for cross-validated models, fitting the five fold "
        "models).\n\n" + header + "\n" + "\n".join(rows) + "\n\n" + judged + "\n",
        encoding="utf-8",
    )
    print(f"written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
