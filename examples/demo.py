"""make demo: the README's example (examples/quickstart.py) offline, against the package's fake API.

The fake (serverless_training.testing) serves on 127.0.0.1; each training job takes a second of
real time, so the progress lines show how wait() follows a job. No account or network is needed.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path

from serverless_training.testing import FakeAPI

QUICKSTART = Path(__file__).resolve().parent / "quickstart.py"


def main(job_seconds: float = 1.0) -> None:
    fake = FakeAPI(job_seconds=job_seconds)
    with fake.serve() as server:
        print(f"offline demo: the fake API (serverless_training.testing) at {server.base_url}\n")
        os.environ["WANDB_API_KEY"] = fake.api_key
        os.environ["SERVERLESS_TRAINING_BASE_URL"] = server.base_url
        runpy.run_path(str(QUICKSTART), run_name="__main__")


if __name__ == "__main__":
    main()
