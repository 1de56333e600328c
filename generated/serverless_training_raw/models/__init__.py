"""Contains all the data models used in inputs/outputs; each loads on first use"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .annotation import Annotation
    from .annotation_url_citation import AnnotationURLCitation
    from .audio import Audio
    from .chat_choice import ChatChoice
    from .chat_completion_assistant_message_param import (
        ChatCompletionAssistantMessageParam,
    )
    from .chat_completion_assistant_message_param_function_call import (
        ChatCompletionAssistantMessageParamFunctionCall,
    )
    from .chat_completion_audio import ChatCompletionAudio
    from .chat_completion_content_part_image_param import (
        ChatCompletionContentPartImageParam,
    )
    from .chat_completion_content_part_input_audio_param import (
        ChatCompletionContentPartInputAudioParam,
    )
    from .chat_completion_content_part_refusal_param import (
        ChatCompletionContentPartRefusalParam,
    )
    from .chat_completion_content_part_text_param import (
        ChatCompletionContentPartTextParam,
    )
    from .chat_completion_developer_message_param import (
        ChatCompletionDeveloperMessageParam,
    )
    from .chat_completion_function_message_param import (
        ChatCompletionFunctionMessageParam,
    )
    from .chat_completion_function_tool_param import ChatCompletionFunctionToolParam
    from .chat_completion_message import ChatCompletionMessage
    from .chat_completion_message_custom_tool_call import (
        ChatCompletionMessageCustomToolCall,
    )
    from .chat_completion_message_custom_tool_call_param import (
        ChatCompletionMessageCustomToolCallParam,
    )
    from .chat_completion_message_custom_tool_call_param_custom import (
        ChatCompletionMessageCustomToolCallParamCustom,
    )
    from .chat_completion_message_function_tool_call import (
        ChatCompletionMessageFunctionToolCall,
    )
    from .chat_completion_message_function_tool_call_param import (
        ChatCompletionMessageFunctionToolCallParam,
    )
    from .chat_completion_message_function_tool_call_param_function import (
        ChatCompletionMessageFunctionToolCallParamFunction,
    )
    from .chat_completion_request import ChatCompletionRequest
    from .chat_completion_request_messages_item import ChatCompletionRequestMessagesItem
    from .chat_completion_response import ChatCompletionResponse
    from .chat_completion_system_message_param import ChatCompletionSystemMessageParam
    from .chat_completion_token_logprob import ChatCompletionTokenLogprob
    from .chat_completion_tool_message_param import ChatCompletionToolMessageParam
    from .chat_completion_user_message_param import ChatCompletionUserMessageParam
    from .chat_message import ChatMessage
    from .checkpoint_response import CheckpointResponse
    from .checkpoint_response_metrics import CheckpointResponseMetrics
    from .choice import Choice
    from .choice_finish_reason import ChoiceFinishReason
    from .choice_logprobs import ChoiceLogprobs
    from .create_sft_training_job import CreateSFTTrainingJob
    from .create_sft_training_job_experimental_config_type_0 import (
        CreateSFTTrainingJobExperimentalConfigType0,
    )
    from .create_training_job import CreateTrainingJob
    from .custom import Custom
    from .delete_checkpoints_request import DeleteCheckpointsRequest
    from .delete_checkpoints_response import DeleteCheckpointsResponse
    from .delete_model_response import DeleteModelResponse
    from .experimental_training_config import ExperimentalTrainingConfig
    from .experimental_training_config_importance_sampling_level_type_0 import (
        ExperimentalTrainingConfigImportanceSamplingLevelType0,
    )
    from .experimental_training_config_kl_penalty_source_type_0 import (
        ExperimentalTrainingConfigKlPenaltySourceType0,
    )
    from .experimental_training_config_loss_fn_type_0 import (
        ExperimentalTrainingConfigLossFnType0,
    )
    from .file import File
    from .file_file import FileFile
    from .function import Function
    from .function_call import FunctionCall
    from .function_definition import FunctionDefinition
    from .function_definition_parameters import FunctionDefinitionParameters
    from .history import History
    from .http_validation_error import HTTPValidationError
    from .image_url import ImageURL
    from .image_url_detail import ImageURLDetail
    from .input_audio import InputAudio
    from .input_audio_format import InputAudioFormat
    from .list_model_checkpoints_order import ListModelCheckpointsOrder
    from .log_request import LogRequest
    from .model_create import ModelCreate
    from .model_response import ModelResponse
    from .paginated_response_checkpoint_response import (
        PaginatedResponseCheckpointResponse,
    )
    from .paginated_response_training_job_event_response import (
        PaginatedResponseTrainingJobEventResponse,
    )
    from .sft_training_config import SFTTrainingConfig
    from .sft_training_config_metric_logging_type_0 import (
        SFTTrainingConfigMetricLoggingType0,
    )
    from .top_logprob import TopLogprob
    from .training_job_event_response import TrainingJobEventResponse
    from .training_job_event_response_data import TrainingJobEventResponseData
    from .training_job_event_type import TrainingJobEventType
    from .training_job_response import TrainingJobResponse
    from .trajectory import Trajectory
    from .trajectory_group import TrajectoryGroup
    from .trajectory_metadata import TrajectoryMetadata
    from .trajectory_metrics import TrajectoryMetrics
    from .validation_error import ValidationError

_MODULES = {
    "Annotation": ".annotation",
    "AnnotationURLCitation": ".annotation_url_citation",
    "Audio": ".audio",
    "ChatChoice": ".chat_choice",
    "ChatCompletionAssistantMessageParam": ".chat_completion_assistant_message_param",
    "ChatCompletionAssistantMessageParamFunctionCall": ".chat_completion_assistant_message_param_function_call",
    "ChatCompletionAudio": ".chat_completion_audio",
    "ChatCompletionContentPartImageParam": ".chat_completion_content_part_image_param",
    "ChatCompletionContentPartInputAudioParam": ".chat_completion_content_part_input_audio_param",
    "ChatCompletionContentPartRefusalParam": ".chat_completion_content_part_refusal_param",
    "ChatCompletionContentPartTextParam": ".chat_completion_content_part_text_param",
    "ChatCompletionDeveloperMessageParam": ".chat_completion_developer_message_param",
    "ChatCompletionFunctionMessageParam": ".chat_completion_function_message_param",
    "ChatCompletionFunctionToolParam": ".chat_completion_function_tool_param",
    "ChatCompletionMessage": ".chat_completion_message",
    "ChatCompletionMessageCustomToolCall": ".chat_completion_message_custom_tool_call",
    "ChatCompletionMessageCustomToolCallParam": ".chat_completion_message_custom_tool_call_param",
    "ChatCompletionMessageCustomToolCallParamCustom": ".chat_completion_message_custom_tool_call_param_custom",
    "ChatCompletionMessageFunctionToolCall": ".chat_completion_message_function_tool_call",
    "ChatCompletionMessageFunctionToolCallParam": ".chat_completion_message_function_tool_call_param",
    "ChatCompletionMessageFunctionToolCallParamFunction": ".chat_completion_message_function_tool_call_param_function",
    "ChatCompletionRequest": ".chat_completion_request",
    "ChatCompletionRequestMessagesItem": ".chat_completion_request_messages_item",
    "ChatCompletionResponse": ".chat_completion_response",
    "ChatCompletionSystemMessageParam": ".chat_completion_system_message_param",
    "ChatCompletionTokenLogprob": ".chat_completion_token_logprob",
    "ChatCompletionToolMessageParam": ".chat_completion_tool_message_param",
    "ChatCompletionUserMessageParam": ".chat_completion_user_message_param",
    "ChatMessage": ".chat_message",
    "CheckpointResponse": ".checkpoint_response",
    "CheckpointResponseMetrics": ".checkpoint_response_metrics",
    "Choice": ".choice",
    "ChoiceFinishReason": ".choice_finish_reason",
    "ChoiceLogprobs": ".choice_logprobs",
    "CreateSFTTrainingJob": ".create_sft_training_job",
    "CreateSFTTrainingJobExperimentalConfigType0": ".create_sft_training_job_experimental_config_type_0",
    "CreateTrainingJob": ".create_training_job",
    "Custom": ".custom",
    "DeleteCheckpointsRequest": ".delete_checkpoints_request",
    "DeleteCheckpointsResponse": ".delete_checkpoints_response",
    "DeleteModelResponse": ".delete_model_response",
    "ExperimentalTrainingConfig": ".experimental_training_config",
    "ExperimentalTrainingConfigImportanceSamplingLevelType0": ".experimental_training_config_importance_sampling_level_type_0",
    "ExperimentalTrainingConfigKlPenaltySourceType0": ".experimental_training_config_kl_penalty_source_type_0",
    "ExperimentalTrainingConfigLossFnType0": ".experimental_training_config_loss_fn_type_0",
    "File": ".file",
    "FileFile": ".file_file",
    "Function": ".function",
    "FunctionCall": ".function_call",
    "FunctionDefinition": ".function_definition",
    "FunctionDefinitionParameters": ".function_definition_parameters",
    "History": ".history",
    "HTTPValidationError": ".http_validation_error",
    "ImageURL": ".image_url",
    "ImageURLDetail": ".image_url_detail",
    "InputAudio": ".input_audio",
    "InputAudioFormat": ".input_audio_format",
    "ListModelCheckpointsOrder": ".list_model_checkpoints_order",
    "LogRequest": ".log_request",
    "ModelCreate": ".model_create",
    "ModelResponse": ".model_response",
    "PaginatedResponseCheckpointResponse": ".paginated_response_checkpoint_response",
    "PaginatedResponseTrainingJobEventResponse": ".paginated_response_training_job_event_response",
    "SFTTrainingConfig": ".sft_training_config",
    "SFTTrainingConfigMetricLoggingType0": ".sft_training_config_metric_logging_type_0",
    "TopLogprob": ".top_logprob",
    "TrainingJobEventResponse": ".training_job_event_response",
    "TrainingJobEventResponseData": ".training_job_event_response_data",
    "TrainingJobEventType": ".training_job_event_type",
    "TrainingJobResponse": ".training_job_response",
    "Trajectory": ".trajectory",
    "TrajectoryGroup": ".trajectory_group",
    "TrajectoryMetadata": ".trajectory_metadata",
    "TrajectoryMetrics": ".trajectory_metrics",
    "ValidationError": ".validation_error",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = (
    "Annotation",
    "AnnotationURLCitation",
    "Audio",
    "ChatChoice",
    "ChatCompletionAssistantMessageParam",
    "ChatCompletionAssistantMessageParamFunctionCall",
    "ChatCompletionAudio",
    "ChatCompletionContentPartImageParam",
    "ChatCompletionContentPartInputAudioParam",
    "ChatCompletionContentPartRefusalParam",
    "ChatCompletionContentPartTextParam",
    "ChatCompletionDeveloperMessageParam",
    "ChatCompletionFunctionMessageParam",
    "ChatCompletionFunctionToolParam",
    "ChatCompletionMessage",
    "ChatCompletionMessageCustomToolCall",
    "ChatCompletionMessageCustomToolCallParam",
    "ChatCompletionMessageCustomToolCallParamCustom",
    "ChatCompletionMessageFunctionToolCall",
    "ChatCompletionMessageFunctionToolCallParam",
    "ChatCompletionMessageFunctionToolCallParamFunction",
    "ChatCompletionRequest",
    "ChatCompletionRequestMessagesItem",
    "ChatCompletionResponse",
    "ChatCompletionSystemMessageParam",
    "ChatCompletionTokenLogprob",
    "ChatCompletionToolMessageParam",
    "ChatCompletionUserMessageParam",
    "ChatMessage",
    "CheckpointResponse",
    "CheckpointResponseMetrics",
    "Choice",
    "ChoiceFinishReason",
    "ChoiceLogprobs",
    "CreateSFTTrainingJob",
    "CreateSFTTrainingJobExperimentalConfigType0",
    "CreateTrainingJob",
    "Custom",
    "DeleteCheckpointsRequest",
    "DeleteCheckpointsResponse",
    "DeleteModelResponse",
    "ExperimentalTrainingConfig",
    "ExperimentalTrainingConfigImportanceSamplingLevelType0",
    "ExperimentalTrainingConfigKlPenaltySourceType0",
    "ExperimentalTrainingConfigLossFnType0",
    "File",
    "FileFile",
    "Function",
    "FunctionCall",
    "FunctionDefinition",
    "FunctionDefinitionParameters",
    "HTTPValidationError",
    "History",
    "ImageURL",
    "ImageURLDetail",
    "InputAudio",
    "InputAudioFormat",
    "ListModelCheckpointsOrder",
    "LogRequest",
    "ModelCreate",
    "ModelResponse",
    "PaginatedResponseCheckpointResponse",
    "PaginatedResponseTrainingJobEventResponse",
    "SFTTrainingConfig",
    "SFTTrainingConfigMetricLoggingType0",
    "TopLogprob",
    "TrainingJobEventResponse",
    "TrainingJobEventResponseData",
    "TrainingJobEventType",
    "TrainingJobResponse",
    "Trajectory",
    "TrajectoryGroup",
    "TrajectoryMetadata",
    "TrajectoryMetrics",
    "ValidationError",
)
