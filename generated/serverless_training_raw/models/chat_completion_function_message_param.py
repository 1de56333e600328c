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

T = TypeVar("T", bound="ChatCompletionFunctionMessageParam")
# The API's names of this model's fields; any other key from_dict reads is an additional property.
_FIELD_NAMES = frozenset(
    {
        "content",
        "name",
        "role",
    }
)


@_attrs_define
class ChatCompletionFunctionMessageParam:
    """
    Attributes:
        content (None | str):
        name (str):
        role (Literal['function']):
    """

    content: None | str
    name: str
    role: Literal["function"]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content: None | str
        content = self.content

        name = self.name

        role = self.role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "name": name,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        def _parse_content(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        content = _parse_content(src_dict["content"])

        name = src_dict["name"]

        role = cast(Literal["function"], src_dict["role"])
        if role != "function":
            raise ValueError(f"role must match const 'function', got '{role}'")

        _instance = cls(
            content,
            name,
            role,
        )

        # Every required field was read, so only a longer dict has keys this model does not name.
        if len(src_dict) > 3:
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
