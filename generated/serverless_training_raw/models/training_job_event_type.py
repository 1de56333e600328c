from enum import Enum


class TrainingJobEventType(str, Enum):
    GRADIENT_STEP = "gradient_step"
    TRAINING_ENDED = "training_ended"
    TRAINING_FAILED = "training_failed"
    TRAINING_STARTED = "training_started"

    def __str__(self) -> str:
        return str(self.value)
