"""Throughput, scaling, memory and resume cost of ``newscomment batch``; run on demand.

    python benchmarks/batch.py                  # 1,000 and 10,000 articles; writes batch-results.md
    python benchmarks/batch.py --articles 4000  # 400 and 4,000 articles (results file written)
    python benchmarks/batch.py --quick          # 200 and 1,000 articles; results file not written

Builds a corpus of news-length articles, the same on every run, from the English sentences of
the annotated data in ``../shared/data`` (CheckThat! subjectivity and BABE; fine for timing,
not for reading): a headline, then paragraphs of 2 to 4 sentences, 300 to 1,200 words with a
median near 550. It is written as JSONL to a temporary folder, never into the project. Then it
runs ``newscomment batch`` as a user would (critical comments unless ``--no-comment``), each
run into a fresh store, timed by the wall clock around the command:
  1. 2 workers on the first tenth of the articles;
  2. 2 workers on all of them (per-article time against run 1: linear within 10 %);
  3. the same command again on its finished store: the resume cost (target < 5 % of run 2);
  4. 1 worker on all of them (run 2's speed-up over it: target >= 1.7x).
Every half second it samples the batch command's process tree from /proc for each process's
peak resident memory (its high-water mark; target <= 500 MB a worker; with 1 worker the batch
process is the worker) and CPU time. After each run it opens the store read-only and checks
that every input is stored exactly once, as an article or as an error.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from figures import Figure, machine_lines, table
from load import (
    CLI,
    CLOCK_TICKS,
    REPO,
    cpu_seconds,
    rss_bytes,
    stop,
    worker_pids,
)

from newscomment import NewscommentError
from newscomment.evaluation.datasets import BABE, CHECKTHAT, babe_bias, checkthat, data_root

RESULTS = Path(__file__).resolve().parent / "batch-results.md"
CHECKTHAT_FILES = ("train_en.tsv", "dev_en.tsv")
BABE_FILE = "babe_sg2_train.csv"

CORPUS_SEED = 20261125
FULL_ARTICLES, QUICK_ARTICLES = 10_000, 1_000
QUICK_SMALL = 200
SMALL_SHARE = 10
"""The small run has this many times fewer articles than the big one (its first ones)."""
MIN_WORDS, MEDIAN_WORDS, MAX_WORDS = 300, 550, 1200
WORDS_SIGMA = 0.35
"""Spread of the log-normal article length; lengths outside the bounds are drawn again."""
PARAGRAPH_SENTENCES = (2, 4)
HEADLINE_WORDS = (6, 14)
SENTENCE_MIN_WORDS = 5
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
HEADLINE_TRAILER = ".!?:;\"'\u201d\u2019 "
OUTLETS = ("Reuters", "Associated Press", "USA Today", "Fox News", "MSNBC", "HuffPost")

MANY_WORKERS = 2
RUN_COUNT = 4
"""Small and big with 2 workers, resume, big with 1 worker."""
SAMPLE_EVERY_S = 0.5
STATUS_HWM = "VmHWM:"
PROC_STAT = Path("/proc/stat")
IDLE_FIELDS = (3, 4)
"""idle and iowait among the numbers of /proc/stat's ``cpu`` line; the others are busy time
(user, nice, system, irq, softirq, steal; guest time is inside user)."""
BUSY_FIELDS = 8
KIB = 1024
STDERR_LINES_SHOWN = 10
DONE_TABLES = ("articles", "errors")

SPEED_UP_TARGET = 1.7
LINEARITY_TOLERANCE = 0.10
WORKER_RSS_TARGET_MB = 500.0
RESUME_TARGET_PCT = 5.0


@dataclass(frozen=True, slots=True)
class Corpus:
    """A JSONL file of articles, their word counts, and the sentences they were made from."""

    path: Path
    words: list[int]
    sentences: int


@dataclass(frozen=True, slots=True)
class Stored:
    """What a store holds after a run: rows per table and whether each input is in it once."""

    articles: int
    errors: int
    comments: int
    exactly_once: bool
    reasons: dict[str, int]


@dataclass(slots=True)
class Run:
    """One ``newscomment batch`` command: what it was asked, how long it took, what it used."""

    workers: int
    articles: int
    words: int
    command: list[str] = field(default_factory=list)
    seconds: float = 0.0
    returncode: int = 0
    summary: str = ""
    stderr: str = ""
    peak: dict[int, int] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)
    workers_seen: set[int] = field(default_factory=set)
    root: int = 0
    stored: Stored | None = None
    resume: bool = False
    tree_cpu: float = 0.0
    """CPU seconds of the batch command and all its descendants, exactly (rusage)."""
    other_cpu: float = 0.0
    """CPU seconds the rest of the machine used meanwhile (this benchmark's own excluded)."""

    @property
    def worker_peaks(self) -> list[int]:
        """Peak RSS of each worker process; with one worker, of the batch process itself."""
        pids = sorted(self.workers_seen) or [self.root]
        return [self.peak.get(pid, 0) for pid in pids]

    def cores(self, seconds: float) -> str:
        """CPU seconds over the run's wall time, as cores busy on average."""
        return f"{seconds / self.seconds:.2f}" if self.seconds > 0 else "?"


# --- the corpus ------------------------------------------------------------------------


def sentence_pool() -> list[str]:
    """The distinct English sentences of the annotated sets, each ending like a sentence."""
    root = data_root()
    examples = [
        example for name in CHECKTHAT_FILES for example in checkthat(root / CHECKTHAT / name)
    ]
    examples += babe_bias(root / BABE / BABE_FILE)
    pool: dict[str, None] = {}
    for example in examples:
        text = " ".join(example.text.split())
        if len(text.split()) < SENTENCE_MIN_WORDS:
            continue
        pool.setdefault(text if SENTENCE_END.search(text) else text + ".")
    return list(pool)


def article_length(rng: random.Random) -> int:
    """A word count from a log-normal around the median, within the bounds."""
    while True:
        words = round(rng.lognormvariate(math.log(MEDIAN_WORDS), WORDS_SIGMA))
        if MIN_WORDS <= words <= MAX_WORDS:
            return words


def build_article(pool: Sequence[str], headlines: Sequence[str], rng: random.Random) -> str:
    """A headline, then paragraphs of a few distinct sentences, as near the drawn length as
    whole sentences allow."""
    target = article_length(rng)
    headline = rng.choice(headlines)
    words = len(headline.split())
    paragraphs: list[list[str]] = [[]]
    size = rng.randint(*PARAGRAPH_SENTENCES)
    used: set[str] = set()
    while words < target:
        sentence = rng.choice(pool)
        if sentence in used:
            continue
        count = len(sentence.split())
        nearer_without = words + count - target > target - words
        if words + count > MAX_WORDS or (words >= MIN_WORDS and nearer_without):
            break
        used.add(sentence)
        words += count
        if len(paragraphs[-1]) == size:
            paragraphs.append([])
            size = rng.randint(*PARAGRAPH_SENTENCES)
        paragraphs[-1].append(sentence)
    return "\n\n".join([headline, *(" ".join(paragraph) for paragraph in paragraphs)])


def write_corpus(path: Path, count: int) -> Corpus:
    """``count`` articles as JSONL lines (id, text, outlet), the same on every run."""
    pool = sentence_pool()
    low, high = HEADLINE_WORDS
    headlines = [s.rstrip(HEADLINE_TRAILER) for s in pool if low <= len(s.split()) <= high]
    rng = random.Random(CORPUS_SEED)
    words = []
    with path.open("w", encoding="utf-8") as output:
        for number in range(count):
            text = build_article(pool, headlines, rng)
            words.append(len(text.split()))
            line = {"id": f"bench-{number:05d}", "text": text, "outlet": rng.choice(OUTLETS)}
            output.write(json.dumps(line, ensure_ascii=False) + "\n")
    return Corpus(path, words, len(pool))


def head(corpus: Corpus, count: int, path: Path) -> Corpus:
    """The first ``count`` articles of ``corpus`` as a corpus of their own."""
    with corpus.path.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as output:
        for _, line in zip(range(count), source, strict=False):
            output.write(line)
    return Corpus(path, corpus.words[:count], corpus.sentences)


# --- one run of newscomment batch ------------------------------------------------------


def peak_rss_bytes(pid: int) -> int:
    """A process's peak resident memory (VmHWM) in bytes; its RSS now if the kernel has no
    high-water mark; 0 when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith(STATUS_HWM):
            return int(line.split()[1]) * KIB
    return rss_bytes(pid)


def sample(run: Run) -> None:
    """Note the peak RSS and CPU so far of the batch process and of its spawned workers."""
    run.workers_seen.update(pid for pid in worker_pids(run.root) if pid != run.root)
    for pid in (run.root, *run.workers_seen):
        if (peak := peak_rss_bytes(pid)) > run.peak.get(pid, 0):
            run.peak[pid] = peak
        if (used := cpu_seconds(pid)) is not None:
            run.cpu[pid] = used


def watch(run: Run, done: threading.Event) -> None:
    """Sample the process tree every half second until the command has exited."""
    while not done.is_set():
        sample(run)
        done.wait(SAMPLE_EVERY_S)


def machine_busy_seconds() -> float:
    """CPU seconds all CPUs of the machine have been busy since boot, from /proc/stat."""
    numbers = PROC_STAT.read_text(encoding="ascii").splitlines()[0].split()[1:]
    busy = [int(n) for i, n in enumerate(numbers[:BUSY_FIELDS]) if i not in IDLE_FIELDS]
    return sum(busy) / CLOCK_TICKS


def own_cpu(who: int) -> float:
    """User plus system CPU seconds of this process, or of its waited-for descendants."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def batch(run: Run, corpus: Path, store: Path, style: str | None, logs: Path) -> Run:
    """Run ``newscomment batch`` on ``corpus`` into ``store``, timed and sampled."""
    run.command = [str(CLI), "batch", str(corpus), "--out", str(store)]
    run.command += ["--workers", str(run.workers)]
    run.command += ["--comment", style] if style else ["--no-comment"]
    stdout, stderr = logs / f"{store.stem}.out", logs / f"{store.stem}.err"
    done = threading.Event()
    with stdout.open("wb") as out, stderr.open("wb") as err:
        machine, children = machine_busy_seconds(), own_cpu(resource.RUSAGE_CHILDREN)
        self_cpu = own_cpu(resource.RUSAGE_SELF)
        started = time.perf_counter()
        process = subprocess.Popen(
            run.command,
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,  # its own group: stopped with its workers on Ctrl+C
        )
        run.root = process.pid
        sampler = threading.Thread(target=watch, args=(run, done), daemon=True)
        sampler.start()
        try:
            run.returncode = process.wait()
            run.seconds = time.perf_counter() - started
        finally:
            done.set()
            sampler.join()
            stop(process)
    run.tree_cpu = own_cpu(resource.RUSAGE_CHILDREN) - children
    used_here = own_cpu(resource.RUSAGE_SELF) - self_cpu
    run.other_cpu = max(machine_busy_seconds() - machine - run.tree_cpu - used_here, 0.0)
    run.summary = stdout.read_text(encoding="utf-8", errors="replace").strip()
    run.stderr = stderr.read_text(encoding="utf-8", errors="replace").strip()
    if run.returncode == 0:
        run.stored = check_store(store, corpus)
    return run


def check_store(store: Path, corpus: Path) -> Stored:
    """Open the store read-only: its counts, and whether every input id is in exactly one
    of articles or errors, once, with nothing else there."""
    with corpus.open(encoding="utf-8") as lines:
        expected = sorted(json.loads(line)["id"] for line in lines if line.strip())
    db = duckdb.connect(str(store), read_only=True)
    try:
        keys = sorted(
            row[0]
            for row in db.execute(
                " UNION ALL ".join(f"SELECT key FROM {name}" for name in DONE_TABLES)
            ).fetchall()
        )
        counts = {
            name: int(db.execute(f"SELECT count(*) FROM {name}").fetchone()[0])  # type: ignore[index]
            for name in (*DONE_TABLES, "comments")
        }
        reasons = dict(db.execute("SELECT reason, count(*) FROM errors GROUP BY 1").fetchall())
    finally:
        db.close()
    return Stored(
        articles=counts["articles"],
        errors=counts["errors"],
        comments=counts["comments"],
        exactly_once=keys == expected,
        reasons=reasons,
    )


def measure(corpus: Corpus, small: Corpus, style: str | None, folder: Path) -> list[Run]:
    """The four runs, in order; stops after the first that fails."""
    plan = [
        (Run(MANY_WORKERS, len(small.words), sum(small.words)), small, "small"),
        (Run(MANY_WORKERS, len(corpus.words), sum(corpus.words)), corpus, "big2"),
        (Run(MANY_WORKERS, len(corpus.words), sum(corpus.words), resume=True), corpus, "big2"),
        (Run(1, len(corpus.words), sum(corpus.words)), corpus, "big1"),
    ]
    runs = []
    for run, source, store in plan:
        print(f"batch: {describe(run)} ...", file=sys.stderr, flush=True)
        runs.append(batch(run, source.path, folder / f"{store}.duckdb", style, folder))
        print(f"batch:   {run.seconds:.1f} s; {run.summary}", file=sys.stderr, flush=True)
        if run.returncode != 0 or run.stored is None:
            break
    return runs


# --- report ----------------------------------------------------------------------------


def describe(run: Run) -> str:
    """What a run did, for the table: workers and article count."""
    if run.resume:
        return f"Resume, {run.articles:,} articles done, {run.workers} workers"
    workers = f"{run.workers} worker" + ("s" if run.workers > 1 else "")
    return f"{workers}, {run.articles:,} articles"


def mb(size: float) -> str:
    """Bytes as whole megabytes (MiB)."""
    return f"{size / 2**20:.0f} MB"


def run_figures(run: Run) -> list[Figure]:
    """Time, throughput, memory, CPU and the store check of one run."""
    name = describe(run)
    if run.returncode != 0 or run.stored is None:
        return [Figure(f"{name}: exit status", str(run.returncode), "0", False)]
    stored = run.stored
    check = Figure(
        f"{name}: stored once (articles + errors = inputs)",
        f"{stored.articles:,} + {stored.errors:,} = {run.articles:,}, {stored.comments:,} comments",
        "each input once",
        stored.exactly_once,
    )
    if run.resume:
        return [Figure(f"{name}: wall time", f"{run.seconds:.1f} s"), check]
    peaks = run.worker_peaks
    rows = [
        Figure(
            f"{name}: wall time, articles/s, words/s",
            f"{run.seconds:.1f} s, {run.articles / run.seconds:.1f}/s, "
            f"{run.words / run.seconds:,.0f}/s",
        ),
        Figure(
            f"{name}: peak RSS per worker",
            " / ".join(mb(peak) for peak in peaks),
            f"<= {WORKER_RSS_TARGET_MB:.0f} MB",
            max(peaks) <= WORKER_RSS_TARGET_MB * 2**20,
        ),
    ]
    parent = ""
    if run.workers_seen:
        rows.append(
            Figure(f"{name}: peak RSS of the batch (parent) process", mb(run.peak[run.root]))
        )
        parent = f" (parent {run.cores(run.cpu.get(run.root, 0.0))})"
    rows.append(
        Figure(
            f"{name}: CPU cores busy: batch command; rest of the machine",
            f"{run.cores(run.tree_cpu)}{parent}; {run.cores(run.other_cpu)}",
        )
    )
    return [*rows, check]


def figures(runs: Sequence[Run]) -> list[Figure]:
    """The table rows: each run's own, then the targets that compare runs."""
    rows = [row for run in runs for row in run_figures(run)]
    if len(runs) < RUN_COUNT:
        return rows
    small, big, resume, single = runs
    linearity = (big.seconds / big.articles) / (small.seconds / small.articles)
    overhead = 100 * resume.seconds / big.seconds
    speed_up = single.seconds / big.seconds
    expected = f"0 analysed, 0 errors, {big.articles:,} already done"
    fixed = (small.seconds * big.articles - big.seconds * small.articles) / (
        big.articles - small.articles
    )
    rows += [
        Figure(
            "Fixed cost per run (start-up), from the two 2-worker runs' times",
            f"{fixed:.1f} s",
        ),
        Figure(
            f"Linearity: time per article, {big.articles:,} / {small.articles:,} (2 workers)",
            f"{linearity:.2f}",
            f"1 ± {LINEARITY_TOLERANCE:.2f}",
            abs(linearity - 1) <= LINEARITY_TOLERANCE,
        ),
        Figure(
            f"Speed-up: 2 workers over 1, {big.articles:,} articles",
            f"{speed_up:.2f}x",
            f">= {SPEED_UP_TARGET}x",
            speed_up >= SPEED_UP_TARGET,
        ),
        Figure(
            "Resume on a finished store: time / the full run's",
            f"{resume.seconds:.1f} s = {overhead:.1f} %",
            f"< {RESUME_TARGET_PCT:g} %",
            overhead < RESUME_TARGET_PCT,
        ),
        Figure(
            "Resume: what it reports",
            resume.summary.partition(", in ")[0].removeprefix("newscomment: batch: "),
            expected,
            expected in resume.summary,
        ),
    ]
    return rows


def corpus_lines(corpus: Corpus, small: Corpus, style: str | None) -> list[str]:
    """How the corpus was made and how the runs were made, as Markdown list items."""
    words = corpus.words
    command = ["python", "benchmarks/batch.py", *sys.argv[1:]]
    return [
        f"- Command: `{shlex.join(command)}`",
        f"- Corpus: {len(words):,} articles (seed {CORPUS_SEED}) from {corpus.sentences:,} "
        f"distinct English sentences of {CHECKTHAT} and {BABE} in {data_root()}; "
        f"words min/median/max "
        f"{min(words):,} / {statistics.median(words):,.0f} / {max(words):,}, "
        f"total {sum(words):,}; the small run takes the first {len(small.words):,} "
        f"({sum(small.words):,} words)",
        f"- Runs: `newscomment batch CORPUS.jsonl --out STORE.duckdb --workers N "
        f"{'--comment ' + style if style else '--no-comment'}` (default chunk size), each into "
        "a fresh store in a temporary folder, wall clock around the command; process tree "
        f"sampled from /proc every {SAMPLE_EVERY_S:g} s (peak RSS = VmHWM)",
    ]


def error_lines(runs: Sequence[Run]) -> list[str]:
    """The error rows the stores hold, by reason, and the output of any failed run."""
    lines = []
    for run in runs:
        if run.stored is not None and run.stored.reasons:
            shown = "; ".join(f"{count} x {reason}" for reason, count in run.stored.reasons.items())
            lines.append(f"- {describe(run)}: errors stored: {shown}")
        if run.returncode != 0 or run.stored is None:
            tail = "\n".join(run.stderr.splitlines()[-STDERR_LINES_SHOWN:])
            lines.append(f"- {describe(run)}: FAILED with exit status {run.returncode}")
            lines.append(f"\n```\n$ {shlex.join(run.command)}\n{tail}\n```")
    return lines


def write_results(path: Path, header: str, rows: Sequence[Figure], notes: Sequence[str]) -> None:
    """Write the environment, the setup, the table and any errors to markdown."""
    extra = "\n\n" + "\n".join(notes) + "\n" if notes else "\n"
    path.write_text(
        "# newscomment batch benchmark\n\n"
        "Written by `python benchmarks/batch.py`; numbers depend on the machine and its load.\n\n"
        f"{header}\n\n{table(rows)}{extra}",
        encoding="utf-8",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, run the four commands, print the table and, unless quick, write the
    results file; non-zero when a run fails or a store is not as it should be."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"{QUICK_SMALL:,} and {QUICK_ARTICLES:,} articles; no results file",
    )
    parser.add_argument(
        "--articles",
        type=int,
        metavar="N",
        help=f"articles of the big runs (default {FULL_ARTICLES:,}); the small run has N/10",
    )
    parser.add_argument(
        "--no-comment", action="store_true", help="analysis only (default: critical comments)"
    )
    parser.add_argument("--output", type=Path, help=f"results file (default: {RESULTS})")
    args = parser.parse_args(argv)
    if args.articles is None:
        args.articles = QUICK_ARTICLES if args.quick else FULL_ARTICLES
        small_count = QUICK_SMALL if args.quick else args.articles // SMALL_SHARE
    else:
        small_count = args.articles // SMALL_SHARE
    if small_count < 1:
        parser.error(f"--articles must be at least {SMALL_SHARE}")
    style = None if args.no_comment else "critical"
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop the run as Ctrl+C does
    try:
        with tempfile.TemporaryDirectory(prefix="newscomment-batch-") as name:
            folder = Path(name)
            corpus = write_corpus(folder / "corpus.jsonl", args.articles)
            small = head(corpus, small_count, folder / "corpus-small.jsonl")
            header = "\n".join([*machine_lines(), *corpus_lines(corpus, small, style)])
            print(header, flush=True)
            runs = measure(corpus, small, style, folder)
    except NewscommentError as error:  # no annotated data to build the corpus from
        print(f"batch: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("batch: interrupted; the running command was stopped", file=sys.stderr)
        return 130
    rows = figures(runs)
    notes = error_lines(runs)
    print()
    print(table(rows))
    if notes:
        print("\n" + "\n".join(notes))
    output = args.output or (None if args.quick else RESULTS)
    if output is not None:
        write_results(output, header, rows, notes)
        print(f"\nwritten to {output}")
    stored = [run.stored.exactly_once if run.stored else False for run in runs]
    return 0 if len(runs) == RUN_COUNT and all(stored) else 1


if __name__ == "__main__":
    sys.exit(main())
