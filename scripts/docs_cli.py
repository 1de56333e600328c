"""make docs-assets: the command line's real output for the docs, as SVG (rich's export).

Each command runs against the fake API's demo run, in-process, at 90 columns with colour; the
screens in docs/assets/ are what the command printed, nothing is drawn by hand.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console
from rich.text import Text
from serverless_training.cli._commands import Session, cli
from serverless_training.testing import FakeAPI

ASSETS = Path(__file__).resolve().parent.parent / "docs" / "assets"
WIDTH = 90


def screens(fake: FakeAPI, model_id: str, job_id: str) -> dict[str, list[str]]:
    """Output file name -> the command line (after `serverless-training`) it shows."""
    small = fake.add_model(
        name="agent-7",
        checkpoints={step: {"reward": 0.5 + step / 20, "loss": 1.2 - step / 10} for step in range(1, 7)},
    )
    return {
        "cli-checkpoints-list.svg": ["checkpoints", "list", small],
        "cli-checkpoints-prune.svg": [
            "checkpoints",
            "prune",
            model_id,
            "--keep-latest",
            "2",
            "--keep-best",
            "3",
            "--metric",
            "reward",
        ],
        "cli-jobs-events.svg": ["jobs", "events", job_id],
        "cli-chat.svg": ["chat", "my-project/agent-7", "What is 2+2?"],
    }


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ASSETS
    out.mkdir(parents=True, exist_ok=True)
    fake = FakeAPI()
    model_id, job_id = fake.seed_demo(steps=12)
    env = {"COLUMNS": str(WIDTH), "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    for name, args in screens(fake, model_id, job_id).items():
        session = Session(make_client=lambda _: fake.client())
        result = CliRunner().invoke(cli, args, obj=session, env=env, catch_exceptions=False)
        if result.exit_code != 0:
            print(f"{name}: exit {result.exit_code}: {result.output}", file=sys.stderr)
            return 1
        console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True)
        console.print(Text.from_ansi(result.output.rstrip("\n")))
        console.save_svg(str(out / name), title="serverless-training " + " ".join(args[:2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
