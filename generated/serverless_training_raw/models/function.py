from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import Unset

T = TypeVar("T", bound="Function")
# The API's names of this model's fields and their Python names; any other key from_dict reads
# is an additional property.
_PYTHON_NAMES: dict[str, str] = {
    "arguments": "arguments",
    "name": "name",
}


@_attrs_define
class Function:
    """The function that the model called.

    Attributes:
        arguments (str):
        name (str):
    """

    arguments: str
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        arguments = self.arguments

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "arguments": arguments,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        arguments = src_dict["arguments"]

        name = src_dict["name"]

        _instance = cls(
            arguments,
            name,
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
