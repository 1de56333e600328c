"""make bench: per-item overhead, cold start, import time, memory, concurrency and async prefetch.

The API stand-in (benchmarks/local_api.py) runs in its own process, so client and server do not
share a GIL; it caches encoded pages and reports its own time per request, and its CPU time is read
from /proc, which shows it is not the bottleneck. It stays rather than the package's FakeAPI: the
fake sorts, checks and encodes every page per request (1.1 ms a page of 100 from 10,000 checkpoints,
measured, against 9 us for the stand-in's cached page), which would be half of what the benchmark
measures instead of the client. Results go to benchmarks/latest.json, docs/assets/benchmarks.png and a
table on stdout.

Import and cold-start times are measured as a runtime-only install sees them: the benchmark's
environment has click (for the CLI's tests), and httpx imports its own command line when click is
importable, so those subprocesses hide click to keep ``import httpx`` the baseline users have.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from chat import CHAT_TABLE_END, CHAT_TABLE_START, chat_benchmark, chat_chart, chat_table  # noqa: E402
from local_api import LocalAPI, sample_checkpoints  # noqa: E402

MODEL, BIG = "bench-model", "bench-big"
N, PAGE, RUNS = 10_000, 100, 7
# Rounds of the throughput variants: with drift of up to a third between runs, 7 left the ratios
# moving by about 0.1 from one `make bench` to the next.
THROUGHPUT_RUNS = 15
PATH = f"/v1/preview/models/{MODEL}/checkpoints"


def _serve(queue: Any, latency: float) -> None:
    with LocalAPI({MODEL: sample_checkpoints(N), BIG: sample_checkpoints(100_000)}, latency=latency) as api:
        queue.put(api.url)
        while True:
            time.sleep(3600)


def start_server(latency: float = 0.0) -> tuple[multiprocessing.Process, str]:
    queue: Any = multiprocessing.Queue()
    process = multiprocessing.Process(target=_serve, args=(queue, latency), daemon=True)
    process.start()
    return process, queue.get(timeout=30)


# ---------------------------------------------------------------- the ways to read N items
#
# Each variant builds its client once (outside the timed runs: building one costs the same TLS
# setup for every variant, and cold_start_ratio measures that separately) and returns a function
# that reads all N items and the function that closes the client. The async variants keep one event
# loop, as an application does.

Variant = tuple[Callable[[], int], Callable[[], None]]


def raw_httpx(url: str) -> Variant:
    http = httpx.Client(base_url=url)

    def run() -> int:
        count, after = 0, None
        while True:
            params: dict[str, Any] = {"limit": PAGE, **({"after": after} if after else {})}
            page = json.loads(http.get(PATH, params=params).content)
            count += len(page["data"])
            if not page["has_more"]:
                return count
            after = page["last_id"]

    return run, http.close


def generated(url: str) -> Variant:
    from serverless_training_raw.api.models import list_model_checkpoints
    from serverless_training_raw.client import AuthenticatedClient
    from serverless_training_raw.types import UNSET

    client = AuthenticatedClient(base_url=url, token="bench")

    def run() -> int:
        count, after = 0, None
        while True:
            page = list_model_checkpoints.sync(MODEL, client=client, after=after or UNSET, limit=PAGE)
            assert page is not None and hasattr(page, "data")
            count += len(page.data)
            if not page.has_more:
                return count
            after = page.last_id

    return run, client.get_httpx_client().close


def _on_loop(make: Callable[[], Any], read: Callable[[Any], Any], close: Callable[[Any], Any]) -> Variant:
    """An async client built once on one event loop; each run reads on that loop."""
    loop = asyncio.new_event_loop()

    async def build() -> Any:
        return make()

    client = loop.run_until_complete(build())

    def shutdown() -> None:
        loop.run_until_complete(close(client))
        loop.close()

    return (lambda: loop.run_until_complete(read(client))), shutdown


def raw_async(url: str) -> Variant:
    async def read(http: httpx.AsyncClient) -> int:
        count, after = 0, None
        while True:
            params: dict[str, Any] = {"limit": PAGE, **({"after": after} if after else {})}
            page = json.loads((await http.get(PATH, params=params)).content)
            count += len(page["data"])
            if not page["has_more"]:
                return count
            after = page["last_id"]

    return _on_loop(lambda: httpx.AsyncClient(base_url=url), read, lambda http: http.aclose())


def wrapper_sync(url: str) -> Variant:
    from serverless_training import ServerlessTraining

    client = ServerlessTraining(api_key="bench", base_url=url)
    return (lambda: sum(1 for _ in client.checkpoints.list(MODEL, limit=PAGE))), client.close


def wrapper_async(url: str) -> Variant:
    from serverless_training import AsyncServerlessTraining

    async def read(client: AsyncServerlessTraining) -> int:
        # Counts without keeping the items, as every other variant does: holding 10,000 typed
        # checkpoints made the cyclic GC walk them all, about 0.4 ms a page that no other variant paid.
        count = 0
        async for _ in client.checkpoints.list(MODEL, limit=PAGE):
            count += 1
        return count

    return _on_loop(
        lambda: AsyncServerlessTraining(api_key="bench", base_url=url), read, lambda client: client.close()
    )


def openai_cursor_page(url: str) -> Variant:
    import openai
    from openai.pagination import SyncCursorPage

    class Checkpoint(openai.BaseModel):
        id: str
        step: int
        metrics: dict[str, float]

    client = openai.OpenAI(api_key="bench", base_url=url)

    def run() -> int:
        first = client.get_api_list(
            PATH, model=Checkpoint, page=SyncCursorPage[Checkpoint], options={"params": {"limit": PAGE}}
        )
        return sum(1 for _ in first)

    return run, client.close


VARIANTS: dict[str, Callable[[str], Variant]] = {
    "raw": raw_httpx,
    "raw_async": raw_async,
    "generated": generated,
    "wrapper": wrapper_sync,
    "wrapper_async": wrapper_async,
    "openai": openai_cursor_page,
}


def throughput(url: str, runs: int = THROUGHPUT_RUNS) -> dict[str, float]:
    variants = {name: build(url) for name, build in VARIANTS.items()}
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    try:
        for name, (run, _) in variants.items():  # warm-up: imports, connection pools, server page cache
            assert run() == N, name
        for _ in range(runs):  # round-robin, so drift on the machine hits every variant alike
            for name, (run, _) in variants.items():
                started = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - started)
    finally:
        for _, close in variants.values():
            close()
    return {name: N / statistics.median(samples) for name, samples in times.items()}


def server_seconds_per_request(url: str) -> float:
    stats = httpx.get(f"{url}/v1/health").json()
    return float(stats["handler_seconds"]) / max(1, int(stats["requests"]))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to show the server's share."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- concurrency

LEVELS = (1, 8, 32, 64)
CONCURRENT_ITEMS = 64_000  # split across the listings of each level, so every level moves as much
CONCURRENCY_ROUNDS = 5


@dataclass(frozen=True)
class Concurrency:
    """Items/s per level through the wrapper and through raw httpx with the same cap on requests in
    flight, the wrapper's errors, and the server's CPU time as a share of each level's wall time."""

    wrapper: dict[str, float]
    raw: dict[str, float]
    errors: int
    server_share: dict[str, float]


def concurrency(url: str, server_pid: int) -> Concurrency:
    """``level`` concurrent listings on one AsyncServerlessTraining, and the same on one
    httpx.AsyncClient (json, no types) on the SDK's transport: the raw curve tells what concurrency
    costs httpx itself on this machine."""
    from serverless_training import AsyncServerlessTraining, PooledAsyncTransport

    async def wrapper_run(level: int) -> tuple[float, int]:
        per_task = CONCURRENT_ITEMS // level
        async with AsyncServerlessTraining(api_key="bench", base_url=url, max_retries=0) as client:

            async def listing() -> int:
                return len([c async for c in client.checkpoints.list(BIG, limit=PAGE, max_items=per_task)])

            started = time.perf_counter()
            results = await asyncio.gather(*(listing() for _ in range(level)), return_exceptions=True)
            elapsed = time.perf_counter() - started
        errors = sum(1 for r in results if isinstance(r, BaseException) or r != per_task)
        return per_task * level / elapsed, errors

    async def raw_run(level: int) -> tuple[float, int]:
        per_task = CONCURRENT_ITEMS // level
        async with httpx.AsyncClient(base_url=url, transport=PooledAsyncTransport()) as http:

            async def listing() -> int:
                items: list[Any] = []
                after = None
                while len(items) < per_task:
                    params = {
                        "limit": min(PAGE, per_task - len(items)),
                        **({"after": after} if after else {}),
                    }
                    page = json.loads(
                        (await http.get(f"/v1/preview/models/{BIG}/checkpoints", params=params)).content
                    )
                    items.extend(page["data"])
                    after = page["last_id"]
                return len(items)

            started = time.perf_counter()
            results = await asyncio.gather(*(listing() for _ in range(level)))
            elapsed = time.perf_counter() - started
        return sum(results) / elapsed, 0

    samples: dict[tuple[str, int], list[float]] = {}
    server_share: dict[int, list[float]] = {level: [] for level in LEVELS}
    errors = 0
    runs = {"wrapper": wrapper_run, "raw": raw_run}
    for level in LEVELS:
        for run in runs.values():
            asyncio.run(run(level))  # warm-up
    # Round-robin, as for throughput: run to run, this machine's speed drifts by up to a third, and
    # measuring one level after the other turned that drift into differences between levels.
    for _ in range(CONCURRENCY_ROUNDS):
        for level in LEVELS:
            for name, run in runs.items():
                cpu_before, wall_before = cpu_seconds(server_pid), time.perf_counter()
                rate, failed = asyncio.run(run(level))
                if name == "wrapper":
                    server_share[level].append(
                        (cpu_seconds(server_pid) - cpu_before) / (time.perf_counter() - wall_before)
                    )
                    errors += failed
                samples.setdefault((name, level), []).append(rate)
    return Concurrency(
        wrapper={str(level): statistics.median(samples["wrapper", level]) for level in LEVELS},
        raw={str(level): statistics.median(samples["raw", level]) for level in LEVELS},
        errors=errors,
        server_share={str(level): statistics.median(values) for level, values in server_share.items()},
    )


# ---------------------------------------------------------------- import time, cold start and memory

HIDE_CLICK = "import sys; sys.modules['click'] = None"  # as in a runtime-only install (see above)
TIMED_START = "import time; t = time.perf_counter()"


def byte_compile_package() -> None:
    """Write the bytecode ``pip install`` writes. The benchmark runs the package from its source tree
    (an editable install) and this machine sets PYTHONDONTWRITEBYTECODE, so every fresh process
    compiled the SDK's modules again (about 25 ms of a cold start, measured) while httpx, installed
    by pip, loaded its bytecode."""
    import compileall

    for folder in ("wrapper", "generated"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def fresh_process_seconds(codes: dict[str, str], runs: int) -> dict[str, float]:
    """Median seconds each script prints, run in fresh processes taking turns (so drift on the
    machine hits each alike)."""
    samples: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(runs):
        for name, code in codes.items():
            samples[name].append(float(subprocess.check_output([sys.executable, "-c", code], text=True)))
    return {name: statistics.median(values) for name, values in samples.items()}


def import_seconds(statements: dict[str, str], runs: int = 11) -> dict[str, float]:
    """Seconds to run each import statement in a fresh process."""
    return fresh_process_seconds(
        {
            name: f"{HIDE_CLICK}; {TIMED_START}; {statement}; print(time.perf_counter() - t)"
            for name, statement in statements.items()
        },
        runs,
    )


COLD_WRAPPER = """
from serverless_training import ServerlessTraining
with ServerlessTraining(api_key="bench", base_url=URL) as client:
    first = client.checkpoints.list(MODEL, limit=100)
assert len(first.data) == 100
"""
COLD_RAW = """
import httpx, json
with httpx.Client(base_url=URL) as http:
    page = json.loads(http.get(PATH, params={"limit": 100}).content)
assert len(page["data"]) == 100
"""


def cold_start_seconds(bodies: dict[str, str], url: str, runs: int = 11) -> dict[str, float]:
    """A fresh process: import, build a client, fetch the first page of 100 (median of ``runs``)."""
    return fresh_process_seconds(
        {
            name: (
                f"{HIDE_CLICK}\nimport time\nt = time.perf_counter()\n"
                f"URL, MODEL, PATH = {url!r}, {MODEL!r}, {PATH!r}\n{body}\nprint(time.perf_counter() - t)"
            )
            for name, body in bodies.items()
        },
        runs,
    )


RSS_SCRIPT = """
import resource, sys
from serverless_training import ServerlessTraining
with ServerlessTraining(api_key="bench", base_url=sys.argv[1]) as client:
    seen = sum(1 for _ in client.checkpoints.list(sys.argv[2], limit=100, max_items=int(sys.argv[3])))
assert seen == int(sys.argv[3]), seen
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def peak_rss_mb(url: str, items: int) -> float:
    return float(subprocess.check_output([sys.executable, "-c", RSS_SCRIPT, url, BIG, str(items)], text=True))


# ---------------------------------------------------------------- async prefetch


def prefetch_speedup(url: str, items: int = 5000) -> tuple[float, float]:
    from serverless_training import AsyncServerlessTraining

    async def run(prefetch: bool, work: float) -> float:
        async with AsyncServerlessTraining(api_key="bench", base_url=url) as client:
            started = time.perf_counter()
            first = await client.checkpoints.list(MODEL, limit=PAGE, max_items=items, prefetch=prefetch)
            async for _page in first.iter_pages():
                await asyncio.sleep(work)  # the consumer's own awaiting work on this page
            return time.perf_counter() - started

    pages = items // PAGE
    fetch = statistics.median(asyncio.run(run(False, 0.0)) for _ in range(RUNS)) / pages
    sequential = statistics.median(asyncio.run(run(False, fetch)) for _ in range(RUNS))
    overlapped = statistics.median(asyncio.run(run(True, fetch)) for _ in range(RUNS))
    return sequential / overlapped, fetch


# ---------------------------------------------------------------- what users wait for, over a link
#
# The API is remote: a request costs a round trip of tens of milliseconds, a page parsed here about
# half a millisecond. The stand-in delays every response by RTT, in this process (its loop runs in a
# thread; with the client mostly waiting, sharing the GIL costs nothing measurable).

RTT = 0.05  # seconds each response is delayed
LATENCY_RUNS = 3  # listings per client; the median is reported
LATENCY_ITEMS = 2_000
LATENCY_MODEL = "latency-model"
POLL_INTERVAL = 1.0  # wait()'s poll interval in the event-delay runs
EVENT_INTERVAL = 0.25  # a job's feed shows a new event this often
WAIT_JOBS = 64


def spec_max_page() -> int:
    """The largest ``limit`` the spec allows a checkpoint page (what the fewest requests use)."""
    spec = json.loads((ROOT / "openapi.json").read_text())
    listing = spec["paths"]["/v1/preview/models/{model_id}/checkpoints"]["get"]
    (limit,) = [p for p in listing["parameters"] if p["name"] == "limit"]
    return int(limit["schema"]["maximum"])


def latency_listing(api: LocalAPI) -> dict[str, float]:
    """Listing LATENCY_ITEMS checkpoints with no page arguments, sync and async (prefetch on)."""
    from serverless_training import AsyncServerlessTraining, ServerlessTraining

    result: dict[str, float] = {}
    # Each client lists once first: what is measured is round trips, not the first call's imports
    # and validator compilation (cold_start_ratio measures those).
    with ServerlessTraining(api_key="bench", base_url=api.url) as client:
        next(iter(client.checkpoints.list(LATENCY_MODEL, max_items=1)))
        runs = []
        for _ in range(LATENCY_RUNS):
            before, started = api.requests, time.perf_counter()
            seen = sum(1 for _ in client.checkpoints.list(LATENCY_MODEL))
            runs.append((time.perf_counter() - started, api.requests - before))
            assert seen == LATENCY_ITEMS, seen
        result["sync_s"], result["sync_requests"] = statistics.median(runs)

    async def listings() -> list[tuple[float, int]]:
        async with AsyncServerlessTraining(api_key="bench", base_url=api.url) as aclient:
            await aclient.checkpoints.list(LATENCY_MODEL, max_items=1)
            runs = []
            for _ in range(LATENCY_RUNS):
                before, started = api.requests, time.perf_counter()
                seen = len([c async for c in aclient.checkpoints.list(LATENCY_MODEL, prefetch=True)])
                runs.append((time.perf_counter() - started, api.requests - before))
                assert seen == LATENCY_ITEMS, seen
            return runs

    result["async_s"], result["async_requests"] = statistics.median(asyncio.run(listings()))
    return result


def measured_rtt(api: LocalAPI, requests: int = 21) -> tuple[float, float]:
    """What one round trip on this link costs as raw httpx sees it, sync and async: the median of
    small requests. The stand-in's scheduling adds a little to its configured delay, and an asyncio
    client in the stand-in's process a little more (two loops hand the GIL to each other)."""
    url = api.url + "/v1/health"
    with httpx.Client() as http:
        http.get(url)  # the connection, made once
        sync_times = []
        for _ in range(requests):
            started = time.perf_counter()
            http.get(url)
            sync_times.append(time.perf_counter() - started)

    async def async_times() -> list[float]:
        async with httpx.AsyncClient() as ahttp:
            await ahttp.get(url)
            times = []
            for _ in range(requests):
                started = time.perf_counter()
                await ahttp.get(url)
                times.append(time.perf_counter() - started)
            return times

    return statistics.median(sync_times), statistics.median(asyncio.run(async_times()))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def wait_event_delays(api: LocalAPI, jobs: int) -> dict[str, float]:
    """Follow ``jobs`` jobs whose events appear over time; how late each event reaches on_event."""
    from serverless_training import AsyncServerlessTraining, ServerlessTraining

    start = time.monotonic() + 0.05
    ids = [f"job-{jobs}-{i}" for i in range(jobs)]
    for i, job_id in enumerate(ids):  # jobs started over one poll interval, as jobs are
        api.add_job(job_id, steps=6, start=start + i * POLL_INTERVAL / jobs, interval=EVENT_INTERVAL)
    delays: list[float] = []

    def record(event: Any) -> None:
        delays.append(time.monotonic() - event.data["available_at"])

    before = api.requests
    if jobs == 1:
        with ServerlessTraining(api_key="bench", base_url=api.url) as client:
            client.training_jobs.wait(ids[0], poll_interval=POLL_INTERVAL, on_event=record)
    else:

        async def follow_all() -> None:
            async with AsyncServerlessTraining(api_key="bench", base_url=api.url) as aclient:
                await asyncio.gather(
                    *(
                        aclient.training_jobs.wait(j, poll_interval=POLL_INTERVAL, on_event=record)
                        for j in ids
                    )
                )

        asyncio.run(follow_all())
    assert len(delays) == jobs * 8, len(delays)
    return {"p95_s": _p95(delays), "max_s": max(delays), "requests": api.requests - before}


def latency(n_events: int = 500) -> dict[str, Any]:
    """The latency benchmark: listing and waiting over a link with RTT, and a long event feed."""
    from serverless_training import ServerlessTraining

    with LocalAPI({LATENCY_MODEL: sample_checkpoints(LATENCY_ITEMS)}, latency=RTT) as api:
        rtt, async_rtt = measured_rtt(api)
        listing = latency_listing(api)
        one, many = wait_event_delays(api, 1), wait_event_delays(api, WAIT_JOBS)
        api.add_job("long-job", steps=n_events - 2, start=0.0, interval=0.0)
        before = api.requests
        with ServerlessTraining(api_key="bench", base_url=api.url) as client:
            client.training_jobs.wait("long-job", poll_interval=POLL_INTERVAL)
        long_feed_requests = api.requests - before
    floor_requests = -(-LATENCY_ITEMS // spec_max_page())
    floor, async_floor = floor_requests * rtt, floor_requests * async_rtt
    budget = POLL_INTERVAL + 2 * rtt
    return {
        "latency_rtt_s": RTT,
        "latency_rtt_measured_s": rtt,
        "latency_rtt_measured_async_s": async_rtt,
        "latency_listing_items": LATENCY_ITEMS,
        "latency_listing_requests": listing["sync_requests"],
        "latency_listing_async_requests": listing["async_requests"],
        "latency_listing_s": listing["sync_s"],
        "latency_listing_async_s": listing["async_s"],
        "latency_listing_floor_requests": floor_requests,
        "latency_listing_floor_s": floor,
        "latency_listing_async_floor_s": async_floor,
        "latency_listing_over_floor": listing["sync_s"] / floor,
        "latency_listing_async_over_floor": listing["async_s"] / async_floor,
        "wait_poll_interval_s": POLL_INTERVAL,
        "wait_event_delay_budget_s": budget,
        "wait_event_delay_p95_s": one["p95_s"],
        "wait_event_delay_max_s": one["max_s"],
        "wait_event_delay_p95_over_budget": one["p95_s"] / budget,
        "wait_64_jobs_event_delay_p95_s": many["p95_s"],
        "wait_64_jobs_event_delay_max_s": many["max_s"],
        "wait_64_jobs_event_delay_p95_over_budget": many["p95_s"] / (POLL_INTERVAL + 2 * async_rtt),
        "wait_500_events_requests": long_feed_requests,
    }


def chart(result: dict[str, Any], path: Path) -> None:
    """Items/s per variant and the concurrency curve, as docs/assets/benchmarks.png."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, 8), dpi=100, layout="constrained")
    (bars, curve), (listing, waiting) = fig.subplots(2, 2, width_ratios=(3, 2))
    names = ["raw", "raw_async", "generated", "wrapper", "wrapper_async", "openai"]
    values = [result[f"{name}_items_per_s"] / 1000 for name in names]
    colors = ["tab:gray", "tab:gray", "tab:olive", "tab:blue", "tab:blue", "tab:orange"]
    bars.bar(names, values, color=colors)
    bars.set_ylabel("thousand checkpoints / s")
    bars.set_title(f"Reading {result['n_items']:,} checkpoints in pages of {result['page_size']}")
    bars.tick_params(axis="x", rotation=25)
    for x, value in enumerate(values):
        bars.annotate(f"{value:.0f}", (x, value), ha="center", va="bottom", fontsize="small")
    levels = list(result["concurrency_items_per_s"])
    rates = [result["concurrency_items_per_s"][level] / 1000 for level in levels]
    curve.plot([int(level) for level in levels], rates, marker="o", color="tab:blue", label="wrapper (typed)")
    raw_rates = [result["concurrency_raw_httpx_items_per_s"][level] / 1000 for level in levels]
    curve.plot(
        [int(level) for level in levels],
        raw_rates,
        marker="s",
        color="tab:gray",
        label="raw httpx + json, same transport",
    )
    curve.legend(fontsize="small")
    curve.set_xscale("log", base=2)
    curve.set_xticks([int(level) for level in levels], labels=levels)
    curve.set_ylim(bottom=0)
    curve.set_xlabel("concurrent listings on one client")
    curve.set_ylabel("thousand checkpoints / s")
    curve.set_title(f"Concurrency ({result['concurrency_errors']} errors)")
    rtt_ms = result["latency_rtt_s"] * 1000
    seconds = [
        result["latency_listing_floor_s"],
        result["latency_listing_s"],
        result["latency_listing_async_s"],
    ]
    labels = [
        "floor\n(fewest requests x RTT)",
        f"sync\n({result['latency_listing_requests']} requests)",
        f"async, prefetch\n({result['latency_listing_async_requests']} requests)",
    ]
    listing.bar(labels, seconds, color=["tab:gray", "tab:blue", "tab:blue"])
    for x, value in enumerate(seconds):
        listing.annotate(f"{value:.2f} s", (x, value), ha="center", va="bottom", fontsize="small")
    listing.set_ylabel("seconds")
    listing.set_title(
        f"Listing {result['latency_listing_items']:,} checkpoints, no page arguments, RTT {rtt_ms:.0f} ms"
    )
    delays = [result["wait_event_delay_p95_s"], result["wait_64_jobs_event_delay_p95_s"]]
    waiting.bar(["1 job (sync)", f"{WAIT_JOBS} jobs (async)"], delays, color="tab:blue")
    waiting.axhline(result["wait_event_delay_budget_s"], color="tab:red", linestyle="--", label="budget")
    waiting.legend(fontsize="small")
    waiting.set_ylabel("seconds, p95")
    waiting.set_title(f"wait(): event available -> on_event (poll {result['wait_poll_interval_s']:g} s)")
    fig.suptitle(result["machine"], fontsize="small")
    fig.savefig(path)


RESULTS_PAGE = ROOT / "docs" / "benchmarks.md"  # the docs site page that shows the latest run
CHART = ROOT / "docs" / "assets" / "benchmarks.png"
CHAT_CHART = ROOT / "docs" / "assets" / "chat.png"
TABLE_START, TABLE_END = "<!-- bench:start (make bench writes this table) -->", "<!-- bench:end -->"
TABLE_ROWS = (
    ("latency_listing_requests", "requests to list 2,000 checkpoints with no page arguments"),
    ("latency_listing_over_floor", "listing 2,000 checkpoints over a 50 ms link / floor, sync"),
    ("latency_listing_async_over_floor", "the same, async with prefetch"),
    ("wait_event_delay_p95_over_budget", "wait(): p95 event delay / (poll + 2 RTT), 1 job"),
    ("wait_64_jobs_event_delay_p95_over_budget", "the same, 64 jobs on one async client"),
    ("wait_500_events_requests", "requests for wait() to follow a 500-event job"),
    ("wrapper_over_raw", "guard: typed wrapper / raw httpx + json, sync"),
    ("wrapper_async_over_raw_async", "guard: typed wrapper / raw httpx + json, async"),
    ("wrapper_over_openai", "guard: wrapper / OpenAI's cursor page"),
    ("cold_start_ratio", "guard: cold start (import, client, first page) / httpx + json"),
    ("import_ratio", "guard: import / `import httpx`"),
    ("rss_growth_mb", "guard: peak RSS growth, 1k -> 100k items (MB)"),
    ("concurrency_64_over_best", "guard: 64 concurrent listings / best level"),
    ("concurrency_errors", "guard: errors in concurrent listings"),
    ("async_prefetch_speedup", "guard: async prefetch speed-up"),
    ("chat_sdk_over_openai_min", "chat: async completions/s / openai-python's, worst of 64 and 256"),
    ("chat_sdk_over_floor_min", "chat: async completions/s / raw httpx's, worst of 64 and 256"),
    ("chat_ttfc_p95_over_floor_ms_max", "chat: time to first chunk p95 over raw httpx's (ms)"),
    ("chat_connections_per_1k_streams_max", "chat: connections per 1,000 sequential streams"),
)


def results_table(result: dict[str, Any]) -> str:
    """The benchmarks page's table, from a result of this script (benchmarks/latest.json)."""
    lines = [TABLE_START, "| measure | this run | target |", "|---|---|---|"]
    for key, label in TABLE_ROWS:
        op, bound = TARGETS[key]
        value = result[key]
        met = value >= bound if op == ">=" else value <= bound
        shown = f"{value:.3g}" if isinstance(value, float) else str(value)
        lines.append(f"| {label} | {shown} | {op} {bound:g} {'(met)' if met else '(missed)'} |")

    def k(key: str) -> str:
        return f"{result[key] / 1000:.1f}k"

    rates = ", ".join(f"{level}: {v / 1000:.1f}k" for level, v in result["concurrency_items_per_s"].items())
    raw_rates = ", ".join(
        f"{level}: {v / 1000:.1f}k" for level, v in result["concurrency_raw_httpx_items_per_s"].items()
    )
    server = max(result["concurrency_server_cpu_share"].values())
    lines.append("")
    lines.append(
        f"Items/s: raw {k('raw_items_per_s')}, wrapper {k('wrapper_items_per_s')}, raw async "
        f"{k('raw_async_items_per_s')}, wrapper async {k('wrapper_async_items_per_s')}; concurrent "
        f"listings {rates} (the server used at most {server:.0%} of a core); raw httpx + json on the "
        f"same transport {raw_rates} "
        f"({result['concurrency_raw_httpx_64_over_best']:.2f} of its best at 64). {result['machine']}."
    )
    lines.append(TABLE_END)
    return "\n".join(lines)


def write_results_table(result: dict[str, Any]) -> None:
    text = RESULTS_PAGE.read_text(encoding="utf-8")
    for first, last, table in (
        (TABLE_START, TABLE_END, results_table(result)),
        (CHAT_TABLE_START, CHAT_TABLE_END, chat_table(result)),
    ):
        start, end = text.index(first), text.index(last) + len(last)
        text = text[:start] + table + text[end:]
    RESULTS_PAGE.write_text(text, encoding="utf-8")


# Targets where users wait (over a link), and guards against regressions on 127.0.0.1.
TARGETS: dict[str, tuple[str, float]] = {
    "latency_listing_over_floor": ("<=", 1.10),
    "latency_listing_async_over_floor": ("<=", 1.10),
    "latency_listing_requests": ("<=", 21),
    "latency_listing_async_requests": ("<=", 21),
    "wait_event_delay_p95_over_budget": ("<=", 1.0),
    "wait_64_jobs_event_delay_p95_over_budget": ("<=", 1.0),
    "wait_500_events_requests": ("<=", 7),
    "wrapper_over_raw": (">=", 0.7),
    "wrapper_async_over_raw_async": (">=", 0.7),
    "wrapper_over_openai": (">=", 2.5),
    "async_prefetch_speedup": (">=", 1.6),
    "cold_start_ratio": ("<=", 1.6),  # #28: structure may cost up to 1.6x (was 1.5)
    "import_ratio": ("<=", 1.5),  # #28: structure may cost up to 1.5x (was 1.3)
    "rss_growth_mb": ("<=", 10.0),
    "concurrency_64_over_best": (">=", 0.8),
    "concurrency_errors": ("<=", 0.0),
    "chat_sdk_over_openai_min": (">=", 1.0),
    "chat_sdk_over_floor_min": (">=", 0.8),
    "chat_ttfc_p95_over_floor_ms_max": ("<=", 2.0),
    "chat_connections_per_1k_streams_max": ("<=", 4.0),
}


def main() -> int:
    server, url = start_server()
    latent_server, latent_url = start_server(latency=0.002)
    try:
        rates = throughput(url)
        server_s = server_seconds_per_request(url)
        assert server.pid is not None
        levels = concurrency(url, server.pid)
        speedup, fetch_s = prefetch_speedup(latent_url)
        rss_1k, rss_100k = peak_rss_mb(url, 1_000), peak_rss_mb(url, 100_000)
        byte_compile_package()
        cold = cold_start_seconds({"wrapper": COLD_WRAPPER, "raw": COLD_RAW}, url)
        cold_wrapper, cold_raw = cold["wrapper"], cold["raw"]
        waited = latency()
    finally:
        server.terminate()
        latent_server.terminate()
    chat = chat_benchmark()
    imports = import_seconds(
        {
            "wrapper": "from serverless_training import ServerlessTraining",
            "httpx": "import httpx",
            "first_client": "from serverless_training import ServerlessTraining; "
            "ServerlessTraining(api_key='k').checkpoints",
        }
    )
    import_wrapper, import_httpx = imports["wrapper"], imports["httpx"]
    result: dict[str, Any] = {
        "raw_items_per_s": rates["raw"],
        "raw_async_items_per_s": rates["raw_async"],
        "generated_items_per_s": rates["generated"],
        "wrapper_items_per_s": rates["wrapper"],
        "wrapper_async_items_per_s": rates["wrapper_async"],
        "openai_items_per_s": rates["openai"],
        "wrapper_over_raw": rates["wrapper"] / rates["raw"],
        "wrapper_async_over_raw_async": rates["wrapper_async"] / rates["raw_async"],
        "wrapper_over_generated": rates["wrapper"] / rates["generated"],
        "wrapper_over_openai": rates["wrapper"] / rates["openai"],
        "import_s_wrapper": import_wrapper,
        "import_s_httpx": import_httpx,
        "import_ratio": import_wrapper / import_httpx,
        "import_s_wrapper_first_client": imports["first_client"],
        "cold_start_s_wrapper": cold_wrapper,
        "cold_start_s_raw": cold_raw,
        "cold_start_ratio": cold_wrapper / cold_raw,
        "rss_mb_1k": rss_1k,
        "rss_mb_100k": rss_100k,
        "rss_growth_mb": rss_100k - rss_1k,
        "concurrency_items_per_s": levels.wrapper,
        "concurrency_64_over_best": levels.wrapper["64"] / max(levels.wrapper.values()),
        "concurrency_errors": levels.errors,
        "concurrency_server_cpu_share": levels.server_share,
        "concurrency_raw_httpx_items_per_s": levels.raw,
        "concurrency_raw_httpx_64_over_best": levels.raw["64"] / max(levels.raw.values()),
        "async_prefetch_speedup": speedup,
        "server_ms_per_request": server_s * 1000,
        "client_ms_per_page_raw": PAGE / rates["raw"] * 1000,
        "async_prefetch_fetch_ms_per_page": fetch_s * 1000,
        **waited,
        **chat,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "n_items": N,
        "page_size": PAGE,
        "runs": THROUGHPUT_RUNS,
    }
    (ROOT / "benchmarks" / "latest.json").write_text(json.dumps(result, indent=2) + "\n")
    chart(result, CHART)
    chat_chart(result, CHAT_CHART)
    write_results_table(result)
    print(f"{'metric':<34}{'value':>14}  target")
    for key, value in result.items():
        if key == "chat":
            continue  # printed as the chat table below
        if isinstance(value, dict):
            value_text = ", ".join(f"{k}: {v:.3g}" for k, v in value.items())
            print(f"{key:<34}{value_text}")
            continue
        if not isinstance(value, int | float):
            continue
        target = TARGETS.get(key)
        mark = ""
        if target is not None:
            met = value >= target[1] if target[0] == ">=" else value <= target[1]
            mark = f"{target[0]} {target[1]:g}  {'ok' if met else 'MISSED'}"
        print(f"{key:<34}{value:>14.4g}  {mark}")
    server_ms, client_ms = result["server_ms_per_request"], result["client_ms_per_page_raw"]
    print(f"server {server_ms:.3f} ms/request vs raw client {client_ms:.3f} ms/page: not the bottleneck")
    print(chat_table(result))
    print(f"machine: {result['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
