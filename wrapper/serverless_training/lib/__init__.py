"""Hand-written extensions of the generated resource groups: what no spec can say about them
(``checkpoints.prune``, ``training_jobs.wait``). Each is written once, as an async class extending
the generated one; `make generate` writes its sync twin into ``_generated/sync_lib/`` (unasync).
``_client`` puts both on the clients."""
