"""The README's example: create a model, train it for three RL steps, pick and prune checkpoints.

Runs against whatever API the environment names (WANDB_API_KEY, SERVERLESS_TRAINING_BASE_URL);
`make demo` runs it offline against serverless_training.testing (examples/demo.py).
"""

import time

from serverless_training import ServerlessTraining, TrainingJobFailedError


def progress(event):  # each event of a job, once, as wait() sees it
    print(f"  {time.strftime('%H:%M:%S')}  {event.type:<16} {dict(event.data)}")


with ServerlessTraining() as client:  # key: api_key=..., else $WANDB_API_KEY, else ~/.netrc (wandb login)
    model = client.models.create(
        project="quickstart", name="agent-7", base_model="OpenPipe/Qwen3-14B-Instruct", return_existing=True
    )
    print(f"model {model.id} ({model.base_model})")

    for step in range(3):
        groups = [
            {
                "trajectories": [
                    {
                        "messages_and_choices": [
                            {"role": "user", "content": "What is 2+2?"},
                            {"role": "assistant", "content": answer},
                        ],
                        "reward": reward,
                    }
                    for answer, reward in (("4", 1.0), ("5", 0.0), ("four", 0.2 * step + 0.5))
                ]
            }
        ]
        job = client.training_jobs.create_rl(model.id, trajectory_groups=groups)  # never retried once sent
        print(f"job {job.id}:")
        try:
            summary = client.training_jobs.wait(job.id, timeout=3600, poll_interval=0.5, on_event=progress)
            print(f"  ended at step {summary.last_step}: {summary.last_metrics}")
        except TrainingJobFailedError as exc:
            print("  training failed:", exc.message)

    print(f"\n{'step':>5}  {'reward':>7}  {'loss':>7}  checkpoint id")
    for checkpoint in client.checkpoints.list(model.id, limit=100):  # every page, fetched lazily
        reward, loss = checkpoint.metrics["reward"], checkpoint.metrics["loss"]
        print(f"{checkpoint.step:>5}  {reward:>7.3f}  {loss:>7.3f}  {checkpoint.id}")

    plan = client.checkpoints.prune(model.id, keep_latest=1, keep_best=1, metric="reward", dry_run=True)
    print(
        "\nprune would delete steps", [c.step for c in plan.deleted], "and keep", [c.step for c in plan.kept]
    )
