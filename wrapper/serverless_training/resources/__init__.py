"""What no spec can say about a resource group, written once as an async class extending the
generated one (``checkpoints.prune``, ``training_jobs.wait``); `make generate` writes the sync twins
into ``_generated/sync_resources/``. ``_base`` is what every resource class holds."""
