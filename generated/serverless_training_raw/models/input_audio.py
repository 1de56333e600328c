from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..models.input_audio_format import InputAudioFormat

T = TypeVar("T", bound="InputAudio")
# The API's names of this model's fields; any other key from_dict reads is an additional property.
_FIELD_NAMES = frozenset(
    {
        "data",
        "format",
    }
)


@_attrs_define
class InputAudio:
    """
    Attributes:
        data (str):
        format_ (InputAudioFormat):
    """

    data: str
    format_: InputAudioFormat
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data

        format_ = self.format_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "format": format_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        data = src_dict["data"]

        format_ = InputAudioFormat(src_dict["format"])

        _instance = cls(
            data,
            format_,
        )

        # Every required field was read, so only a longer dict has keys this model does not name.
        if len(src_dict) > 2:
            _instance.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _FIELD_NAMES
            }
        return _instance

    @property
    def format(self) -> InputAudioFormat:
        """``format``, as the API names it (``format_`` avoids shadowing a builtin)."""
        return self.format_

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
