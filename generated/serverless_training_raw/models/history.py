from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="History")
# The API's names of this model's fields and their Python names; any other key from_dict reads
# is an additional property.
_PYTHON_NAMES: dict[str, str] = {
    "messages_and_choices": "messages_and_choices",
    "tools": "tools",
}


@_attrs_define
class History:
    """
    Attributes:
        messages_and_choices (list[ChatCompletionAssistantMessageParam | ChatCompletionDeveloperMessageParam |
            ChatCompletionFunctionMessageParam | ChatCompletionSystemMessageParam | ChatCompletionToolMessageParam |
            ChatCompletionUserMessageParam | Choice]):
        tools (list[ChatCompletionFunctionToolParam] | None | Unset):
    """

    messages_and_choices: list[
        ChatCompletionAssistantMessageParam
        | ChatCompletionDeveloperMessageParam
        | ChatCompletionFunctionMessageParam
        | ChatCompletionSystemMessageParam
        | ChatCompletionToolMessageParam
        | ChatCompletionUserMessageParam
        | Choice
    ]
    tools: list[ChatCompletionFunctionToolParam] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        messages_and_choices = []
        for messages_and_choices_item_data in self.messages_and_choices:
            messages_and_choices_item: dict[str, Any]
            if (
                isinstance(
                    messages_and_choices_item_data, ChatCompletionDeveloperMessageParam
                )
                or isinstance(
                    messages_and_choices_item_data, ChatCompletionSystemMessageParam
                )
                or isinstance(
                    messages_and_choices_item_data, ChatCompletionUserMessageParam
                )
                or isinstance(
                    messages_and_choices_item_data, ChatCompletionAssistantMessageParam
                )
                or isinstance(
                    messages_and_choices_item_data, ChatCompletionToolMessageParam
                )
                or isinstance(
                    messages_and_choices_item_data, ChatCompletionFunctionMessageParam
                )
            ):
                messages_and_choices_item = messages_and_choices_item_data.to_dict()
            else:
                messages_and_choices_item = messages_and_choices_item_data.to_dict()

            messages_and_choices.append(messages_and_choices_item)

        tools: list[dict[str, Any]] | None | Unset
        if isinstance(self.tools, Unset):
            tools = UNSET
        elif isinstance(self.tools, list):
            tools = []
            for tools_type_0_item_data in self.tools:
                tools_type_0_item = tools_type_0_item_data.to_dict()
                tools.append(tools_type_0_item)

        else:
            tools = self.tools

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "messages_and_choices": messages_and_choices,
            }
        )
        if tools is not UNSET:
            field_dict["tools"] = tools

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        messages_and_choices = []
        _messages_and_choices = src_dict["messages_and_choices"]
        for messages_and_choices_item_data in _messages_and_choices:

            def _parse_messages_and_choices_item(
                data: object,
            ) -> (
                ChatCompletionAssistantMessageParam
                | ChatCompletionDeveloperMessageParam
                | ChatCompletionFunctionMessageParam
                | ChatCompletionSystemMessageParam
                | ChatCompletionToolMessageParam
                | ChatCompletionUserMessageParam
                | Choice
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    messages_and_choices_item_type_0 = (
                        ChatCompletionDeveloperMessageParam.from_dict(data)
                    )

                    return messages_and_choices_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    messages_and_choices_item_type_1 = (
                        ChatCompletionSystemMessageParam.from_dict(data)
                    )

                    return messages_and_choices_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    messages_and_choices_item_type_2 = (
                        ChatCompletionUserMessageParam.from_dict(data)
                    )

                    return messages_and_choices_item_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    messages_and_choices_item_type_3 = (
                        ChatCompletionAssistantMessageParam.from_dict(data)
                    )

                    return messages_and_choices_item_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    messages_and_choices_item_type_4 = (
                        ChatCompletionToolMessageParam.from_dict(data)
                    )

                    return messages_and_choices_item_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    messages_and_choices_item_type_5 = (
                        ChatCompletionFunctionMessageParam.from_dict(data)
                    )

                    return messages_and_choices_item_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                messages_and_choices_item_type_6 = Choice.from_dict(data)

                return messages_and_choices_item_type_6

            messages_and_choices_item = _parse_messages_and_choices_item(
                messages_and_choices_item_data
            )

            messages_and_choices.append(messages_and_choices_item)

        def _parse_tools(
            data: object,
        ) -> list[ChatCompletionFunctionToolParam] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tools_type_0 = []
                _tools_type_0 = data
                for tools_type_0_item_data in _tools_type_0:
                    tools_type_0_item = ChatCompletionFunctionToolParam.from_dict(
                        tools_type_0_item_data
                    )

                    tools_type_0.append(tools_type_0_item)

                return tools_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ChatCompletionFunctionToolParam] | None | Unset, data)

        tools = _parse_tools(src_dict.get("tools", UNSET))

        _instance = cls(
            messages_and_choices,
            tools,
        )

        # Every required field was read, so only a longer dict has keys this model does not name.
        if len(src_dict) > 1:
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


from ..models.chat_completion_assistant_message_param import (
    ChatCompletionAssistantMessageParam,
)
from ..models.chat_completion_developer_message_param import (
    ChatCompletionDeveloperMessageParam,
)
from ..models.chat_completion_function_message_param import (
    ChatCompletionFunctionMessageParam,
)
from ..models.chat_completion_function_tool_param import ChatCompletionFunctionToolParam
from ..models.chat_completion_system_message_param import (
    ChatCompletionSystemMessageParam,
)
from ..models.chat_completion_tool_message_param import ChatCompletionToolMessageParam
from ..models.chat_completion_user_message_param import ChatCompletionUserMessageParam
from ..models.choice import Choice
