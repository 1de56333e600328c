from enum import Enum


class ExperimentalTrainingConfigLossFnType0(str, Enum):
    CISPO = "cispo"
    PPO = "ppo"

    def __str__(self) -> str:
        return str(self.value)
