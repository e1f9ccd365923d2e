"""Quality benchmark: measure every detector against human-annotated data and write
``benchmarks/RESULTS.md`` from scratch (needs ``../shared/data``; run on demand).

    python benchmarks/quality.py             # every table
    python benchmarks/quality.py --articles  # only the whole-article table, in place

Each task is measured as ``newscomment eval TASK --method product`` and ``--method model``
would: the detector as the product runs it (lexicons, rules and the models it uses) on
the whole file, and the learned model by the task's protocol (train -> dev, 5-fold
cross-validation, or the fixed 20%). Each is measured with the light models and, for the
tasks with an encoder variant, again trained anew by the protocol: the logistic
regression with the frozen encoder's sentence vector (or, for the biased words, each
token's state) added to its features (``--encoder --refit``) and, for the sentence
tasks, the encoder's top layers fine-tuned (``--finetune``); the product row with
``--encoder`` runs whichever of the two is shipped. Fine-tuning needs
torch, so run this in the train environment (``make quality``). Below them, the
whole-article table: ``newscomment eval articles`` on news-annotated, per genre, beside
issue 11's targets.
"""

from __future__ import annotations

import datetime
import platform
import statistics
import sys
from pathlib import Path
from typing import Any

import spacy

from newscomment import Newscomment, resolve
from newscomment.errors import MissingExtraError
from newscomment.evaluation.articles import evaluate_articles, render_markdown
from newscomment.evaluation.judge import constructiveness, is_constructive
from newscomment.evaluation.tasks import TASKS, evaluate
from newscomment.extras import require
from newscomment.learned.tuned import TunedModel

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
ARTICLES_HEADING = "## Whole articles"
METRIC_NAMES = {"macro_f1": "macro-F1", "f1": "token F1", "accuracy": "accuracy"}
ENCODER_TASKS = ("subjectivity", "bias", "bias-words", "babe-opinion")
"""The tasks whose models have an encoder variant (shipped in ``models/<task>/encoder``)."""


def _methods(task: str) -> list[str]:
    """The methods a task can be measured with: the product's detector where there is one."""
    return ["product", "model"] if TASKS[task].finding else ["model"]


def _runs(nc: Newscomment, encoded: Newscomment, task: str) -> list[tuple[str, dict[str, Any]]]:
    """Each row's model name and measured figures for one task: the light models, and for
    a task with an encoder variant the frozen and fine-tuned ones, trained anew."""
    runs = [("light", evaluate(nc, task, method=m)) for m in _methods(task)]
    if task not in ENCODER_TASKS:
        return runs
    per_token = TASKS[task].tokens  # the loaded detector reads the lexicon, not this model
    if TASKS[task].finding and not per_token:
        shipped = "fine-tuned" if isinstance(encoded.models.get(task), TunedModel) else "frozen"
        runs.append((f"encoder ({shipped}, shipped)", evaluate(encoded, task, method="product")))
    runs.append(("encoder, frozen", evaluate(encoded, task, refit=True)))
    if not per_token:
        runs.append(("encoder, fine-tuned", evaluate(encoded, task, tuned=True)))
    return runs


def _row(figures: dict[str, Any], model: str) -> str:
    """One table row: the task, the model and how it was measured, our figures and the
    published best."""
    metric = figures["metric"]
    return (
        f"| {figures['task']} | {figures['detector']} | {model} | {figures['method']} | "
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


def article_section(nc: Newscomment) -> str:
    """The article-level table (``newscomment eval articles`` on the dev set) as Markdown,
    with the issue's targets beside each figure."""
    result = evaluate_articles(nc)
    return (
        f"{ARTICLES_HEADING}\n\n"
        f"`newscomment eval articles` on the {result['articles']} annotated articles of "
        "news-annotated (the dev set), per genre of the annotations, each analysed once and "
        f"commented in every style ({result['seconds']:.1f} s in all). Targets are issue 11's. "
        "A false statement is a typed assertion of a comment that the annotations contradict; "
        "a source listed twice counts as right for precision and is shown on its own row.\n\n"
        + render_markdown(result)
        + "\n"
    )


def update_article_section(nc: Newscomment) -> None:
    """Rewrite only the whole-article section of RESULTS.md (appended if it has none)."""
    kept = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Detector quality\n"
    before = kept.split(ARTICLES_HEADING)[0].rstrip("\n")
    RESULTS.write_text(before + "\n\n" + article_section(nc), encoding="utf-8")


def main() -> int:
    """Measure every task and method, print each row as it comes, write RESULTS.md (with
    ``--articles``: only its whole-article section)."""
    if "--articles" in sys.argv[1:]:
        update_article_section(Newscomment())
        print(f"whole-article section written to {RESULTS}")
        return 0
    header = (
        "| task | detector | model | method | protocol | n | precision | recall | F1 | task metric "
        "| published best | s per 1,000 sentences |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    try:
        require("train", "the fine-tuned rows", " (run this with make quality)")
    except MissingExtraError as exc:
        print(f"quality.py: {exc}", file=sys.stderr)
        return 2
    nc = Newscomment()
    encoded = Newscomment(resolve(encoder=True))
    rows = []
    for task in TASKS:
        for model, figures in _runs(nc, encoded, task):
            row = _row(figures, model)
            print(row, flush=True)
            rows.append(row)
    judged = judged_comments(nc)
    print(judged)
    articles = article_section(nc)
    print(articles)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    RESULTS.write_text(
        "# Detector quality\n\n"
        f"Written by `python benchmarks/quality.py` on {stamp} ({platform.processor() or 'cpu'}, "
        f"Python {sys.version.split()[0]}, spaCy {spacy.__version__}). Precision, recall and F1 "
        "are for the positive class (SUBJ, biased, opinion, biased word, constructive); the "
        "task metric is the one the task's literature reports. Time per 1,000 sentences "
        "includes the spaCy parse and, for a model trained anew (cross-validated, refitted or "
        "fine-tuned), its training.\n\n"
        + header
        + "\n"
        + "\n".join(rows)
        + "\n\n"
        + judged
        + "\n\n"
        + articles,
        encoding="utf-8",
    )
    print(f"written to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
