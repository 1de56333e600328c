from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset, parse_datetime

T = TypeVar("T", bound="Trajectory")
# The API's names of this model's fields and their Python names; any other key from_dict reads
# is an additional property.
_PYTHON_NAMES: dict[str, str] = {
    "messages_and_choices": "messages_and_choices",
    "tools": "tools",
    "additional_histories": "additional_histories",
    "reward": "reward",
    "initial_policy_version": "initial_policy_version",
    "final_policy_version": "final_policy_version",
    "metrics": "metrics",
    "metadata": "metadata",
    "logs": "logs",
    "start_time": "start_time",
}


@_attrs_define
class Trajectory:
    """
    Attributes:
        messages_and_choices (list[ChatCompletionAssistantMessageParam | ChatCompletionDeveloperMessageParam |
            ChatCompletionFunctionMessageParam | ChatCompletionSystemMessageParam | ChatCompletionToolMessageParam |
            ChatCompletionUserMessageParam | Choice] | Unset):
        tools (list[ChatCompletionFunctionToolParam] | None | Unset):
        additional_histories (list[History] | Unset):
        reward (float | Unset):  Default: 0.0.
        initial_policy_version (int | None | Unset):
        final_policy_version (int | None | Unset):
        metrics (TrajectoryMetrics | Unset):
        metadata (TrajectoryMetadata | Unset):
        logs (list[str] | Unset):
        start_time (datetime.datetime | Unset):
    """

    messages_and_choices: (
        list[
            ChatCompletionAssistantMessageParam
            | ChatCompletionDeveloperMessageParam
            | ChatCompletionFunctionMessageParam
            | ChatCompletionSystemMessageParam
            | ChatCompletionToolMessageParam
            | ChatCompletionUserMessageParam
            | Choice
        ]
        | Unset
    ) = UNSET
    tools: list[ChatCompletionFunctionToolParam] | None | Unset = UNSET
    additional_histories: list[History] | Unset = UNSET
    reward: float | Unset = 0.0
    initial_policy_version: int | None | Unset = UNSET
    final_policy_version: int | None | Unset = UNSET
    metrics: TrajectoryMetrics | Unset = UNSET
    metadata: TrajectoryMetadata | Unset = UNSET
    logs: list[str] | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        messages_and_choices: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.messages_and_choices, Unset):
            messages_and_choices = []
            for messages_and_choices_item_data in self.messages_and_choices:
                messages_and_choices_item: dict[str, Any]
                if (
                    isinstance(
                        messages_and_choices_item_data,
                        ChatCompletionDeveloperMessageParam,
                    )
                    or isinstance(
                        messages_and_choices_item_data, ChatCompletionSystemMessageParam
                    )
                    or isinstance(
                        messages_and_choices_item_data, ChatCompletionUserMessageParam
                    )
                    or isinstance(
                        messages_and_choices_item_data,
                        ChatCompletionAssistantMessageParam,
                    )
                    or isinstance(
                        messages_and_choices_item_data, ChatCompletionToolMessageParam
                    )
                    or isinstance(
                        messages_and_choices_item_data,
                        ChatCompletionFunctionMessageParam,
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

        additional_histories: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.additional_histories, Unset):
            additional_histories = []
            for additional_histories_item_data in self.additional_histories:
                additional_histories_item = additional_histories_item_data.to_dict()
                additional_histories.append(additional_histories_item)

        reward = self.reward

        initial_policy_version: int | None | Unset
        if isinstance(self.initial_policy_version, Unset):
            initial_policy_version = UNSET
        else:
            initial_policy_version = self.initial_policy_version

        final_policy_version: int | None | Unset
        if isinstance(self.final_policy_version, Unset):
            final_policy_version = UNSET
        else:
            final_policy_version = self.final_policy_version

        metrics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = self.metrics.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        logs: list[str] | Unset = UNSET
        if not isinstance(self.logs, Unset):
            logs = self.logs

        start_time: str | Unset = UNSET
        if not isinstance(self.start_time, Unset):
            start_time = self.start_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if messages_and_choices is not UNSET:
            field_dict["messages_and_choices"] = messages_and_choices
        if tools is not UNSET:
            field_dict["tools"] = tools
        if additional_histories is not UNSET:
            field_dict["additional_histories"] = additional_histories
        if reward is not UNSET:
            field_dict["reward"] = reward
        if initial_policy_version is not UNSET:
            field_dict["initial_policy_version"] = initial_policy_version
        if final_policy_version is not UNSET:
            field_dict["final_policy_version"] = final_policy_version
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if logs is not UNSET:
            field_dict["logs"] = logs
        if start_time is not UNSET:
            field_dict["start_time"] = start_time

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        _messages_and_choices = src_dict.get("messages_and_choices", UNSET)
        messages_and_choices: (
            list[
                ChatCompletionAssistantMessageParam
                | ChatCompletionDeveloperMessageParam
                | ChatCompletionFunctionMessageParam
                | ChatCompletionSystemMessageParam
                | ChatCompletionToolMessageParam
                | ChatCompletionUserMessageParam
                | Choice
            ]
            | Unset
        ) = UNSET
        if _messages_and_choices is not UNSET:
            messages_and_choices = []
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

        _additional_histories = src_dict.get("additional_histories", UNSET)
        additional_histories: list[History] | Unset = UNSET
        if _additional_histories is not UNSET:
            additional_histories = []
            for additional_histories_item_data in _additional_histories:
                additional_histories_item = History.from_dict(
                    additional_histories_item_data
                )

                additional_histories.append(additional_histories_item)

        reward = src_dict.get("reward", UNSET)

        def _parse_initial_policy_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        initial_policy_version = _parse_initial_policy_version(
            src_dict.get("initial_policy_version", UNSET)
        )

        def _parse_final_policy_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        final_policy_version = _parse_final_policy_version(
            src_dict.get("final_policy_version", UNSET)
        )

        _metrics = src_dict.get("metrics", UNSET)
        metrics: TrajectoryMetrics | Unset
        if isinstance(_metrics, Unset):
            metrics = UNSET
        else:
            metrics = TrajectoryMetrics.from_dict(_metrics)

        _metadata = src_dict.get("metadata", UNSET)
        metadata: TrajectoryMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = TrajectoryMetadata.from_dict(_metadata)

        logs = cast(list[str], src_dict.get("logs", UNSET))

        _start_time = src_dict.get("start_time", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = parse_datetime(_start_time)

        _instance = cls(
            messages_and_choices,
            tools,
            additional_histories,
            reward,
            initial_policy_version,
            final_policy_version,
            metrics,
            metadata,
            logs,
            start_time,
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
from ..models.history import History
from ..models.trajectory_metadata import TrajectoryMetadata
from ..models.trajectory_metrics import TrajectoryMetrics
