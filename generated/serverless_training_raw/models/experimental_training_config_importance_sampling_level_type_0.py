from ..types import OpenStrEnum


class ExperimentalTrainingConfigImportanceSamplingLevelType0(OpenStrEnum):
    AVERAGE = "average"
    GEOMETRIC_AVERAGE = "geometric_average"
    SEQUENCE = "sequence"
    TOKEN = "token"
