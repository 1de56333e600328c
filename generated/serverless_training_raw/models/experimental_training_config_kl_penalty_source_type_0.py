from ..types import OpenStrEnum


class ExperimentalTrainingConfigKlPenaltySourceType0(OpenStrEnum):
    CURRENT_LEARNER = "current_learner"
    SAMPLE = "sample"
