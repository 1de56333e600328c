from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

T = TypeVar("T", bound="ChatCompletionMessageFunctionToolCallParamFunction")
# The API's names of this model's fields; any other key from_dict reads is an additional property.
_FIELD_NAMES = frozenset(
    {
        "arguments",
        "name",
    }
)


@_attrs_define
class ChatCompletionMessageFunctionToolCallParamFunction:
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
                key: value for key, value in src_dict.items() if key not in _FIELD_NAMES
            }
        return _instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
