from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelCreate")


@_attrs_define
class ModelCreate:
    """Schema for creating a new Model.

    Attributes:
        project (str): Project name in W&B where the model will be stored
        name (str): Unique name for the model within the project
        base_model (str): Base model identifier or HuggingFace model path to fine-tune from
        entity (None | str | Unset): Team or username of the developer whose W&B API key is being used
        return_existing (bool | Unset): If true, return existing model if one with the same name already exists instead
            of creating a new one Default: False.
    """

    project: str
    name: str
    base_model: str
    entity: None | str | Unset = UNSET
    return_existing: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project = self.project

        name = self.name

        base_model = self.base_model

        entity: None | str | Unset
        if isinstance(self.entity, Unset):
            entity = UNSET
        else:
            entity = self.entity

        return_existing = self.return_existing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project": project,
                "name": name,
                "base_model": base_model,
            }
        )
        if entity is not UNSET:
            field_dict["entity"] = entity
        if return_existing is not UNSET:
            field_dict["return_existing"] = return_existing

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        project = d.pop("project")

        name = d.pop("name")

        base_model = d.pop("base_model")

        def _parse_entity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        entity = _parse_entity(d.pop("entity", UNSET))

        return_existing = d.pop("return_existing", UNSET)

        _instance = cls(
            project=project,
            name=name,
            base_model=base_model,
            entity=entity,
            return_existing=return_existing,
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
