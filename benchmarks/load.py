"""Load benchmark for ``newscomment serve``; run on demand, prints a table of figures.

    python benchmarks/load.py            # 50 clients for 60 s against a server with 2 workers
    python benchmarks/load.py --quick    # 10 clients for 10 s (results file not written)

Starts ``newscomment serve --workers 2`` on a free loopback port, warms both workers up, then
measures, against the targets of the load issue:
  * the latency of one request on the seed with the server idle (target < 1 s);
  * requests/s and p50/p90/p99/max latency of 50 concurrent clients, each posting the seed
    and the articles of ``examples/articles`` in turn, with the three styles in turn, for 60 s;
  * errors: any answer but 200 with a comment, or any exception (target 0);
  * the summed RSS of the server's processes, sampled every second (target: flat);
  * the CPU each worker used, to show that both cores serve.
Only 127.0.0.1 is contacted. The server is always stopped, also on errors and Ctrl+C.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import resource
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import httpx
from figures import Figure, machine_lines, table

from newscomment import STYLES as STYLE_TABLE
from newscomment import ServerSettings

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "examples" / "seed.txt"
ARTICLES = REPO / "examples" / "articles"
RESULTS = Path(__file__).resolve().parent / "load-results.md"
CLI = Path(sys.executable).parent / "newscomment"

HOST = "127.0.0.1"
COMMENT_PATH = "/api/comment"
STYLES = tuple(STYLE_TABLE)
SERVER_DEFAULTS = ServerSettings()
SEED_COMMENT_MARKER = "Comment:"

FULL_CLIENTS, FULL_DURATION_S = 50, 60.0
QUICK_CLIENTS, QUICK_DURATION_S = 10, 10.0
DEFAULT_WORKERS = 2
RAMP_S = 1.0
"""Clients start spread over this time, as users arrive; all at once (0), uvicorn's workers
tend to accept a burst of new connections unevenly, and connections stay with their worker."""

STARTUP_TIMEOUT_S = 180.0
HEALTH_POLL_S = 0.25
STOP_GRACE_S = 15.0
GROUP_EXIT_WAIT_S = 5.0
REQUEST_TIMEOUT_S = SERVER_DEFAULTS.timeout + 10.0
"""Over the server's own limit (``SERVER_DEFAULTS.timeout``), so a slow request shows as its
503."""
CONNECT_TIMEOUT_S = 5.0
DRAIN_MARGIN_S = 10.0

WARMUP_ROUNDS_MAX = 5
WARMUP_CPU_S = 0.05
"""CPU a worker must use during warm-up to count as having served a request."""
IDLE_REPEATS = 20
SAMPLE_EVERY_S = 1.0
MEMORY_WINDOW_S = 10.0

IDLE_TARGET_S = 1.0
ERRORS_TARGET = 0
MEMORY_GROWTH_TARGET_PCT = 5.0
"""What "stays flat" means here: the last window's median RSS within 5 % of the first's."""

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
WORKER_BALANCE_MIN = 0.5
"""Both cores count as used when the idler worker's CPU is at least half the busier one's."""
LOG_LINES_SHOWN = 10
SOCKET_LINK = "socket:"
TCP_ESTABLISHED = "01"
WORKER_MARKER = b"spawn_main"
"""In the command line of a worker process that uvicorn starts with multiprocessing."""


class ServerError(Exception):
    """The server did not start or answer health checks in time."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One request: when it finished (monotonic s), its latency (s) and its error, if any."""

    finished: float
    latency: float
    error: str | None


@dataclass(slots=True)
class Server:
    """A running ``newscomment serve``: its process, port, log and what /api tells of it."""

    process: subprocess.Popen[bytes]
    command: list[str]
    port: int
    log: Path
    pipeline: str = "?"
    version: str = "?"

    @property
    def url(self) -> str:
        """The base URL, always on loopback."""
        return f"http://{HOST}:{self.port}"


@dataclass(slots=True)
class Run:
    """Everything measured in one benchmark run."""

    idle: list[Outcome] = field(default_factory=list)
    warmup_requests: int = 0
    warmup_errors: Counter[str] = field(default_factory=Counter)
    outcomes: list[Outcome] = field(default_factory=list)
    start: float = 0.0
    deadline: float = 0.0
    end: float = 0.0
    samples: list[tuple[float, int]] = field(default_factory=list)
    workers_start: list[int] = field(default_factory=list)
    workers_seen: set[int] = field(default_factory=set)
    worker_cpu: dict[int, float] = field(default_factory=dict)
    connections: dict[int, int] = field(default_factory=dict)
    client_cpu: float = 0.0

    @property
    def errors(self) -> Counter[str]:
        """Errors of every phase, by kind."""
        counts = Counter(self.warmup_errors)
        counts.update(f"idle: {o.error}" for o in self.idle if o.error)
        counts.update(o.error for o in self.outcomes if o.error)
        return counts


# --- the articles ----------------------------------------------------------------------


def seed_article() -> str:
    """The seed document up to its last ``Comment:`` line."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    marks = [i for i, line in enumerate(lines) if line.startswith(SEED_COMMENT_MARKER)]
    return "\n".join(lines[: marks[-1]] if marks else lines).strip()


def articles() -> list[str]:
    """The seed, then the shipped English articles in name order."""
    paths = sorted(ARTICLES.glob("*.txt"))
    return [seed_article(), *(path.read_text(encoding="utf-8").strip() for path in paths)]


def rotation(texts: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Endless (text, style) pairs: texts and styles each in turn, so every pair comes up."""
    for i in itertools.count():
        yield texts[i % len(texts)], STYLES[i % len(STYLES)]


# --- the server's processes ------------------------------------------------------------


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name, or None if the process is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return stat.rpartition(")")[2].split()


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants that are alive now, found by their parent ids."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat_fields(int(entry.name))):
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += children.get(pid, [])
    return tree


def rss_bytes(pid: int) -> int:
    """Resident memory (VmRSS, from /proc/PID/statm) of one process in bytes; 0 when gone."""
    try:
        statm = Path(f"/proc/{pid}/statm").read_text(encoding="ascii")
    except OSError:
        return 0
    return int(statm.split()[1]) * PAGE_SIZE


def tree_rss(root: int) -> int:
    """Summed resident memory of ``root`` and its descendants, in bytes."""
    return sum(rss_bytes(pid) for pid in process_tree(root))


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU seconds a process has used, or None when it is gone."""
    fields = _stat_fields(pid)
    return None if fields is None else (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def worker_pids(root: int) -> list[int]:
    """The server's worker processes, without the uvicorn parent and helpers; ``[root]`` while
    there are none, as with one worker, where the one process serves."""
    workers = []
    for pid in process_tree(root)[1:]:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if WORKER_MARKER in cmdline:
            workers.append(pid)
    return sorted(workers) or [root]


def socket_inodes(pid: int) -> set[str]:
    """The inodes of the sockets a process holds open."""
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return set()
    inodes = set()
    for fd in fds:
        with suppress(OSError):
            link = os.readlink(fd)
            if link.startswith(SOCKET_LINK):
                inodes.add(link.removeprefix(SOCKET_LINK).strip("[]"))
    return inodes


def established_inodes(port: int) -> set[str]:
    """The inodes of the established TCP connections to local ``port`` (IPv4)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text(encoding="ascii").splitlines()[1:]:
        fields = line.split()
        if fields[3] == TCP_ESTABLISHED and int(fields[1].rpartition(":")[2], 16) == port:
            inodes.add(fields[9])
    return inodes


class MemorySampler:
    """Every second: the server tree's summed RSS, its workers and their connections."""

    def __init__(self, root: int, port: int, run: Run) -> None:
        self.root = root
        self.port = port
        self.run = run
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _sample(self) -> None:
        """Record one sample at the current time, relative to the window's start."""
        self.run.samples.append((time.monotonic() - self.run.start, tree_rss(self.root)))
        self.run.workers_seen.update(worker_pids(self.root))
        established = established_inodes(self.port)
        for pid in self.run.workers_start:
            now = len(socket_inodes(pid) & established)
            self.run.connections[pid] = max(now, self.run.connections.get(pid, 0))

    def _loop(self) -> None:
        """Sample until stopped, on a fixed one-second grid."""
        ticks = itertools.count()
        while not self._stop.is_set():
            self._sample()
            due = self.run.start + (next(ticks) + 1) * SAMPLE_EVERY_S
            self._stop.wait(max(0.0, due - time.monotonic()))


# --- starting and stopping the server --------------------------------------------------


def free_port() -> int:
    """A loopback TCP port that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def log_tail(path: Path, lines: int = 5) -> str:
    """The last lines of the server's output, joined by " | "."""
    text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return " | ".join(text[-lines:]) or "(no output)"


def wait_until_ready(server: Server, workers: int) -> None:
    """Poll /api/health until it answers 200 and every worker process exists."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    with httpx.Client(base_url=server.url, timeout=CONNECT_TIMEOUT_S, trust_env=False) as client:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise ServerError(
                    f"exited with status {server.process.returncode}: {log_tail(server.log)}"
                )
            try:
                health = client.get("/api/health")
            except httpx.HTTPError:
                health = None
            if (
                health is not None
                and health.status_code == 200
                and len(worker_pids(server.process.pid)) >= workers
            ):
                server.pipeline = str(health.json().get("pipeline", "?"))
                server.version = str(client.get("/api/version").json().get("version", "?"))
                return
            time.sleep(HEALTH_POLL_S)
    raise ServerError(f"no healthy answer within {STARTUP_TIMEOUT_S:.0f} s: {log_tail(server.log)}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGINT, as Ctrl+C would; SIGKILL for the whole process group after a grace period."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    deadline = time.monotonic() + GROUP_EXIT_WAIT_S
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)  # the server's session: any worker left over?
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)


@contextmanager
def running_server(workers: int) -> Iterator[Server]:
    """``newscomment serve`` on a free loopback port, ready; stopped however the block ends."""
    with tempfile.TemporaryDirectory(prefix="newscomment-load-") as folder:
        log = Path(folder) / "server.log"
        port = free_port()
        command = [str(CLI), "serve", "--host", HOST, "--port", str(port)]
        command += ["--workers", str(workers)]
        with log.open("wb") as output:
            process = subprocess.Popen(
                command,
                cwd=REPO,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group: Ctrl+C reaches only us; we stop it
            )
        try:
            server = Server(process=process, command=command, port=port, log=log)
            wait_until_ready(server, workers)
            yield server
        finally:
            interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C waits
            try:
                stop(process)
            finally:
                signal.signal(signal.SIGINT, interrupt)


# --- the load --------------------------------------------------------------------------


def new_client(connections: int) -> httpx.AsyncClient:
    """An HTTP client for loopback only (proxy settings ignored) with enough connections."""
    return httpx.AsyncClient(
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        timeout=httpx.Timeout(REQUEST_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
        trust_env=False,
    )


async def post_comment(client: httpx.AsyncClient, url: str, text: str, style: str) -> Outcome:
    """POST one article to /api/comment; anything but 200 with a comment is an error."""
    start = time.perf_counter()
    error: str | None = None
    try:
        response = await client.post(url, json={"text": text, "style": style})
        if response.status_code != 200:
            try:
                code = response.json()["error"]["code"]
            except (ValueError, KeyError, TypeError):
                code = "no JSON error"
            error = f"HTTP {response.status_code} {code}"
        elif not (response.json().get("comment") or {}).get("text"):
            error = "HTTP 200 without a comment"
    except httpx.HTTPError as exception:
        error = type(exception).__name__
    except ValueError:
        error = "HTTP 200 with invalid JSON"
    return Outcome(time.monotonic(), time.perf_counter() - start, error)


async def client_loop(
    client: httpx.AsyncClient,
    url: str,
    pairs: Iterator[tuple[str, str]],
    delay: float,
    deadline: float,
) -> list[Outcome]:
    """One client: after ``delay`` seconds, a request at a time until the deadline."""
    await asyncio.sleep(delay)
    outcomes = []
    while time.monotonic() < deadline:
        text, style = next(pairs)
        outcomes.append(await post_comment(client, url, text, style))
    return outcomes


def worker_cpu(pids: Sequence[int]) -> dict[int, float | None]:
    """CPU seconds used so far by each worker."""
    return {pid: cpu_seconds(pid) for pid in pids}


async def warm_up(server: Server, workers: int, pairs: Iterator[tuple[str, str]], run: Run) -> None:
    """Rounds of 2 x workers concurrent requests on new connections until every worker served."""
    url = server.url + COMMENT_PATH
    pids = worker_pids(server.process.pid)
    before = worker_cpu(pids)
    for _ in range(WARMUP_ROUNDS_MAX):
        async with new_client(2 * workers) as client:
            batch = [post_comment(client, url, *next(pairs)) for _ in range(2 * workers)]
            outcomes = await asyncio.gather(*batch)
        run.warmup_requests += len(outcomes)
        run.warmup_errors.update(f"warm-up: {o.error}" for o in outcomes if o.error)
        now = worker_cpu(pids)
        used = [(now[pid] or 0.0) - (before[pid] or 0.0) for pid in pids]
        if all(seconds >= WARMUP_CPU_S for seconds in used):
            return
    print("load: warning: not every worker served a warm-up request", file=sys.stderr)


async def idle_latency(server: Server, repeats: int, run: Run) -> None:
    """The seed, one request at a time, with nothing else going on."""
    text, url = seed_article(), server.url + COMMENT_PATH
    async with new_client(1) as client:
        for _ in range(repeats):
            run.idle.append(await post_comment(client, url, text, STYLES[0]))


async def measure(server: Server, workers: int, clients: int, duration: float, ramp: float) -> Run:
    """Warm up, time the idle seed, then run ``clients`` loops for ``duration`` seconds."""
    run = Run()
    pairs = rotation(articles())
    await warm_up(server, workers, pairs, run)
    await idle_latency(server, IDLE_REPEATS, run)
    root = server.process.pid
    run.workers_start = worker_pids(root)
    cpu_before = worker_cpu(run.workers_start)
    client_before = resource.getrusage(resource.RUSAGE_SELF)
    run.start = time.monotonic()
    run.deadline = run.start + duration
    url = server.url + COMMENT_PATH
    with MemorySampler(root, server.port, run):
        async with (
            new_client(clients) as client,
            asyncio.timeout(duration + REQUEST_TIMEOUT_S + DRAIN_MARGIN_S),
        ):
            loops = [
                client_loop(client, url, pairs, i * ramp / clients, run.deadline)
                for i in range(clients)
            ]
            for outcomes in await asyncio.gather(*loops):
                run.outcomes += outcomes
        run.end = time.monotonic()
    client_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu_after = worker_cpu(run.workers_start)
    for pid in run.workers_start:
        before, after = cpu_before[pid], cpu_after[pid]
        if before is not None and after is not None:  # a replaced worker has no figure
            run.worker_cpu[pid] = after - before
    run.client_cpu = sum(
        getattr(client_after, name) - getattr(client_before, name)
        for name in ("ru_utime", "ru_stime")
    )
    return run


# --- report ----------------------------------------------------------------------------


def mb(size: float) -> str:
    """Bytes as whole megabytes (MiB)."""
    return f"{size / 2**20:.0f} MB"


def ms(seconds: float) -> str:
    """Seconds as whole milliseconds."""
    return f"{seconds * 1000:,.0f} ms"


def percentiles(values: Sequence[float]) -> dict[int, float]:
    """The 50th, 90th and 99th percentiles (all equal to the value when there is one)."""
    if len(values) < 2:
        return dict.fromkeys((50, 90, 99), values[0] if values else float("nan"))
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {50: cuts[49], 90: cuts[89], 99: cuts[98]}


def error_summary(errors: Counter[str]) -> str:
    """The error count and, if any, the count of each kind."""
    total = sum(errors.values())
    if not total:
        return "0"
    kinds = ", ".join(f"{kind}: {count}" for kind, count in errors.most_common())
    return f"{total} ({kinds})"


def memory_figures(run: Run) -> list[Figure]:
    """RSS at the start and end of the window, its maximum, and its growth over the window."""
    if not run.samples:
        return [Figure("Server RSS", "no samples")]
    times = [t for t, _ in run.samples]
    sizes = [size for _, size in run.samples]
    window = min(MEMORY_WINDOW_S, (times[-1] - times[0]) / 3)
    first = statistics.median(size for t, size in run.samples if t <= times[0] + window)
    last = statistics.median(size for t, size in run.samples if t >= times[-1] - window)
    growth = last - first
    percent = 100 * growth / first if first else float("nan")
    return [
        Figure("Server RSS (all its processes): start of the window", mb(sizes[0])),
        Figure("Server RSS: end of the window", mb(sizes[-1])),
        Figure(f"Server RSS: max of {len(sizes)} samples, 1 per s", mb(max(sizes))),
        Figure(
            f"Server RSS growth: median of first {window:.0f} s to last {window:.0f} s",
            f"{growth / 2**20:+.1f} MB ({percent:+.1f} %)",
            f"flat (<= {MEMORY_GROWTH_TARGET_PCT:g} %)",
            percent <= MEMORY_GROWTH_TARGET_PCT,
        ),
    ]


def figures(run: Run, duration: float) -> list[Figure]:
    """The table rows for one run."""
    idle = [o.latency for o in run.idle if not o.error]
    idle_median = statistics.median(idle) if idle else float("nan")
    in_window = sum(1 for o in run.outcomes if o.finished <= run.deadline)
    latencies = [o.latency for o in run.outcomes if not o.error]
    cuts = percentiles(latencies)
    errors = run.errors
    elapsed = run.end - run.start
    cpu = " / ".join(f"{100 * used / elapsed:.0f} %" for used in run.worker_cpu.values())
    replaced = len(run.workers_seen - set(run.workers_start))
    used = list(run.worker_cpu.values())
    balance = min(used) / max(used) if len(used) > 1 and max(used) > 0 else float(len(used) == 1)
    rows = [
        Figure(
            f"Idle: seed, one request at a time (median of {IDLE_REPEATS})",
            ms(idle_median),
            f"< {IDLE_TARGET_S:g} s",
            idle_median < IDLE_TARGET_S,
        ),
        Figure(
            f"Requests finished in the {duration:g} s window (+ in flight at its end)",
            f"{in_window:,} (+{len(run.outcomes) - in_window})",
        ),
        Figure("Requests/s (finished in the window / its length)", f"{in_window / duration:.1f}"),
        *(Figure(f"Latency p{p}", ms(cuts[p])) for p in (50, 90, 99)),
        Figure("Latency max", ms(max(latencies, default=float("nan")))),
        Figure(
            "Errors (must be 0): non-200, no comment, exception; all phases",
            error_summary(errors),
            str(ERRORS_TARGET),
            sum(errors.values()) == ERRORS_TARGET,
        ),
        Figure(
            "Worker CPU over the run (each, % of one core)",
            cpu or "?",
            f"both used (>= {100 * WORKER_BALANCE_MIN:.0f} % of the busier)",
            balance >= WORKER_BALANCE_MIN,
        ),
        Figure(
            "Client connections per worker (most at once)",
            " / ".join(str(run.connections.get(pid, 0)) for pid in run.workers_start) or "?",
        ),
        Figure(
            "Load generator CPU (% of one core, same machine)",
            f"{100 * run.client_cpu / elapsed:.0f} %",
        ),
        Figure("Worker processes replaced during the run", str(replaced), "0", replaced == 0),
        *memory_figures(run),
    ]
    return rows


def environment(server: Server) -> str:
    """Date, machine, Python, and the server's version and pipeline, one per line."""
    return "\n".join(
        [
            *machine_lines(),
            f"- Server: newscomment {server.version}, pipeline {server.pipeline}",
        ]
    )


def setup(server: Server, args: argparse.Namespace, run: Run) -> str:
    """How the run was made: the commands, the load and what was sampled, one per line."""
    texts = articles()
    words = sorted(len(text.split()) for text in texts)
    command = ["python", "benchmarks/load.py", *sys.argv[1:]]
    serve = ["newscomment", *server.command[1:]]
    return "\n".join(
        [
            f"- Command: `{shlex.join(command)}`",
            f"- Server: `{shlex.join(serve)}` (free port; default limits, "
            f"{SERVER_DEFAULTS.timeout:g} s per request)",
            f"- Load: {args.clients} clients on loopback, starting over {args.ramp:g} s, each "
            f"posting to {COMMENT_PATH} one request at a time on its own kept-alive connection "
            f"until {args.duration:g} s; {len(texts)} articles (the seed and "
            f"examples/articles/*.txt, {words[0]}-{words[-1]} words) in turn, with the styles "
            f"{', '.join(STYLES)} in turn; client timeout {REQUEST_TIMEOUT_S:g} s",
            f"- Warm-up: {run.warmup_requests} requests, {2 * args.workers} at a time on new "
            "connections, until every worker had served; then the idle seed requests",
            f"- Memory: summed RSS of the server's process tree (uvicorn parent, "
            f"{args.workers} workers, helpers) from /proc, sampled every {SAMPLE_EVERY_S:g} s",
        ]
    )


def server_log_lines(server: Server) -> list[str]:
    """What the server wrote besides its one start-up line (warnings and errors)."""
    lines = server.log.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("newscomment: serving")]


def write_results(path: Path, header: str, rows: Sequence[Figure], log: Sequence[str]) -> None:
    """Write the environment, the setup, the table and any server log lines to markdown."""
    notes = ""
    if log:
        tail = "\n".join(log[-LOG_LINES_SHOWN:])
        notes = f"\nThe server logged {len(log)} lines of warnings or errors; the last:\n\n"
        notes += f"```\n{tail}\n```\n"
    path.write_text(
        "# newscomment load benchmark\n\n"
        "Written by `python benchmarks/load.py`; numbers depend on the machine and its load. "
        "The load generator runs on the same machine and takes some of its CPU.\n\n"
        f"{header}\n\n{table(rows)}\n{notes}",
        encoding="utf-8",
    )


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM behaves like Ctrl+C, so the server is stopped on the way out."""
    del signum, frame
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table and, unless quick, write the results file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"{QUICK_CLIENTS} clients for {QUICK_DURATION_S:g} s; no results file",
    )
    parser.add_argument("--clients", type=int, help=f"default {FULL_CLIENTS}")
    parser.add_argument("--duration", type=float, help=f"seconds (default {FULL_DURATION_S:g})")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="default %(default)s")
    parser.add_argument(
        "--ramp",
        type=float,
        default=RAMP_S,
        help="seconds over which the clients start, evenly spread (default %(default)g)",
    )
    parser.add_argument("--output", type=Path, help=f"results file (default: {RESULTS})")
    args = parser.parse_args(argv)
    if args.clients is None:
        args.clients = QUICK_CLIENTS if args.quick else FULL_CLIENTS
    if args.duration is None:
        args.duration = QUICK_DURATION_S if args.quick else FULL_DURATION_S
    if args.clients < 1 or args.duration <= 0 or args.workers < 1 or args.ramp < 0:
        parser.error("--clients, --duration and --workers must be positive, --ramp not negative")
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        print(f"load: starting {CLI.name} serve --workers {args.workers}", file=sys.stderr)
        with running_server(args.workers) as server:
            print(
                f"load: warm-up, idle seed, then {args.clients} clients for {args.duration:g} s",
                file=sys.stderr,
            )
            run = asyncio.run(measure(server, args.workers, args.clients, args.duration, args.ramp))
            log = server_log_lines(server)
            header = f"{environment(server)}\n{setup(server, args, run)}"
    except ServerError as error:
        print(f"load: the server did not start: {error}", file=sys.stderr)
        return 1
    except TimeoutError:
        print("load: the clients did not finish in time; the server was stopped", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("load: interrupted; the server was stopped", file=sys.stderr)
        return 130
    rows = figures(run, args.duration)
    print(header)
    print()
    print(table(rows))
    if log:
        print(f"\nserver log ({len(log)} lines of warnings or errors), the last:")
        print("\n".join(log[-LOG_LINES_SHOWN:]))
    output = args.output or (None if args.quick else RESULTS)
    if output is not None:
        write_results(output, header, rows, log)
        print(f"\nwritten to {output}")
    errors = run.errors
    if errors:
        kinds = ", ".join(f"{kind}: {count}" for kind, count in errors.most_common())
        print(f"load: {errors.total()} errors ({kinds}); there must be none", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
