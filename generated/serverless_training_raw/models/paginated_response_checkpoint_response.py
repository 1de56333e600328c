from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="PaginatedResponseCheckpointResponse")
# The API's names of this model's fields and their Python names; any other key from_dict reads
# is an additional property.
_PYTHON_NAMES: dict[str, str] = {
    "data": "data",
    "has_more": "has_more",
    "object": "object_",
    "first_id": "first_id",
    "last_id": "last_id",
}


@_attrs_define
class PaginatedResponseCheckpointResponse:
    """
    Attributes:
        data (list[CheckpointResponse]): Array of items
        has_more (bool): Whether there are more items available
        object_ (str | Unset): Object type identifier Default: 'list'.
        first_id (str | Unset): ID of the first item in the current page Default: ''.
        last_id (str | Unset): ID of the last item in the current page Default: ''.
    """

    data: list[CheckpointResponse]
    has_more: bool
    object_: str | Unset = "list"
    first_id: str | Unset = ""
    last_id: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        has_more = self.has_more

        object_ = self.object_

        first_id = self.first_id

        last_id = self.last_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "has_more": has_more,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_
        if first_id is not UNSET:
            field_dict["first_id"] = first_id
        if last_id is not UNSET:
            field_dict["last_id"] = last_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        data = []
        _data = src_dict["data"]
        for data_item_data in _data:
            data_item = CheckpointResponse.from_dict(data_item_data)

            data.append(data_item)

        has_more = src_dict["has_more"]

        object_ = src_dict.get("object", UNSET)

        first_id = src_dict.get("first_id", UNSET)

        last_id = src_dict.get("last_id", UNSET)

        _instance = cls(
            data,
            has_more,
            object_,
            first_id,
            last_id,
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
    def object(self) -> str | Unset:
        """``object``, as the API names it (``object_`` avoids shadowing a builtin)."""
        return self.object_

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


from ..models.checkpoint_response import CheckpointResponse
