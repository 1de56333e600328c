from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset, parse_uuid

T = TypeVar("T", bound="CreateTrainingJob")
# The API's names of this model's fields and their Python names; any other key from_dict reads
# is an additional property.
_PYTHON_NAMES: dict[str, str] = {
    "model_id": "model_id",
    "trajectory_groups": "trajectory_groups",
    "experimental_config": "experimental_config",
}


@_attrs_define
class CreateTrainingJob:
    """Schema for creating a new TrainingJob.

    Attributes:
        model_id (UUID):
        trajectory_groups (list[TrajectoryGroup]):
        experimental_config (ExperimentalTrainingConfig | None | Unset):
    """

    model_id: UUID
    trajectory_groups: list[TrajectoryGroup]
    experimental_config: ExperimentalTrainingConfig | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_id = str(self.model_id)

        trajectory_groups = []
        for trajectory_groups_item_data in self.trajectory_groups:
            trajectory_groups_item = trajectory_groups_item_data.to_dict()
            trajectory_groups.append(trajectory_groups_item)

        experimental_config: dict[str, Any] | None | Unset
        if isinstance(self.experimental_config, Unset):
            experimental_config = UNSET
        elif isinstance(self.experimental_config, ExperimentalTrainingConfig):
            experimental_config = self.experimental_config.to_dict()
        else:
            experimental_config = self.experimental_config

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
                "trajectory_groups": trajectory_groups,
            }
        )
        if experimental_config is not UNSET:
            field_dict["experimental_config"] = experimental_config

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        model_id = parse_uuid(src_dict["model_id"])

        trajectory_groups = []
        _trajectory_groups = src_dict["trajectory_groups"]
        for trajectory_groups_item_data in _trajectory_groups:
            trajectory_groups_item = TrajectoryGroup.from_dict(
                trajectory_groups_item_data
            )

            trajectory_groups.append(trajectory_groups_item)

        def _parse_experimental_config(
            data: object,
        ) -> ExperimentalTrainingConfig | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                experimental_config_type_0 = ExperimentalTrainingConfig.from_dict(data)

                return experimental_config_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExperimentalTrainingConfig | None | Unset, data)

        experimental_config = _parse_experimental_config(
            src_dict.get("experimental_config", UNSET)
        )

        _instance = cls(
            model_id,
            trajectory_groups,
            experimental_config,
        )

        # Every required field was read, so only a longer dict has keys this model does not name.
        if len(src_dict) > 2:
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


from ..models.experimental_training_config import ExperimentalTrainingConfig
from ..models.trajectory_group import TrajectoryGroup
