"""Resource groups of the client: ``client.models``, ``client.checkpoints``, ``client.training_jobs``, ``client.chat``."""
