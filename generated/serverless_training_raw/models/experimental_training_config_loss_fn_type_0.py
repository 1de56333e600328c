from ..types import OpenStrEnum


class ExperimentalTrainingConfigLossFnType0(OpenStrEnum):
    CISPO = "cispo"
    PPO = "ppo"
