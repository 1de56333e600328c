from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

T = TypeVar("T", bound="AnnotationURLCitation")
# The API's names of this model's fields; any other key from_dict reads is an additional property.
_FIELD_NAMES = frozenset(
    {
        "end_index",
        "start_index",
        "title",
        "url",
    }
)


@_attrs_define
class AnnotationURLCitation:
    """A URL citation when using web search.

    Attributes:
        end_index (int):
        start_index (int):
        title (str):
        url (str):
    """

    end_index: int
    start_index: int
    title: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_index = self.end_index

        start_index = self.start_index

        title = self.title

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "end_index": end_index,
                "start_index": start_index,
                "title": title,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        end_index = src_dict["end_index"]

        start_index = src_dict["start_index"]

        title = src_dict["title"]

        url = src_dict["url"]

        _instance = cls(
            end_index,
            start_index,
            title,
            url,
        )

        # Every required field was read, so only a longer dict has keys this model does not name.
        if len(src_dict) > 4:
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
