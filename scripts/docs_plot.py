"""make docs-assets: draw docs/assets/checkpoints.png, the CLI guide's plot, with the command itself.

The data is the fake API's demo run (serverless_training.testing --demo), served on 127.0.0.1, and
the image is what `serverless-training checkpoints plot` writes: nothing is drawn by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

from serverless_training.cli import main as cli
from serverless_training.testing import FakeAPI

OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "checkpoints.png"


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    fake = FakeAPI()
    model_id, _ = fake.seed_demo()
    with fake.serve() as server:
        args = ["--base-url", server.base_url, "--api-key", fake.api_key, "checkpoints", "plot", model_id]
        return cli([*args, "--metric", "reward", "--metric", "loss", "--size", "900x560", "-o", str(output)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
