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

T = TypeVar("T", bound="ChatCompletionDeveloperMessageParam")
# The API's names of this model's fields and their Python names; any other key from_dict reads
# is an additional property.
_PYTHON_NAMES: dict[str, str] = {
    "content": "content",
    "role": "role",
    "name": "name",
}


@_attrs_define
class ChatCompletionDeveloperMessageParam:
    """Developer-provided instructions that the model should follow, regardless of
    messages sent by the user. With o1 models and newer, `developer` messages
    replace the previous `system` messages.

        Attributes:
            content (list[ChatCompletionContentPartTextParam] | str):
            role (Literal['developer']):
            name (str | Unset):
    """

    content: list[ChatCompletionContentPartTextParam] | str
    role: Literal["developer"]
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content: list[dict[str, Any]] | str
        if isinstance(self.content, list):
            content = []
            for content_type_1_item_data in self.content:
                content_type_1_item = content_type_1_item_data.to_dict()
                content.append(content_type_1_item)

        else:
            content = self.content

        role = self.role

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "role": role,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        def _parse_content(
            data: object,
        ) -> list[ChatCompletionContentPartTextParam] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                content_type_1 = []
                _content_type_1 = data
                for content_type_1_item_data in _content_type_1:
                    content_type_1_item = ChatCompletionContentPartTextParam.from_dict(
                        content_type_1_item_data
                    )

                    content_type_1.append(content_type_1_item)

                return content_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ChatCompletionContentPartTextParam] | str, data)

        content = _parse_content(src_dict["content"])

        role = cast(Literal["developer"], src_dict["role"])
        if role != "developer":
            raise ValueError(f"role must match const 'developer', got '{role}'")

        name = src_dict.get("name", UNSET)

        _instance = cls(
            content,
            role,
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


from ..models.chat_completion_content_part_text_param import (
    ChatCompletionContentPartTextParam,
)
