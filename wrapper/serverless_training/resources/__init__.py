"""Resource groups: ``client.models``, ``.checkpoints``, ``.training_jobs`` and ``.chat``."""
