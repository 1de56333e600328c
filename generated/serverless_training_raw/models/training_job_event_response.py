from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.training_job_event_type import TrainingJobEventType
from ..types import Unset, parse_uuid

T = TypeVar("T", bound="TrainingJobEventResponse")
# The API's names of this model's fields and their Python names; any other key from_dict reads
# is an additional property.
_PYTHON_NAMES: dict[str, str] = {
    "id": "id",
    "type": "type_",
    "data": "data",
}


@_attrs_define
class TrainingJobEventResponse:
    """Schema for TrainingJobEvent response.

    Attributes:
        id (UUID):
        type_ (TrainingJobEventType): Training job event type enumeration.
        data (TrainingJobEventResponseData):
    """

    id: UUID
    type_: TrainingJobEventType
    data: TrainingJobEventResponseData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        type_ = self.type_.value

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = parse_uuid(src_dict["id"])

        type_ = TrainingJobEventType(src_dict["type"])

        data = TrainingJobEventResponseData.from_dict(src_dict["data"])

        _instance = cls(
            id,
            type_,
            data,
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
    def type(self) -> TrainingJobEventType:
        """``type``, as the API names it (``type_`` avoids shadowing a builtin)."""
        return self.type_

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


from ..models.training_job_event_response_data import TrainingJobEventResponseData
