from ..types import OpenStrEnum


class TrainingJobEventType(OpenStrEnum):
    GRADIENT_STEP = "gradient_step"
    TRAINING_ENDED = "training_ended"
    TRAINING_FAILED = "training_failed"
    TRAINING_STARTED = "training_started"
