"""The inference hot path: chat completions at RL-rollout concurrency, over plain HTTP and TLS.

An RL step gathers its trajectories from hundreds of concurrent chat completions against the model
being trained. Three clients make the same requests to one local OpenAI-compatible server
(chat_api.py, in its own process, answering each completion after ``DELAY`` seconds):

- ``sdk``: this SDK's ``AsyncServerlessTraining`` (``sdk_sync``: ``ServerlessTraining`` from a
  thread pool, as a sync rollout loop would share one client),
- ``floor``: raw ``httpx.AsyncClient`` on the SDK's transport, ``json.loads`` of the whole answer,
  and a minimal SSE split for streams: no types, no validation, no retries,
- ``openai``: openai-python's ``AsyncOpenAI``, what users would pick instead.

Each client runs in a fresh process (its CPU time and peak RSS are its own). Per client and
transport: completions/s at concurrency 1, 64 and 256, whole and streamed; the time from sending a
streamed request to its first chunk, less the server's delay (p50/p95); connections opened per
1,000 sequential streamed completions; CPU seconds per 1,000 completions; peak RSS. TLS uses a
throwaway CA (trustme) that every client trusts through ``SSL_CERT_FILE``.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import ssl
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chat_api import ChatAPI

DELAY = 0.5  # the server's time to first token, as in a busy inference server
CHUNKS = 16  # events of a streamed answer
PACE = 0.002  # seconds between them (500 tokens/s)
LEVELS = (1, 64, 256)
ROUNDS = 3  # per level; the median is kept
TTFC_REQUESTS = 200  # sequential streamed requests timed to their first chunk
SEQUENTIAL_STREAMS = 1_000  # sequential streamed completions whose connections are counted
CLIENTS = ("sdk", "sdk_sync", "floor", "openai")
MESSAGES = [{"role": "user", "content": "What is 2+2?"}]
MODEL = "my-project/agent-7"

# One completion, whole or streamed, on a client built once per process. It returns the answer's
# text, so no client can skip the parse, and appends the first chunk's arrival time to ``first``.
Complete = Callable[[bool, list[float]], Awaitable[str]]
Close = Callable[[], Awaitable[None]]


def _first(first: list[float]) -> None:
    if not first:
        first.append(time.perf_counter())


# ---------------------------------------------------------------- the clients


def _sdk(url: str) -> tuple[Complete, Close]:
    from serverless_training import AsyncServerlessTraining

    client = AsyncServerlessTraining(api_key="bench-key", base_url=url)

    async def complete(stream: bool, first: list[float]) -> str:
        if not stream:
            answer = await client.chat.completions.create(model=MODEL, messages=MESSAGES)
            return str(answer.choices[0].message.content)  # type: ignore[index, union-attr]
        text = []
        async with await client.chat.completions.create(
            model=MODEL, messages=MESSAGES, stream=True
        ) as chunks:
            async for chunk in chunks:
                _first(first)
                text.append(chunk.choices[0].delta.content or "")
        return "".join(text)

    return complete, client.close


def _sdk_sync(url: str) -> tuple[Complete, Close]:
    """The sync client shared by a pool of threads, one per concurrent completion, as a sync rollout
    loop would share it; driven from the event loop so every client is measured by the same code."""
    from serverless_training import ServerlessTraining

    client = ServerlessTraining(api_key="bench-key", base_url=url)
    threads = ThreadPoolExecutor(max_workers=max(LEVELS))

    def complete_sync(stream: bool, first: list[float]) -> str:
        if not stream:
            answer = client.chat.completions.create(model=MODEL, messages=MESSAGES)
            return str(answer.choices[0].message.content)  # type: ignore[index, union-attr]
        text = []
        with client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True) as chunks:
            for chunk in chunks:
                _first(first)
                text.append(chunk.choices[0].delta.content or "")
        return "".join(text)

    async def complete(stream: bool, first: list[float]) -> str:
        return await asyncio.get_running_loop().run_in_executor(threads, complete_sync, stream, first)

    async def close() -> None:
        threads.shutdown()
        client.close()

    return complete, close


def _floor(url: str) -> tuple[Complete, Close]:
    # The SDK's own transport: the floor is what the SDK adds above the wire. (httpx's default
    # transport is httpcore 1.0's pool, whose cost grows with the square of open connections.)
    from serverless_training import PooledAsyncTransport

    http = httpx.AsyncClient(
        base_url=url, transport=PooledAsyncTransport(), headers={"Authorization": "Bearer bench-key"}
    )

    async def complete(stream: bool, first: list[float]) -> str:
        body = {"model": MODEL, "messages": MESSAGES}
        if not stream:
            answer = json.loads((await http.post("/v1/chat/completions", json=body)).content)
            return str(answer["choices"][0]["message"]["content"])
        text, pending = [], b""
        async with http.stream("POST", "/v1/chat/completions", json={**body, "stream": True}) as response:
            async for data in response.aiter_bytes():
                pending += data
                *events, pending = pending.split(b"\n\n")
                for event in events:
                    payload = event.removeprefix(b"data: ")
                    if payload != b"[DONE]":
                        _first(first)
                        text.append(json.loads(payload)["choices"][0]["delta"].get("content") or "")
        return "".join(text)

    return complete, http.aclose


def _openai(url: str) -> tuple[Complete, Close]:
    import openai

    client = openai.AsyncOpenAI(api_key="bench-key", base_url=f"{url}/v1")

    async def complete(stream: bool, first: list[float]) -> str:
        if not stream:
            answer = await client.chat.completions.create(model=MODEL, messages=MESSAGES)  # type: ignore[arg-type]
            return str(answer.choices[0].message.content)
        text = []
        chunks = await client.chat.completions.create(model=MODEL, messages=MESSAGES, stream=True)  # type: ignore[arg-type]
        async for chunk in chunks:
            _first(first)
            text.append(chunk.choices[0].delta.content or "")
        return "".join(text)

    return complete, client.close


BUILDERS: dict[str, Callable[[str], tuple[Complete, Close]]] = {
    "sdk": _sdk,
    "sdk_sync": _sdk_sync,
    "floor": _floor,
    "openai": _openai,
}


# ---------------------------------------------------------------- what each client process measures


def _stats(url: str) -> dict[str, int]:
    return dict(httpx.get(f"{url}/stats").json())


async def _measure(name: str, slow_url: str, fast_url: str) -> dict[str, Any]:
    complete, close = BUILDERS[name](slow_url)
    expected = await complete(False, [])
    assert expected and await complete(True, []) == expected, name
    rates: dict[str, dict[str, float]] = {"whole": {}, "stream": {}}
    completions, cpu_before = 0, time.process_time()
    for level in LEVELS:
        for mode, stream in (("whole", False), ("stream", True)):
            samples = []
            for _ in range(ROUNDS):
                started = time.perf_counter()
                answers = await asyncio.gather(*(complete(stream, []) for _ in range(level)))
                samples.append(level / (time.perf_counter() - started))
                assert answers == [expected] * level, name
                completions += level
            rates[mode][str(level)] = statistics.median(samples)
    cpu_per_1k = (time.process_time() - cpu_before) / completions * 1000
    await close()

    # Against the server that answers at once: what the client adds before the first chunk, and
    # the connections that sequential streams open.
    complete, close = BUILDERS[name](fast_url)
    await complete(True, [])
    delays = []
    for _ in range(TTFC_REQUESTS):
        first: list[float] = []
        started = time.perf_counter()
        await complete(True, first)
        delays.append(first[0] - started)
    before = _stats(fast_url)["connections"]
    for _ in range(SEQUENTIAL_STREAMS):
        await complete(True, [])
    connections = _stats(fast_url)["connections"] - before
    await close()
    delays.sort()
    return {
        "rates": rates,
        "cpu_s_per_1k": cpu_per_1k,
        "rss_mb": _peak_rss_mb(),
        "ttfc_p50_ms": statistics.median(delays) * 1000,
        "ttfc_p95_ms": delays[int(len(delays) * 0.95) - 1] * 1000,
        "connections_per_1k_streams": connections * 1000 / SEQUENTIAL_STREAMS,
    }


def _peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Not getrusage's ru_maxrss: Linux carries that
    over exec from the forked parent, so every spawned client reported the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _client_process(name: str, slow_url: str, fast_url: str, queue: Any) -> None:
    queue.put(asyncio.run(_measure(name, slow_url, fast_url)))


def _server_process(delay: float, pace: float, cert: tuple[bytes, bytes] | None, queue: Any) -> None:
    context = None
    if cert is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        with tempfile.TemporaryDirectory() as folder:
            chain, key = Path(folder, "chain.pem"), Path(folder, "key.pem")
            chain.write_bytes(cert[0])
            key.write_bytes(cert[1])
            context.load_cert_chain(chain, key)
    with ChatAPI(delay=delay, chunks=CHUNKS, pace=pace, ssl_context=context) as api:
        queue.put(api.url)
        while True:
            time.sleep(3600)


def _spawned(target: Callable[..., None], *args: Any) -> tuple[multiprocessing.process.BaseProcess, Any]:
    """``target(*args, queue)`` in a fresh interpreter (spawn: nothing of this process's imports or
    pools carries over), and the first thing it puts on the queue."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue), daemon=True)
    process.start()
    return process, queue


def run_transport(cert: tuple[bytes, bytes] | None) -> dict[str, dict[str, Any]]:
    """Every client against one slow server (the model's delay) and one fast server."""
    slow, slow_queue = _spawned(_server_process, DELAY, PACE, cert)
    fast, fast_queue = _spawned(_server_process, 0.0, 0.0, cert)
    try:
        slow_url, fast_url = slow_queue.get(timeout=60), fast_queue.get(timeout=60)
        results = {}
        for name in CLIENTS:
            client, queue = _spawned(_client_process, name, slow_url, fast_url)
            results[name] = queue.get(timeout=600)
            client.join(timeout=60)
        return results
    finally:
        slow.terminate()
        fast.terminate()


def chat_benchmark() -> dict[str, Any]:
    """The chat section of latest.json: every figure per transport and client, and the ratios the
    targets judge (worst case over levels 64 and 256, whole and streamed, plain and TLS)."""
    import trustme

    authority = trustme.CA()
    issued = authority.issue_cert("127.0.0.1")
    cert = (b"".join(blob.bytes() for blob in issued.cert_chain_pems), issued.private_key_pem.bytes())
    with tempfile.NamedTemporaryFile(suffix=".pem") as ca_file:
        authority.cert_pem.write_to_path(ca_file.name)
        saved = os.environ.get("SSL_CERT_FILE")
        os.environ["SSL_CERT_FILE"] = ca_file.name  # spawned clients inherit it; plain HTTP ignores it
        try:
            figures = {"plain": run_transport(None), "tls": run_transport(cert)}
        finally:
            if saved is None:
                del os.environ["SSL_CERT_FILE"]
            else:
                os.environ["SSL_CERT_FILE"] = saved
    over_openai, over_floor, ttfc_over_floor, connections = [], [], [], []
    for clients in figures.values():
        sdk, floor, peer = clients["sdk"], clients["floor"], clients["openai"]
        for mode in ("whole", "stream"):
            for level in ("64", "256"):
                rate = sdk["rates"][mode][level]
                over_openai.append(rate / peer["rates"][mode][level])
                over_floor.append(rate / floor["rates"][mode][level])
        ttfc_over_floor.append(sdk["ttfc_p95_ms"] - floor["ttfc_p95_ms"])
        connections.append(sdk["connections_per_1k_streams"])
    return {
        "chat": figures,
        "chat_delay_s": DELAY,
        "chat_sdk_over_openai_min": min(over_openai),
        "chat_sdk_over_floor_min": min(over_floor),
        "chat_ttfc_p95_over_floor_ms_max": max(ttfc_over_floor),
        "chat_connections_per_1k_streams_max": max(connections),
    }


# ---------------------------------------------------------------- the docs page's table and chart

CHAT_TABLE_START, CHAT_TABLE_END = "<!-- chat:start (make bench writes this table) -->", "<!-- chat:end -->"
SHOWN = {
    "sdk": "this SDK, async",
    "sdk_sync": "this SDK, sync (threads)",
    "floor": "raw httpx",
    "openai": "openai-python",
}


def chat_table(result: dict[str, Any]) -> str:
    """Completions/s per client, level and mode, and the per-completion costs, for each transport."""
    lines = [CHAT_TABLE_START]
    for transport, clients in result["chat"].items():
        lines += [
            "",
            f"**{'TLS' if transport == 'tls' else 'plain HTTP'}** (completions/s; server delay "
            f"{result['chat_delay_s']:g} s)",
            "",
            "| client | whole 1 | whole 64 | whole 256 | streamed 1 | streamed 64 | streamed 256 "
            "| first chunk p50 / p95 (ms) | connections / 1k streams | CPU s / 1k | peak RSS (MB) |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for name, figures in clients.items():
            rates = [
                f"{figures['rates'][mode][level]:.0f}"
                for mode in ("whole", "stream")
                for level in ("1", "64", "256")
            ]
            lines.append(
                f"| {SHOWN[name]} | {' | '.join(rates)} "
                f"| {figures['ttfc_p50_ms']:.2f} / {figures['ttfc_p95_ms']:.2f} "
                f"| {figures['connections_per_1k_streams']:.0f} | {figures['cpu_s_per_1k']:.2f} "
                f"| {figures['rss_mb']:.0f} |"
            )
    lines.append(CHAT_TABLE_END)
    return "\n".join(lines)


def chat_chart(result: dict[str, Any], path: Path) -> None:
    """Completions/s at 64 and 256 concurrent calls per client, whole and streamed, plain and TLS."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12, 4.5), dpi=100, layout="constrained")
    axes = fig.subplots(1, 2, sharey=True)
    colors = {"sdk": "tab:blue", "sdk_sync": "tab:cyan", "floor": "tab:gray", "openai": "tab:orange"}
    groups = [(mode, level) for mode in ("whole", "stream") for level in ("64", "256")]
    width = 0.8 / len(colors)
    for ax, (transport, clients) in zip(axes, result["chat"].items(), strict=True):
        for i, (name, figures) in enumerate(clients.items()):
            values = [figures["rates"][mode][level] for mode, level in groups]
            xs = [g + (i - (len(clients) - 1) / 2) * width for g in range(len(groups))]
            ax.bar(xs, values, width, color=colors[name], label=SHOWN[name])
        ax.set_xticks(range(len(groups)), labels=[f"{mode}\n{level} at once" for mode, level in groups])
        ax.set_title(f"{'TLS' if transport == 'tls' else 'plain HTTP'}: chat completions on one client")
        ax.set_ylabel("completions / s")
    axes[0].legend(fontsize="small")
    fig.suptitle(
        f"server answers each after {result['chat_delay_s']:g} s; {result['machine']}", fontsize="small"
    )
    fig.savefig(path)


if __name__ == "__main__":
    print(json.dumps(chat_benchmark(), indent=2))
