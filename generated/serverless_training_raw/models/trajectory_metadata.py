from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

T = TypeVar("T", bound="TrajectoryMetadata")


@_attrs_define(eq=False)
class TrajectoryMetadata(Mapping[str, bool | float | int | None | str]):
    additional_properties: dict[str, bool | float | int | None | str] = _attrs_field(
        factory=dict
    )

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        _instance = cls()

        additional_properties = {}
        for prop_name, prop_dict in src_dict.items():

            def _parse_additional_property(
                data: object,
            ) -> bool | float | int | None | str:
                if data is None:
                    return data
                return cast(bool | float | int | None | str, data)

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        _instance.additional_properties = additional_properties
        return _instance

    def __getitem__(self, key: str) -> bool | float | int | None | str:
        return self.additional_properties[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.additional_properties)

    def __len__(self) -> int:
        return len(self.additional_properties)

    def __repr__(self) -> str:
        return f"TrajectoryMetadata({self.additional_properties!r})"
