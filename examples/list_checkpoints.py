"""List a model's checkpoints with auto-pagination and print them as a table (``make demo``).

With WANDB_API_KEY and MODEL_ID set, it reads the real API; otherwise it starts a local stand-in
of the API on 127.0.0.1 with a sample model, so no account is needed.
"""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from local_api import LocalAPI, sample_checkpoints
from serverless_training import ServerlessTraining, ServerlessTrainingError

SAMPLE_MODEL = "00000000-0000-4000-8000-00000000d3e0"


def main() -> int:
    model_id = os.environ.get("MODEL_ID")
    with ExitStack() as stack:
        if os.environ.get("WANDB_API_KEY") and model_id:
            client = stack.enter_context(ServerlessTraining())
            print(f"Checkpoints of model {model_id} at {client.base_url}:")
        else:
            model_id = SAMPLE_MODEL
            api = stack.enter_context(LocalAPI({model_id: sample_checkpoints(237)}))
            client = stack.enter_context(ServerlessTraining(api_key="demo-key", base_url=api.url))
            missing = [name for name in ("WANDB_API_KEY", "MODEL_ID") if not os.environ.get(name)]
            print(f"{' and '.join(missing)} not set: using a local stand-in of the API at {api.url}")
            print(f"Checkpoints of sample model {model_id}:")
        try:
            pages = 0
            print(f"{'step':>6}  {'checkpoint id':<36}  metrics")
            for page in client.checkpoints.list(model_id, limit=50).iter_pages():
                pages += 1
                for c in page.data:
                    metrics = ", ".join(
                        f"{k}={v:g}" for k, v in sorted(c.metrics.additional_properties.items())
                    )
                    print(f"{c.step:>6}  {c.id!s:<36}  {metrics}")
            print(f"({pages} pages of up to 50, fetched lazily)")
        except ServerlessTrainingError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
