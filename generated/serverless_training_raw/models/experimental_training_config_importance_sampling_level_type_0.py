from enum import Enum
from typing import Any


class ExperimentalTrainingConfigImportanceSamplingLevelType0(str, Enum):
    AVERAGE = "average"
    GEOMETRIC_AVERAGE = "geometric_average"
    SEQUENCE = "sequence"
    TOKEN = "token"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        """A value added to the API after this SDK was generated: kept, readable as ``.value``."""
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """False for a value this version of the SDK does not know."""
        return self._name_ != "UNKNOWN"
