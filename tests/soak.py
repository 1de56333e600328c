"""A soak: many training jobs followed at once on one async client, and full checkpoint listings,
against the fake served on 127.0.0.1 with chaos (seeded random 429s, 502/503s, stalls, resets).

The fake runs in a process of its own (its memory grows with every job and request it keeps, and
is not the SDK's). Each of ``jobs`` workers has it make a job (straight in the fake, through a
pipe: a create is not what is tested), follows the job with ``wait()`` to its end and starts the
next, until the time is up; listing workers read every checkpoint of a model over and over.
Asserted: every event of every job reaches ``on_event`` exactly once and in order, every listing is
whole with no id twice, every error is one of the SDK's documented errors, no ``wait()`` gave up
within its outage tolerance, resident memory stays flat after warm-up and the client closes every
file descriptor it opened.

``make soak`` runs it for minutes (``SOAK_MINUTES``, ``SOAK_JOBS``, ``SOAK_CHAOS``, ``SOAK_SEED``);
``tests/test_soak.py`` runs it for seconds as part of the suite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import httpx
from serverless_training import AsyncServerlessTraining, ServerlessTrainingError
from serverless_training.testing import Chaos, FakeAPI

CHECKPOINTS = 500  # five pages of the largest size
JOB_SECONDS = 2.0  # how long each fake job runs
READ_TIMEOUT = 1.0  # shorter than a chaos stall, so stalls end in timeouts
STALL = 2.0


@dataclass
class SoakReport:
    seconds: float
    jobs: int
    chaos: float
    jobs_followed: int = 0
    events: int = 0
    lost_events: int = 0
    duplicated_events: int = 0
    out_of_order_jobs: int = 0
    waits_given_up: int = 0  # wait() raised within its outage tolerance: it should have polled on
    listings: int = 0
    incomplete_listings: int = 0
    duplicated_items: int = 0
    documented_errors: dict[str, int] = field(default_factory=dict)
    undocumented_errors: dict[str, int] = field(default_factory=dict)
    rss_mb_after_warmup: float = 0.0
    rss_mb_at_end: float = 0.0
    fds_before: int = 0
    fds_after: int = 0
    faults_drawn: dict[str, int] = field(default_factory=dict)

    @property
    def rss_growth_mb(self) -> float:
        return self.rss_mb_at_end - self.rss_mb_after_warmup

    def problems(self, *, max_rss_growth_mb: float | None) -> list[str]:
        """What broke a rule; [] when the soak held."""
        found = [
            f"{name}: {value}"
            for name, value in (
                ("lost events", self.lost_events),
                ("waits that gave up", self.waits_given_up),
                ("duplicated events", self.duplicated_events),
                ("jobs whose events came out of order", self.out_of_order_jobs),
                ("incomplete listings", self.incomplete_listings),
                ("items listed twice", self.duplicated_items),
            )
            if value
        ]
        if self.undocumented_errors:
            found.append(f"undocumented errors: {self.undocumented_errors}")
        if self.fds_after > self.fds_before:
            found.append(f"file descriptors: {self.fds_before} before, {self.fds_after} after")
        if max_rss_growth_mb is not None and self.rss_growth_mb > max_rss_growth_mb:
            found.append(f"RSS grew {self.rss_growth_mb:.1f} MB after warm-up (limit {max_rss_growth_mb:g})")
        if not self.jobs_followed or not self.listings:
            found.append("nothing was followed or listed")
        return found


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def _count(errors: dict[str, int], error: BaseException) -> None:
    errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1


def _new_job(fake: FakeAPI, model_id: str) -> tuple[str, list[str]]:
    """A job made straight in the fake (past its chaos), and the ids of the events it will have."""
    body = json.dumps({"model_id": model_id, "trajectory_groups": [{"trajectories": [{"reward": 0.5}]}]})
    headers = {"Authorization": f"Bearer {fake.api_key}", "Content-Type": "application/json"}
    while True:
        reply = fake.handle("POST", "/v1/preview/training-jobs", headers, body.encode())
        if reply.status == 200:
            job_id = json.loads(reply.body)["id"]
            return job_id, fake.job_event_ids(job_id)
        if reply.status not in (429, 502, 503):  # chaos refuses with these; anything else is a bug
            raise RuntimeError(f"the fake would not make a job: {reply.status} {reply.body!r}")


def _serve_fake(conn: Connection, chaos: float, seed: int) -> None:
    """The fake, served with chaos, in its own process; it makes jobs when the pipe asks."""
    fake = FakeAPI(job_seconds=JOB_SECONDS)
    listed = fake.add_model(
        name="listed", checkpoints={step: {"reward": step / 100} for step in range(CHECKPOINTS)}
    )
    trained = fake.add_model(name="trained")  # its jobs add checkpoints to it, not to the listed one
    with fake.serve() as server:
        fake.faults.chaos = Chaos(rate=chaos, seed=seed, stall=STALL)
        conn.send({"base_url": server.base_url, "api_key": fake.api_key, "listed": listed})
        while conn.recv() == "job":
            conn.send(_new_job(fake, trained))
        conn.send(dict(Counter(str(fault) for fault in fake.faults.chaos.drawn if fault)))


async def _follow_jobs(
    client: AsyncServerlessTraining, fake: Connection, until: float, report: SoakReport
) -> None:
    while time.monotonic() < until:
        fake.send("job")
        job_id, expected = fake.recv()
        seen: list[str] = []
        record = seen.append
        after: str | None = None
        while True:
            try:
                await client.training_jobs.wait(
                    job_id,
                    poll_interval=0.2,
                    on_event=lambda e, record=record: record(str(e.id)),
                    after=after,
                )
                break
            except ServerlessTrainingError as error:  # it gave up: resume where it was, and count it
                _count(report.documented_errors, error)
                report.waits_given_up += 1
                after = getattr(error, "resume_after", None) or (seen[-1] if seen else None)
            except Exception as error:
                _count(report.undocumented_errors, error)
                break
        report.jobs_followed += 1
        report.events += len(seen)
        report.lost_events += len(set(expected) - set(seen))
        report.duplicated_events += len(seen) - len(set(seen))
        report.out_of_order_jobs += [e for e in seen if e in expected] != [e for e in expected if e in seen]


async def _list(client: AsyncServerlessTraining, model_id: str, until: float, report: SoakReport) -> None:
    while time.monotonic() < until:
        try:
            ids = [str(c.id) async for c in client.checkpoints.list(model_id)]
        except ServerlessTrainingError as error:
            _count(report.documented_errors, error)
            continue
        except Exception as error:
            _count(report.undocumented_errors, error)
            continue
        report.listings += 1
        report.incomplete_listings += len(set(ids)) != CHECKPOINTS
        report.duplicated_items += len(ids) - len(set(ids))


async def _soak(
    fake: Connection, served: dict[str, str], seconds: float, jobs: int, report: SoakReport
) -> None:
    timeout = httpx.Timeout(10, read=READ_TIMEOUT)
    async with AsyncServerlessTraining(
        api_key=served["api_key"], base_url=served["base_url"], timeout=timeout
    ) as client:
        until = time.monotonic() + seconds
        work = [_follow_jobs(client, fake, until, report) for _ in range(jobs)]
        work += [_list(client, served["listed"], until, report) for _ in range(max(1, jobs // 16))]
        running = [asyncio.create_task(task) for task in work]
        await asyncio.sleep(min(seconds * 0.2, 30))
        report.rss_mb_after_warmup = rss_mb()
        await asyncio.gather(*running)
        report.rss_mb_at_end = rss_mb()


def run(*, seconds: float, jobs: int, chaos: float, seed: int = 0) -> SoakReport:
    """The soak against its own fake process; the report once everything is closed."""
    report = SoakReport(seconds=seconds, jobs=jobs, chaos=chaos)
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=_serve_fake, args=(theirs, chaos, seed), daemon=True)
    process.start()
    theirs.close()
    try:
        served = ours.recv()
        # Counted once the fake's process and its pipe are up: what changes after is the client's.
        report.fds_before = open_fds()
        asyncio.run(_soak(ours, served, seconds, jobs, report))
        report.fds_after = open_fds()
        ours.send("stop")
        report.faults_drawn = ours.recv()
    finally:
        ours.close()
        process.join(timeout=30)
        if process.is_alive():
            process.kill()
            process.join()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Soak the SDK against the chaotic fake.")
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--jobs", type=int, default=64)
    parser.add_argument("--chaos", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    report = run(seconds=args.minutes * 60, jobs=args.jobs, chaos=args.chaos, seed=args.seed)
    print(json.dumps({**asdict(report), "rss_growth_mb": round(report.rss_growth_mb, 2)}, indent=2))
    problems = report.problems(max_rss_growth_mb=10.0)
    print("soak: " + ("held" if not problems else "FAILED: " + "; ".join(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
