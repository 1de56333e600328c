from ..types import OpenStrEnum


class ChoiceFinishReason(OpenStrEnum):
    CONTENT_FILTER = "content_filter"
    FUNCTION_CALL = "function_call"
    LENGTH = "length"
    STOP = "stop"
    TOOL_CALLS = "tool_calls"
