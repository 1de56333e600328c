"""``python -m serverless_training.testing [--host H] [--port N] [--demo] [--chaos RATE --seed N]``:
serve the fake (with seeded random faults, ``--chaos``).

Prints one JSON line on stdout once it accepts connections (``base_url``, ``api_key`` and, with
``--demo``, ``demo_model_id`` and ``demo_job_id``), then serves until interrupted.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from types import FrameType

from ._app import FakeAPI
from ._chaos import KINDS, Chaos


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv``, serve until SIGINT or SIGTERM; 0 on a clean stop, 1 when it cannot listen."""
    parser = argparse.ArgumentParser(
        prog="python -m serverless_training.testing", description="Serve a stateful fake of the API."
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default: 0, any free port)")
    parser.add_argument(
        "--api-key", default=None, help="the bearer key it accepts (default: a fixed fake key)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="seed a model with a few hundred checkpoints and a finished job"
    )
    parser.add_argument(
        "--job-seconds",
        type=float,
        default=None,
        help="how long each training job runs (default: 0, or 2 with --demo)",
    )
    parser.add_argument(
        "--chaos",
        type=float,
        default=0.0,
        metavar="RATE",
        help="give this share of requests (0 to 1) a random fault: 429, 502/503, stalls, resets, trickles",
    )
    parser.add_argument("--seed", type=int, default=0, help="the seed of --chaos's faults (default: 0)")
    parser.add_argument(
        "--chaos-kinds",
        default=",".join(KINDS),
        help=f"the faults --chaos draws from, comma-separated (default: all: {','.join(KINDS)})",
    )
    parser.add_argument("--stall", type=float, default=2.0, help="seconds a --chaos stall lasts (default: 2)")
    args = parser.parse_args(argv)
    job_seconds = args.job_seconds if args.job_seconds is not None else (2.0 if args.demo else 0.0)
    fake = FakeAPI(job_seconds=job_seconds, **({"api_key": args.api_key} if args.api_key else {}))
    if args.chaos:
        try:
            kinds = tuple(kind.strip() for kind in args.chaos_kinds.split(",") if kind.strip())
            fake.faults.chaos = Chaos(rate=args.chaos, seed=args.seed, kinds=kinds, stall=args.stall)
        except ValueError as exc:
            parser.error(str(exc))
    ready: dict[str, str] = {}
    if args.demo:
        ready["demo_model_id"], ready["demo_job_id"] = fake.seed_demo()
    try:
        server = fake.serve(args.host, args.port).start()
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    stopped = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopped.set()

    signal.signal(signal.SIGTERM, stop)
    print(json.dumps({"base_url": server.base_url, "api_key": fake.api_key, **ready}), flush=True)
    # For a person: what to paste into another shell so the SDK, the CLI and the docs' examples use it.
    exports = {"WANDB_API_KEY": fake.api_key, "SERVERLESS_TRAINING_BASE_URL": server.base_url}
    if args.demo:
        exports |= {"MODEL_ID": ready["demo_model_id"], "JOB_ID": ready["demo_job_id"]}
    print(
        "export " + " ".join(f"{name}={value}" for name, value in exports.items()),
        file=sys.stderr,
        flush=True,
    )
    try:
        while not stopped.wait(0.5):  # a timed wait, so Ctrl-C is delivered promptly
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
