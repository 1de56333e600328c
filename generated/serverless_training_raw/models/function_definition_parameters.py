from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

T = TypeVar("T", bound="FunctionDefinitionParameters")


@_attrs_define(eq=False)
class FunctionDefinitionParameters(Mapping[str, Any]):
    additional_properties: dict[str, Any] = _attrs_field(factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        return cls(dict(src_dict))

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.additional_properties)

    def __len__(self) -> int:
        return len(self.additional_properties)

    def __repr__(self) -> str:
        return f"FunctionDefinitionParameters({self.additional_properties!r})"
