"""Speed and memory benchmark for newscomment; run on demand, prints a table of figures.

    python benchmarks/speed.py            # 200 mixed-length articles, 3 rounds
    python benchmarks/speed.py --quick    # 20 articles, 1 round (results file not written)

Measures, against the targets of the performance issue:
  * per-article time on the seed and on 200 articles of mixed length (~120 to ~1,500 words)
    built deterministically from whole paragraphs of the texts in ``examples/``;
  * the ratio of end-to-end time (read + analyze + comment) to a bare spaCy parse of the
    same texts, interleaved per article over several rounds (target <= 1.3), and the same
    ratio with the sentence encoder in use (``--encoder``; target <= 1.8); for scale, the
    ratio of a parse plus one encoder pass over every sentence (the token states a
    word-level encoder model would read) to a bare parse;
  * cold CLI start of ``newscomment --version`` (target <= 0.25 s: no pipeline loaded) and
    ``newscomment examples/seed.txt`` (target <= 2 s for the seed comment);
  * peak RSS of a process that writes the seed comment (target <= 400 MB; with the
    encoder <= 500 MB).
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from figures import Figure, machine_lines, table

from newscomment import Newscomment, analyze, comment, read, resolve
from newscomment.learned.embedded import token_vectors
from newscomment.pipeline import default

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "seed.txt"
ARTICLES = REPO / "examples" / "articles"
RESULTS = Path(__file__).resolve().parent / "speed-results.md"
CLI = Path(sys.executable).parent / "newscomment"

CORPUS_SEED = 0
MIN_WORDS, MAX_WORDS = 120, 1500
FULL_ARTICLES, FULL_ROUNDS = 200, 3
QUICK_ARTICLES, QUICK_ROUNDS = 20, 1
WARMUP_TEXTS = 3
SEED_REPEATS = 5
CLI_RUNS = 5

RATIO_TARGET = 1.3
ENCODER_RATIO_TARGET = 1.8
ENCODER_RSS_TARGET_MB = 500.0
CLI_TARGET_S = 2.0
VERSION_TARGET_S = 0.25
RSS_TARGET_MB = 400.0
ENCODED = Newscomment(resolve(encoder=True))
"""The pipeline whose models read the sentence encoder (loaded on first use)."""

PARAGRAPH_BREAK = re.compile(r"\n+")
PEAK_RSS_WRAPPER = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)
"""Runs a command from a small process, so its peak RSS does not inherit this one's."""


@dataclass(frozen=True, slots=True)
class RatioResult:
    """Per-article medians of end-to-end and bare-parse times, in seconds."""

    end_to_end: list[float]
    parse: list[float]

    @property
    def ratio(self) -> float:
        """Total end-to-end time over total parse time."""
        return sum(self.end_to_end) / sum(self.parse)


# --- the corpus ------------------------------------------------------------------------


def source_paragraphs() -> list[str]:
    """Every body paragraph of the shipped English articles and of the seed."""
    paths = [*sorted(ARTICLES.glob("*.txt")), SEED]
    paragraphs: list[str] = []
    for path in paths:
        text = read(path).text
        paragraphs += [p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip()]
    return paragraphs


def word_count(text: str) -> int:
    """Whitespace-separated words in ``text``."""
    return len(text.split())


def build_article(paragraphs: Sequence[str], target: int, rng: random.Random) -> str:
    """Distinct whole paragraphs in random order, each taken if it keeps within ``target``."""
    chosen: list[str] = []
    words = 0
    for paragraph in rng.sample(list(paragraphs), len(paragraphs)):
        size = word_count(paragraph)
        if words + size <= target:
            chosen.append(paragraph)
            words += size
    return "\n\n".join(chosen)


def build_corpus(count: int, paragraphs: Sequence[str]) -> list[str]:
    """``count`` articles with log-uniform target lengths, the same on every run."""
    rng = random.Random(CORPUS_SEED)
    low, high = math.log(MIN_WORDS), math.log(MAX_WORDS)
    return [
        build_article(paragraphs, round(math.exp(rng.uniform(low, high))), rng)
        for _ in range(count)
    ]


# --- in-process timing -----------------------------------------------------------------


def elapsed(work: Callable[..., object], *args: object, **kwargs: object) -> float:
    """Wall-clock seconds one call of ``work(*args, **kwargs)`` takes."""
    start = time.perf_counter()
    work(*args, **kwargs)
    return time.perf_counter() - start


def end_to_end(text: str) -> None:
    """Read, analyse and comment on one article text, as a user of the API would."""
    comment(analyze(read(text=text)), style="critical")


def end_to_end_encoder(text: str) -> None:
    """``end_to_end`` with the encoder in use."""
    ENCODED.comment(ENCODED.analyze(ENCODED.read(text=text)), style="critical")


def parse_and_encode_all(text: str) -> None:
    """Parse one text and encode every sentence: the token states a word-level encoder
    model would need (a fresh doc each time, so nothing is cached)."""
    token_vectors(default().nlp(text))


def bare_parse(text: str) -> None:
    """Parse one text with the full spaCy pipeline, nothing else."""
    default().nlp(text)


def warm_up(texts: Sequence[str]) -> None:
    """Load the model, lexicons, encoder and caches before anything is timed."""
    for text in texts[:WARMUP_TEXTS]:
        bare_parse(text)
        end_to_end(text)
        end_to_end_encoder(text)


def measure_ratio(
    texts: Sequence[str], rounds: int, full: Callable[[str], None] = end_to_end
) -> RatioResult:
    """Time both paths (``full`` and a bare parse) on every article, interleaved and
    alternating which goes first."""
    runs: dict[str, list[list[float]]] = {
        "end_to_end": [[] for _ in texts],
        "parse": [[] for _ in texts],
    }
    for round_ in range(rounds):
        gc.collect()
        for i, text in enumerate(texts):
            pair = [("parse", bare_parse), ("end_to_end", full)]
            if (round_ + i) % 2:
                pair.reverse()
            for key, work in pair:
                runs[key][i].append(elapsed(work, text))
    return RatioResult(
        end_to_end=[statistics.median(times) for times in runs["end_to_end"]],
        parse=[statistics.median(times) for times in runs["parse"]],
    )


def seed_time(repeats: int) -> float:
    """Median seconds for the seed file from path to comment."""
    return statistics.median(
        elapsed(lambda: comment(analyze(read(SEED)), style="critical")) for _ in range(repeats)
    )


# --- fresh processes -------------------------------------------------------------------


def cli_time(args: Sequence[str], runs: int) -> float:
    """Median wall-clock seconds of ``newscomment ARGS`` as a fresh process."""
    command = [str(CLI), *args]
    return statistics.median(
        elapsed(subprocess.run, command, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        for _ in range(runs)
    )


def peak_rss_mb(args: Sequence[str]) -> float:
    """Peak resident memory, in MB, of ``newscomment ARGS`` run as a fresh process."""
    wrapper = [sys.executable, "-c", PEAK_RSS_WRAPPER, str(CLI), *args]
    output = subprocess.run(wrapper, cwd=REPO, check=True, capture_output=True, text=True)
    max_rss = int(output.stdout.split()[-1])
    bytes_per_unit = 1 if sys.platform == "darwin" else 1024  # macOS: bytes; Linux: KiB
    return max_rss * bytes_per_unit / 2**20


# --- report ----------------------------------------------------------------------------


def ms(seconds: float) -> str:
    """Seconds as whole milliseconds."""
    return f"{seconds * 1000:.0f} ms"


def figures(quick: bool) -> list[Figure]:
    """Run every measurement and return the table rows."""
    count, rounds = (QUICK_ARTICLES, QUICK_ROUNDS) if quick else (FULL_ARTICLES, FULL_ROUNDS)
    texts = build_corpus(count, source_paragraphs())
    lengths = [word_count(text) for text in texts]
    warm_up(texts)
    seed = seed_time(SEED_REPEATS)
    result = measure_ratio(texts, rounds)
    encoded = measure_ratio(texts, rounds, end_to_end_encoder)
    every_sentence = measure_ratio(texts, rounds, parse_and_encode_all)
    seed_cli = cli_time([str(SEED.relative_to(REPO))], CLI_RUNS)
    version_cli = cli_time(["--version"], CLI_RUNS)
    rss = peak_rss_mb([str(SEED.relative_to(REPO))])
    encoder_rss = peak_rss_mb([str(SEED.relative_to(REPO)), "--encoder"])
    return [
        Figure(f"Seed: end-to-end per article (median of {SEED_REPEATS})", ms(seed)),
        Figure(
            f"Mixed articles: words min/median/max (n={count})",
            f"{min(lengths)} / {statistics.median(lengths):.0f} / {max(lengths)}",
        ),
        Figure(
            f"Mixed: end-to-end per article (median of {rounds} rounds)",
            ms(statistics.median(result.end_to_end)),
        ),
        Figure(
            f"Mixed: bare parse per article (median of {rounds} rounds)",
            ms(statistics.median(result.parse)),
        ),
        Figure(
            "Mixed: end-to-end / parse (ratio of totals)",
            f"{result.ratio:.2f}",
            f"<= {RATIO_TARGET}",
            result.ratio <= RATIO_TARGET,
        ),
        Figure(
            f"Mixed, encoder in use: end-to-end per article (median of {rounds} rounds)",
            ms(statistics.median(encoded.end_to_end)),
        ),
        Figure(
            "Mixed, encoder in use: end-to-end / parse (ratio of totals)",
            f"{encoded.ratio:.2f}",
            f"<= {ENCODER_RATIO_TARGET}",
            encoded.ratio <= ENCODER_RATIO_TARGET,
        ),
        Figure(
            "Mixed: parse + encoding every sentence / parse (ratio of totals)",
            f"{every_sentence.ratio:.2f}",
        ),
        Figure(
            f"CLI cold: newscomment --version (median of {CLI_RUNS})",
            f"{version_cli:.2f} s",
            f"<= {VERSION_TARGET_S} s",
            version_cli <= VERSION_TARGET_S,
        ),
        Figure(
            f"CLI cold: newscomment examples/seed.txt (median of {CLI_RUNS})",
            f"{seed_cli:.2f} s",
            f"<= {CLI_TARGET_S:.0f} s",
            seed_cli <= CLI_TARGET_S,
        ),
        Figure(
            "Peak RSS: seed comment process",
            f"{rss:.0f} MB",
            f"<= {RSS_TARGET_MB:.0f} MB",
            rss <= RSS_TARGET_MB,
        ),
        Figure(
            "Peak RSS: seed comment process, encoder in use",
            f"{encoder_rss:.0f} MB",
            f"<= {ENCODER_RSS_TARGET_MB:.0f} MB",
            encoder_rss <= ENCODER_RSS_TARGET_MB,
        ),
    ]


def environment() -> str:
    """Date, machine, Python, spaCy and pipeline versions, one per line."""
    meta = default().nlp.meta
    pipeline = f"{meta['lang']}_{meta['name']} {meta['version']}"
    return "\n".join(
        [
            *machine_lines(),
            f"- spaCy: {spacy.__version__}, pipeline {pipeline}",
        ]
    )


def write_results(path: Path, rows: Sequence[Figure]) -> None:
    """Write the environment and the table to a markdown file."""
    path.write_text(
        "# newscomment speed benchmark\n\n"
        "Written by `python benchmarks/speed.py`; numbers depend on the machine and its load.\n\n"
        f"{environment()}\n\n{table(rows)}\n",
        encoding="utf-8",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table and, unless quick, write the results file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"{QUICK_ARTICLES} articles, {QUICK_ROUNDS} round; no results file",
    )
    parser.add_argument("--output", type=Path, help=f"results file (default: {RESULTS})")
    args = parser.parse_args(argv)
    rows = figures(args.quick)
    print(environment())
    print()
    print(table(rows))
    output = args.output or (None if args.quick else RESULTS)
    if output is not None:
        write_results(output, rows)
        print(f"\nwritten to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
