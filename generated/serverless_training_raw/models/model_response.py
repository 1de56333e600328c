from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset, parse_uuid

T = TypeVar("T", bound="ModelResponse")


@_attrs_define
class ModelResponse:
    """Schema for Model response.

    Attributes:
        id (UUID):
        entity (str):
        project (str):
        name (str):
        base_model (str):
        run_id (None | str | Unset):
    """

    id: UUID
    entity: str
    project: str
    name: str
    base_model: str
    run_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        entity = self.entity

        project = self.project

        name = self.name

        base_model = self.base_model

        run_id: None | str | Unset
        if isinstance(self.run_id, Unset):
            run_id = UNSET
        else:
            run_id = self.run_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "entity": entity,
                "project": project,
                "name": name,
                "base_model": base_model,
            }
        )
        if run_id is not UNSET:
            field_dict["run_id"] = run_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = parse_uuid(d.pop("id"))

        entity = d.pop("entity")

        project = d.pop("project")

        name = d.pop("name")

        base_model = d.pop("base_model")

        def _parse_run_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        run_id = _parse_run_id(d.pop("run_id", UNSET))

        _instance = cls(
            id=id,
            entity=entity,
            project=project,
            name=name,
            base_model=base_model,
            run_id=run_id,
        )

        _instance.additional_properties = d
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
