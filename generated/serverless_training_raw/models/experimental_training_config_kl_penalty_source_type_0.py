from enum import Enum


class ExperimentalTrainingConfigKlPenaltySourceType0(str, Enum):
    CURRENT_LEARNER = "current_learner"
    SAMPLE = "sample"

    def __str__(self) -> str:
        return str(self.value)
