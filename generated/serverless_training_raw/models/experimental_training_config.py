from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..models.experimental_training_config_importance_sampling_level_type_0 import (
    ExperimentalTrainingConfigImportanceSamplingLevelType0,
)
from ..models.experimental_training_config_kl_penalty_source_type_0 import (
    ExperimentalTrainingConfigKlPenaltySourceType0,
)
from ..models.experimental_training_config_loss_fn_type_0 import (
    ExperimentalTrainingConfigLossFnType0,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExperimentalTrainingConfig")
# The API's names of this model's fields and their Python names; any other key from_dict reads
# is an additional property.
_PYTHON_NAMES: dict[str, str] = {
    "advantage_balance": "advantage_balance",
    "allow_training_without_logprobs": "allow_training_without_logprobs",
    "epsilon": "epsilon",
    "epsilon_high": "epsilon_high",
    "importance_sampling_level": "importance_sampling_level",
    "kimi_k2_tau": "kimi_k2_tau",
    "kl_penalty_coef": "kl_penalty_coef",
    "kl_penalty_reference_step": "kl_penalty_reference_step",
    "kl_penalty_source": "kl_penalty_source",
    "kl_penalty_step_lag": "kl_penalty_step_lag",
    "kl_ref_adapter_path": "kl_ref_adapter_path",
    "learning_rate": "learning_rate",
    "logprob_calculation_chunk_size": "logprob_calculation_chunk_size",
    "loss_fn": "loss_fn",
    "mask_prob_ratio": "mask_prob_ratio",
    "max_negative_advantage_importance_sampling_weight": "max_negative_advantage_importance_sampling_weight",
    "normalize_advantages": "normalize_advantages",
    "num_trajectories_learning_rate_multiplier_power": "num_trajectories_learning_rate_multiplier_power",
    "packed_sequence_length": "packed_sequence_length",
    "plot_tensors": "plot_tensors",
    "ppo": "ppo",
    "precalculate_logprobs": "precalculate_logprobs",
    "scale_learning_rate_by_reward_std_dev": "scale_learning_rate_by_reward_std_dev",
    "scale_rewards": "scale_rewards",
    "truncated_importance_sampling": "truncated_importance_sampling",
}


@_attrs_define
class ExperimentalTrainingConfig:
    """Schema for experimental training config.

    Attributes:
        advantage_balance (float | None | Unset):
        allow_training_without_logprobs (bool | None | Unset):
        epsilon (float | None | Unset):
        epsilon_high (float | None | Unset):
        importance_sampling_level (ExperimentalTrainingConfigImportanceSamplingLevelType0 | None | Unset):
        kimi_k2_tau (float | None | Unset):
        kl_penalty_coef (float | None | Unset):
        kl_penalty_reference_step (int | None | Unset):
        kl_penalty_source (ExperimentalTrainingConfigKlPenaltySourceType0 | None | Unset):
        kl_penalty_step_lag (int | None | Unset):
        kl_ref_adapter_path (None | str | Unset):
        learning_rate (float | None | Unset):
        logprob_calculation_chunk_size (int | None | Unset):
        loss_fn (ExperimentalTrainingConfigLossFnType0 | None | Unset):
        mask_prob_ratio (bool | None | Unset):
        max_negative_advantage_importance_sampling_weight (float | None | Unset):
        normalize_advantages (bool | None | Unset):
        num_trajectories_learning_rate_multiplier_power (float | None | Unset):
        packed_sequence_length (int | None | Unset):
        plot_tensors (bool | None | Unset):
        ppo (bool | None | Unset):
        precalculate_logprobs (bool | None | Unset):
        scale_learning_rate_by_reward_std_dev (bool | None | Unset):
        scale_rewards (bool | None | Unset):
        truncated_importance_sampling (float | None | Unset):
    """

    advantage_balance: float | None | Unset = UNSET
    allow_training_without_logprobs: bool | None | Unset = UNSET
    epsilon: float | None | Unset = UNSET
    epsilon_high: float | None | Unset = UNSET
    importance_sampling_level: (
        ExperimentalTrainingConfigImportanceSamplingLevelType0 | None | Unset
    ) = UNSET
    kimi_k2_tau: float | None | Unset = UNSET
    kl_penalty_coef: float | None | Unset = UNSET
    kl_penalty_reference_step: int | None | Unset = UNSET
    kl_penalty_source: ExperimentalTrainingConfigKlPenaltySourceType0 | None | Unset = (
        UNSET
    )
    kl_penalty_step_lag: int | None | Unset = UNSET
    kl_ref_adapter_path: None | str | Unset = UNSET
    learning_rate: float | None | Unset = UNSET
    logprob_calculation_chunk_size: int | None | Unset = UNSET
    loss_fn: ExperimentalTrainingConfigLossFnType0 | None | Unset = UNSET
    mask_prob_ratio: bool | None | Unset = UNSET
    max_negative_advantage_importance_sampling_weight: float | None | Unset = UNSET
    normalize_advantages: bool | None | Unset = UNSET
    num_trajectories_learning_rate_multiplier_power: float | None | Unset = UNSET
    packed_sequence_length: int | None | Unset = UNSET
    plot_tensors: bool | None | Unset = UNSET
    ppo: bool | None | Unset = UNSET
    precalculate_logprobs: bool | None | Unset = UNSET
    scale_learning_rate_by_reward_std_dev: bool | None | Unset = UNSET
    scale_rewards: bool | None | Unset = UNSET
    truncated_importance_sampling: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        advantage_balance: float | None | Unset
        if isinstance(self.advantage_balance, Unset):
            advantage_balance = UNSET
        else:
            advantage_balance = self.advantage_balance

        allow_training_without_logprobs: bool | None | Unset
        if isinstance(self.allow_training_without_logprobs, Unset):
            allow_training_without_logprobs = UNSET
        else:
            allow_training_without_logprobs = self.allow_training_without_logprobs

        epsilon: float | None | Unset
        if isinstance(self.epsilon, Unset):
            epsilon = UNSET
        else:
            epsilon = self.epsilon

        epsilon_high: float | None | Unset
        if isinstance(self.epsilon_high, Unset):
            epsilon_high = UNSET
        else:
            epsilon_high = self.epsilon_high

        importance_sampling_level: None | str | Unset
        if isinstance(self.importance_sampling_level, Unset):
            importance_sampling_level = UNSET
        elif isinstance(
            self.importance_sampling_level,
            ExperimentalTrainingConfigImportanceSamplingLevelType0,
        ):
            importance_sampling_level = self.importance_sampling_level.value
        else:
            importance_sampling_level = self.importance_sampling_level

        kimi_k2_tau: float | None | Unset
        if isinstance(self.kimi_k2_tau, Unset):
            kimi_k2_tau = UNSET
        else:
            kimi_k2_tau = self.kimi_k2_tau

        kl_penalty_coef: float | None | Unset
        if isinstance(self.kl_penalty_coef, Unset):
            kl_penalty_coef = UNSET
        else:
            kl_penalty_coef = self.kl_penalty_coef

        kl_penalty_reference_step: int | None | Unset
        if isinstance(self.kl_penalty_reference_step, Unset):
            kl_penalty_reference_step = UNSET
        else:
            kl_penalty_reference_step = self.kl_penalty_reference_step

        kl_penalty_source: None | str | Unset
        if isinstance(self.kl_penalty_source, Unset):
            kl_penalty_source = UNSET
        elif isinstance(
            self.kl_penalty_source, ExperimentalTrainingConfigKlPenaltySourceType0
        ):
            kl_penalty_source = self.kl_penalty_source.value
        else:
            kl_penalty_source = self.kl_penalty_source

        kl_penalty_step_lag: int | None | Unset
        if isinstance(self.kl_penalty_step_lag, Unset):
            kl_penalty_step_lag = UNSET
        else:
            kl_penalty_step_lag = self.kl_penalty_step_lag

        kl_ref_adapter_path: None | str | Unset
        if isinstance(self.kl_ref_adapter_path, Unset):
            kl_ref_adapter_path = UNSET
        else:
            kl_ref_adapter_path = self.kl_ref_adapter_path

        learning_rate: float | None | Unset
        if isinstance(self.learning_rate, Unset):
            learning_rate = UNSET
        else:
            learning_rate = self.learning_rate

        logprob_calculation_chunk_size: int | None | Unset
        if isinstance(self.logprob_calculation_chunk_size, Unset):
            logprob_calculation_chunk_size = UNSET
        else:
            logprob_calculation_chunk_size = self.logprob_calculation_chunk_size

        loss_fn: None | str | Unset
        if isinstance(self.loss_fn, Unset):
            loss_fn = UNSET
        elif isinstance(self.loss_fn, ExperimentalTrainingConfigLossFnType0):
            loss_fn = self.loss_fn.value
        else:
            loss_fn = self.loss_fn

        mask_prob_ratio: bool | None | Unset
        if isinstance(self.mask_prob_ratio, Unset):
            mask_prob_ratio = UNSET
        else:
            mask_prob_ratio = self.mask_prob_ratio

        max_negative_advantage_importance_sampling_weight: float | None | Unset
        if isinstance(self.max_negative_advantage_importance_sampling_weight, Unset):
            max_negative_advantage_importance_sampling_weight = UNSET
        else:
            max_negative_advantage_importance_sampling_weight = (
                self.max_negative_advantage_importance_sampling_weight
            )

        normalize_advantages: bool | None | Unset
        if isinstance(self.normalize_advantages, Unset):
            normalize_advantages = UNSET
        else:
            normalize_advantages = self.normalize_advantages

        num_trajectories_learning_rate_multiplier_power: float | None | Unset
        if isinstance(self.num_trajectories_learning_rate_multiplier_power, Unset):
            num_trajectories_learning_rate_multiplier_power = UNSET
        else:
            num_trajectories_learning_rate_multiplier_power = (
                self.num_trajectories_learning_rate_multiplier_power
            )

        packed_sequence_length: int | None | Unset
        if isinstance(self.packed_sequence_length, Unset):
            packed_sequence_length = UNSET
        else:
            packed_sequence_length = self.packed_sequence_length

        plot_tensors: bool | None | Unset
        if isinstance(self.plot_tensors, Unset):
            plot_tensors = UNSET
        else:
            plot_tensors = self.plot_tensors

        ppo: bool | None | Unset
        if isinstance(self.ppo, Unset):
            ppo = UNSET
        else:
            ppo = self.ppo

        precalculate_logprobs: bool | None | Unset
        if isinstance(self.precalculate_logprobs, Unset):
            precalculate_logprobs = UNSET
        else:
            precalculate_logprobs = self.precalculate_logprobs

        scale_learning_rate_by_reward_std_dev: bool | None | Unset
        if isinstance(self.scale_learning_rate_by_reward_std_dev, Unset):
            scale_learning_rate_by_reward_std_dev = UNSET
        else:
            scale_learning_rate_by_reward_std_dev = (
                self.scale_learning_rate_by_reward_std_dev
            )

        scale_rewards: bool | None | Unset
        if isinstance(self.scale_rewards, Unset):
            scale_rewards = UNSET
        else:
            scale_rewards = self.scale_rewards

        truncated_importance_sampling: float | None | Unset
        if isinstance(self.truncated_importance_sampling, Unset):
            truncated_importance_sampling = UNSET
        else:
            truncated_importance_sampling = self.truncated_importance_sampling

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if advantage_balance is not UNSET:
            field_dict["advantage_balance"] = advantage_balance
        if allow_training_without_logprobs is not UNSET:
            field_dict["allow_training_without_logprobs"] = (
                allow_training_without_logprobs
            )
        if epsilon is not UNSET:
            field_dict["epsilon"] = epsilon
        if epsilon_high is not UNSET:
            field_dict["epsilon_high"] = epsilon_high
        if importance_sampling_level is not UNSET:
            field_dict["importance_sampling_level"] = importance_sampling_level
        if kimi_k2_tau is not UNSET:
            field_dict["kimi_k2_tau"] = kimi_k2_tau
        if kl_penalty_coef is not UNSET:
            field_dict["kl_penalty_coef"] = kl_penalty_coef
        if kl_penalty_reference_step is not UNSET:
            field_dict["kl_penalty_reference_step"] = kl_penalty_reference_step
        if kl_penalty_source is not UNSET:
            field_dict["kl_penalty_source"] = kl_penalty_source
        if kl_penalty_step_lag is not UNSET:
            field_dict["kl_penalty_step_lag"] = kl_penalty_step_lag
        if kl_ref_adapter_path is not UNSET:
            field_dict["kl_ref_adapter_path"] = kl_ref_adapter_path
        if learning_rate is not UNSET:
            field_dict["learning_rate"] = learning_rate
        if logprob_calculation_chunk_size is not UNSET:
            field_dict["logprob_calculation_chunk_size"] = (
                logprob_calculation_chunk_size
            )
        if loss_fn is not UNSET:
            field_dict["loss_fn"] = loss_fn
        if mask_prob_ratio is not UNSET:
            field_dict["mask_prob_ratio"] = mask_prob_ratio
        if max_negative_advantage_importance_sampling_weight is not UNSET:
            field_dict["max_negative_advantage_importance_sampling_weight"] = (
                max_negative_advantage_importance_sampling_weight
            )
        if normalize_advantages is not UNSET:
            field_dict["normalize_advantages"] = normalize_advantages
        if num_trajectories_learning_rate_multiplier_power is not UNSET:
            field_dict["num_trajectories_learning_rate_multiplier_power"] = (
                num_trajectories_learning_rate_multiplier_power
            )
        if packed_sequence_length is not UNSET:
            field_dict["packed_sequence_length"] = packed_sequence_length
        if plot_tensors is not UNSET:
            field_dict["plot_tensors"] = plot_tensors
        if ppo is not UNSET:
            field_dict["ppo"] = ppo
        if precalculate_logprobs is not UNSET:
            field_dict["precalculate_logprobs"] = precalculate_logprobs
        if scale_learning_rate_by_reward_std_dev is not UNSET:
            field_dict["scale_learning_rate_by_reward_std_dev"] = (
                scale_learning_rate_by_reward_std_dev
            )
        if scale_rewards is not UNSET:
            field_dict["scale_rewards"] = scale_rewards
        if truncated_importance_sampling is not UNSET:
            field_dict["truncated_importance_sampling"] = truncated_importance_sampling

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        def _parse_advantage_balance(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        advantage_balance = _parse_advantage_balance(
            src_dict.get("advantage_balance", UNSET)
        )

        def _parse_allow_training_without_logprobs(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        allow_training_without_logprobs = _parse_allow_training_without_logprobs(
            src_dict.get("allow_training_without_logprobs", UNSET)
        )

        def _parse_epsilon(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        epsilon = _parse_epsilon(src_dict.get("epsilon", UNSET))

        def _parse_epsilon_high(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        epsilon_high = _parse_epsilon_high(src_dict.get("epsilon_high", UNSET))

        def _parse_importance_sampling_level(
            data: object,
        ) -> ExperimentalTrainingConfigImportanceSamplingLevelType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                importance_sampling_level_type_0 = (
                    ExperimentalTrainingConfigImportanceSamplingLevelType0(data)
                )

                return importance_sampling_level_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                ExperimentalTrainingConfigImportanceSamplingLevelType0 | None | Unset,
                data,
            )

        importance_sampling_level = _parse_importance_sampling_level(
            src_dict.get("importance_sampling_level", UNSET)
        )

        def _parse_kimi_k2_tau(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        kimi_k2_tau = _parse_kimi_k2_tau(src_dict.get("kimi_k2_tau", UNSET))

        def _parse_kl_penalty_coef(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        kl_penalty_coef = _parse_kl_penalty_coef(src_dict.get("kl_penalty_coef", UNSET))

        def _parse_kl_penalty_reference_step(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        kl_penalty_reference_step = _parse_kl_penalty_reference_step(
            src_dict.get("kl_penalty_reference_step", UNSET)
        )

        def _parse_kl_penalty_source(
            data: object,
        ) -> ExperimentalTrainingConfigKlPenaltySourceType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kl_penalty_source_type_0 = (
                    ExperimentalTrainingConfigKlPenaltySourceType0(data)
                )

                return kl_penalty_source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                ExperimentalTrainingConfigKlPenaltySourceType0 | None | Unset, data
            )

        kl_penalty_source = _parse_kl_penalty_source(
            src_dict.get("kl_penalty_source", UNSET)
        )

        def _parse_kl_penalty_step_lag(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        kl_penalty_step_lag = _parse_kl_penalty_step_lag(
            src_dict.get("kl_penalty_step_lag", UNSET)
        )

        def _parse_kl_ref_adapter_path(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kl_ref_adapter_path = _parse_kl_ref_adapter_path(
            src_dict.get("kl_ref_adapter_path", UNSET)
        )

        def _parse_learning_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        learning_rate = _parse_learning_rate(src_dict.get("learning_rate", UNSET))

        def _parse_logprob_calculation_chunk_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        logprob_calculation_chunk_size = _parse_logprob_calculation_chunk_size(
            src_dict.get("logprob_calculation_chunk_size", UNSET)
        )

        def _parse_loss_fn(
            data: object,
        ) -> ExperimentalTrainingConfigLossFnType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                loss_fn_type_0 = ExperimentalTrainingConfigLossFnType0(data)

                return loss_fn_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExperimentalTrainingConfigLossFnType0 | None | Unset, data)

        loss_fn = _parse_loss_fn(src_dict.get("loss_fn", UNSET))

        def _parse_mask_prob_ratio(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        mask_prob_ratio = _parse_mask_prob_ratio(src_dict.get("mask_prob_ratio", UNSET))

        def _parse_max_negative_advantage_importance_sampling_weight(
            data: object,
        ) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        max_negative_advantage_importance_sampling_weight = (
            _parse_max_negative_advantage_importance_sampling_weight(
                src_dict.get("max_negative_advantage_importance_sampling_weight", UNSET)
            )
        )

        def _parse_normalize_advantages(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        normalize_advantages = _parse_normalize_advantages(
            src_dict.get("normalize_advantages", UNSET)
        )

        def _parse_num_trajectories_learning_rate_multiplier_power(
            data: object,
        ) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        num_trajectories_learning_rate_multiplier_power = (
            _parse_num_trajectories_learning_rate_multiplier_power(
                src_dict.get("num_trajectories_learning_rate_multiplier_power", UNSET)
            )
        )

        def _parse_packed_sequence_length(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        packed_sequence_length = _parse_packed_sequence_length(
            src_dict.get("packed_sequence_length", UNSET)
        )

        def _parse_plot_tensors(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        plot_tensors = _parse_plot_tensors(src_dict.get("plot_tensors", UNSET))

        def _parse_ppo(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        ppo = _parse_ppo(src_dict.get("ppo", UNSET))

        def _parse_precalculate_logprobs(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        precalculate_logprobs = _parse_precalculate_logprobs(
            src_dict.get("precalculate_logprobs", UNSET)
        )

        def _parse_scale_learning_rate_by_reward_std_dev(
            data: object,
        ) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        scale_learning_rate_by_reward_std_dev = (
            _parse_scale_learning_rate_by_reward_std_dev(
                src_dict.get("scale_learning_rate_by_reward_std_dev", UNSET)
            )
        )

        def _parse_scale_rewards(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        scale_rewards = _parse_scale_rewards(src_dict.get("scale_rewards", UNSET))

        def _parse_truncated_importance_sampling(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        truncated_importance_sampling = _parse_truncated_importance_sampling(
            src_dict.get("truncated_importance_sampling", UNSET)
        )

        _instance = cls(
            advantage_balance,
            allow_training_without_logprobs,
            epsilon,
            epsilon_high,
            importance_sampling_level,
            kimi_k2_tau,
            kl_penalty_coef,
            kl_penalty_reference_step,
            kl_penalty_source,
            kl_penalty_step_lag,
            kl_ref_adapter_path,
            learning_rate,
            logprob_calculation_chunk_size,
            loss_fn,
            mask_prob_ratio,
            max_negative_advantage_importance_sampling_weight,
            normalize_advantages,
            num_trajectories_learning_rate_multiplier_power,
            packed_sequence_length,
            plot_tensors,
            ppo,
            precalculate_logprobs,
            scale_learning_rate_by_reward_std_dev,
            scale_rewards,
            truncated_importance_sampling,
        )

        # Every required field was read, so only a longer dict has keys this model does not name.
        if len(src_dict) > 0:
            _instance.additional_properties = {
                key: value
                for key, value in src_dict.items()
                if key not in _PYTHON_NAMES
            }
        return _instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        """A field by its JSON name: one this model declares (typed), else one the API sent that this
        version of the SDK does not know yet (as sent). A declared field that is unset is missing."""
        name = _PYTHON_NAMES.get(key)
        if name is None:
            return self.additional_properties[key]
        value = getattr(self, name)
        if isinstance(value, Unset):
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        name = _PYTHON_NAMES.get(key)
        if name is None:
            return key in self.additional_properties
        return not isinstance(getattr(self, name), Unset)
