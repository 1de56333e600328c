from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="SFTTrainingConfig")
# The API's names of this model's fields and their Python names; any other key from_dict reads
# is an additional property.
_PYTHON_NAMES: dict[str, str] = {
    "batch_size": "batch_size",
    "learning_rate": "learning_rate",
    "metric_logging": "metric_logging",
}


@_attrs_define
class SFTTrainingConfig:
    """Schema for SFT training config.

    Attributes:
        batch_size (int | Literal['auto'] | None | Unset):
        learning_rate (float | list[float] | None | Unset):
        metric_logging (None | SFTTrainingConfigMetricLoggingType0 | Unset):
    """

    batch_size: int | Literal["auto"] | None | Unset = UNSET
    learning_rate: float | list[float] | None | Unset = UNSET
    metric_logging: None | SFTTrainingConfigMetricLoggingType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        batch_size: int | Literal["auto"] | None | Unset
        if isinstance(self.batch_size, Unset):
            batch_size = UNSET
        else:
            batch_size = self.batch_size

        learning_rate: float | list[float] | None | Unset
        if isinstance(self.learning_rate, Unset):
            learning_rate = UNSET
        elif isinstance(self.learning_rate, list):
            learning_rate = self.learning_rate

        else:
            learning_rate = self.learning_rate

        metric_logging: dict[str, Any] | None | Unset
        if isinstance(self.metric_logging, Unset):
            metric_logging = UNSET
        elif isinstance(self.metric_logging, SFTTrainingConfigMetricLoggingType0):
            metric_logging = self.metric_logging.to_dict()
        else:
            metric_logging = self.metric_logging

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if batch_size is not UNSET:
            field_dict["batch_size"] = batch_size
        if learning_rate is not UNSET:
            field_dict["learning_rate"] = learning_rate
        if metric_logging is not UNSET:
            field_dict["metric_logging"] = metric_logging

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        def _parse_batch_size(data: object) -> int | Literal["auto"] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                batch_size_type_1 = cast(Literal["auto"], data)
                if batch_size_type_1 != "auto":
                    raise ValueError(
                        f"batch_size_type_1 must match const 'auto', got '{batch_size_type_1}'"
                    )
                return batch_size_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(int | Literal["auto"] | None | Unset, data)

        batch_size = _parse_batch_size(src_dict.get("batch_size", UNSET))

        def _parse_learning_rate(data: object) -> float | list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                learning_rate_type_1 = cast(list[float], data)

                return learning_rate_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | list[float] | None | Unset, data)

        learning_rate = _parse_learning_rate(src_dict.get("learning_rate", UNSET))

        def _parse_metric_logging(
            data: object,
        ) -> None | SFTTrainingConfigMetricLoggingType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metric_logging_type_0 = SFTTrainingConfigMetricLoggingType0.from_dict(
                    data
                )

                return metric_logging_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SFTTrainingConfigMetricLoggingType0 | Unset, data)

        metric_logging = _parse_metric_logging(src_dict.get("metric_logging", UNSET))

        _instance = cls(
            batch_size,
            learning_rate,
            metric_logging,
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


from ..models.sft_training_config_metric_logging_type_0 import (
    SFTTrainingConfigMetricLoggingType0,
)
