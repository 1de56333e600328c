"""make bench: per-item overhead, import time, memory and async prefetch of the SDK.

The API stand-in (benchmarks/local_api.py) runs in its own process, so client and server do not
share a GIL; it caches encoded pages and reports its own time per request, which shows it is not
the bottleneck. Results go to benchmarks/latest.json and a table on stdout.
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
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from local_api import LocalAPI, sample_checkpoints  # noqa: E402

MODEL, BIG = "bench-model", "bench-big"
N, PAGE, RUNS = 10_000, 100, 7
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


# ---------------------------------------------------------------- the five ways to read N items


def raw_httpx(url: str) -> int:
    count, after = 0, None
    with httpx.Client(base_url=url) as http:
        while True:
            params: dict[str, Any] = {"limit": PAGE, **({"after": after} if after else {})}
            page = json.loads(http.get(PATH, params=params).content)
            count += len(page["data"])
            if not page["has_more"]:
                return count
            after = page["last_id"]


def generated(url: str) -> int:
    from serverless_training_raw.api.models import list_model_checkpoints
    from serverless_training_raw.client import AuthenticatedClient
    from serverless_training_raw.types import UNSET

    count, after = 0, None
    with AuthenticatedClient(base_url=url, token="bench") as client:
        while True:
            page = list_model_checkpoints.sync(MODEL, client=client, after=after or UNSET, limit=PAGE)
            assert page is not None and hasattr(page, "data")
            count += len(page.data)
            if not page.has_more:
                return count
            after = page.last_id


def wrapper_sync(url: str) -> int:
    from serverless_training import ServerlessTraining

    with ServerlessTraining(api_key="bench", base_url=url) as client:
        return sum(1 for _ in client.checkpoints.list(MODEL, limit=PAGE))


def wrapper_async(url: str) -> int:
    from serverless_training import AsyncServerlessTraining

    async def main() -> int:
        async with AsyncServerlessTraining(api_key="bench", base_url=url) as client:
            return len([c async for c in client.checkpoints.list(MODEL, limit=PAGE)])

    return asyncio.run(main())


def openai_cursor_page(url: str) -> int:
    import openai
    from openai.pagination import SyncCursorPage

    class Checkpoint(openai.BaseModel):
        id: str
        step: int
        metrics: dict[str, float]

    with openai.OpenAI(api_key="bench", base_url=url) as client:
        first = client.get_api_list(
            PATH, model=Checkpoint, page=SyncCursorPage[Checkpoint], options={"params": {"limit": PAGE}}
        )
        return sum(1 for _ in first)


VARIANTS: dict[str, Callable[[str], int]] = {
    "raw": raw_httpx,
    "generated": generated,
    "wrapper": wrapper_sync,
    "wrapper_async": wrapper_async,
    "openai": openai_cursor_page,
}


def throughput(url: str) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for name, run in VARIANTS.items():  # warm-up: imports, connection pools, server page cache
        assert run(url) == N, name
    for _ in range(RUNS):  # round-robin, so drift on the machine hits every variant alike
        for name, run in VARIANTS.items():
            started = time.perf_counter()
            run(url)
            times[name].append(time.perf_counter() - started)
    return {name: N / statistics.median(samples) for name, samples in times.items()}


def server_seconds_per_request(url: str) -> float:
    stats = httpx.get(f"{url}/v1/health").json()
    return float(stats["handler_seconds"]) / max(1, int(stats["requests"]))


# ---------------------------------------------------------------- import time and memory


def import_seconds(statement: str, runs: int = 11) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    samples = [float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(runs)]
    return statistics.median(samples)


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


def main() -> int:
    server, url = start_server()
    latent_server, latent_url = start_server(latency=0.002)
    try:
        rates = throughput(url)
        server_s = server_seconds_per_request(url)
        speedup, fetch_s = prefetch_speedup(latent_url)
        rss_1k, rss_100k = peak_rss_mb(url, 1_000), peak_rss_mb(url, 100_000)
    finally:
        server.terminate()
        latent_server.terminate()
    result = {
        "raw_items_per_s": rates["raw"],
        "generated_items_per_s": rates["generated"],
        "wrapper_items_per_s": rates["wrapper"],
        "wrapper_async_items_per_s": rates["wrapper_async"],
        "openai_items_per_s": rates["openai"],
        "wrapper_over_raw": rates["wrapper"] / rates["raw"],
        "wrapper_over_generated": rates["wrapper"] / rates["generated"],
        "wrapper_over_openai": rates["wrapper"] / rates["openai"],
        "import_s_wrapper": import_seconds("from serverless_training import ServerlessTraining"),
        "import_s_httpx": import_seconds("import httpx"),
        "import_s_wrapper_first_client": import_seconds(
            "from serverless_training import ServerlessTraining; ServerlessTraining(api_key='k').checkpoints"
        ),
        "rss_mb_1k": rss_1k,
        "rss_mb_100k": rss_100k,
        "async_prefetch_speedup": speedup,
        "server_ms_per_request": server_s * 1000,
        "client_ms_per_page_raw": PAGE / rates["raw"] * 1000,
        "async_prefetch_fetch_ms_per_page": fetch_s * 1000,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "n_items": N,
        "page_size": PAGE,
        "runs": RUNS,
    }
    (ROOT / "benchmarks" / "latest.json").write_text(json.dumps(result, indent=2) + "\n")
    targets = {
        "wrapper_over_generated": (">=", 0.95),
        "wrapper_over_openai": (">=", 1.0),
        "wrapper_over_raw": (">=", 0.6),
        "async_prefetch_speedup": (">=", 1.6),
    }
    print(f"{'metric':<34}{'value':>14}  target")
    for key, value in result.items():
        if isinstance(value, float):
            target = targets.get(key)
            mark = (
                ""
                if target is None
                else f"{target[0]} {target[1]}  {'ok' if value >= target[1] else 'MISSED'}"
            )
            print(f"{key:<34}{value:>14.4g}  {mark}")
    ratio = result["import_s_wrapper"] / result["import_s_httpx"]
    growth = result["rss_mb_100k"] - result["rss_mb_1k"]
    print(f"{'import wrapper / httpx':<34}{ratio:>14.3g}  <= 1.3  {'ok' if ratio <= 1.3 else 'MISSED'}")
    print(f"{'rss growth 1k -> 100k (MB)':<34}{growth:>14.3g}  <= 10  {'ok' if growth <= 10 else 'MISSED'}")
    server_ms, client_ms = result["server_ms_per_request"], result["client_ms_per_page_raw"]
    print(f"server {server_ms:.3f} ms/request vs raw client {client_ms:.3f} ms/page: not the bottleneck")
    print(f"machine: {result['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
