"""``newscomment train TASK``: fit a task's model on the shared data or a file of your own."""

from __future__ import annotations

import argparse
from pathlib import Path

from newscomment import Newscomment
from newscomment.cli.evaluate import EXAMPLES
from newscomment.cli.options import add_encoder, settings_from
from newscomment.evaluation.tasks import TASKS
from newscomment.evaluation.training import train_task
from newscomment.settings import OPTIONS

NAME = "train"
HELP = "train a task's model on ../shared/data or a file of your own"
EPILOG = EXAMPLES
DESCRIPTION = None


def add(parser: argparse.ArgumentParser) -> None:
    """The command's options."""
    parser.add_argument("task", metavar="TASK", help=f"one of: {', '.join(TASKS)}")
    parser.add_argument(
        "--data", type=Path, metavar="PATH", help="a training file in the dataset's own format"
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="where to write the model (default: ./models/TASK)"
    )
    add_encoder(parser)
    parser.add_argument(
        "--finetune",
        action="store_true",
        help="fine-tune the sentence encoder's top layers and a head instead of fitting a "
        "linear model (needs the train extra, in an environment of its own: make train-env)",
    )


def run(args: argparse.Namespace) -> str:
    """Where the model went, how it measured, and how to use it."""
    out = args.out or Path("models") / args.task
    nc = Newscomment(settings_from(args))
    scores = train_task(nc, args.task, args.data, out, args.finetune)
    shown = ", ".join(f"{k}={v}" for k, v in scores.items() if isinstance(v, int | float))
    return f"{args.task}: model written to {out} ({shown}); {usage_hint(args.task, out)}"


def usage_hint(task: str, out: Path) -> str:
    """How to make newscomment read the model in ``out``: the models setting names a folder
    holding one folder per task, so ``out`` must be named after its task to be found."""
    env = OPTIONS["models"].env
    if out.name == task:
        return f"use it with {env}={out.parent}"
    return f"to use it, move it to a folder named {task} and set {env} to that folder's parent"
