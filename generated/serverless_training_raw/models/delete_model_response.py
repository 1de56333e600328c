from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import Unset, parse_uuid

T = TypeVar("T", bound="DeleteModelResponse")
# The API's names of this model's fields and their Python names; any other key from_dict reads
# is an additional property.
_PYTHON_NAMES: dict[str, str] = {
    "model_id": "model_id",
    "deleted_checkpoints": "deleted_checkpoints",
    "deleted_run": "deleted_run",
}


@_attrs_define
class DeleteModelResponse:
    """Schema for delete model response.

    Attributes:
        model_id (UUID):
        deleted_checkpoints (int):
        deleted_run (bool):
    """

    model_id: UUID
    deleted_checkpoints: int
    deleted_run: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_id = str(self.model_id)

        deleted_checkpoints = self.deleted_checkpoints

        deleted_run = self.deleted_run

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
                "deleted_checkpoints": deleted_checkpoints,
                "deleted_run": deleted_run,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        model_id = parse_uuid(src_dict["model_id"])

        deleted_checkpoints = src_dict["deleted_checkpoints"]

        deleted_run = src_dict["deleted_run"]

        _instance = cls(
            model_id,
            deleted_checkpoints,
            deleted_run,
        )

        # Every required field was read, so only a longer dict has keys this model does not name.
        if len(src_dict) > 3:
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
