from enum import Enum


class ExperimentalTrainingConfigImportanceSamplingLevelType0(str, Enum):
    AVERAGE = "average"
    GEOMETRIC_AVERAGE = "geometric_average"
    SEQUENCE = "sequence"
    TOKEN = "token"

    def __str__(self) -> str:
        return str(self.value)
