from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="ModelCreate")
# The API's names of this model's fields and their Python names; any other key from_dict reads
# is an additional property.
_PYTHON_NAMES: dict[str, str] = {
    "project": "project",
    "name": "name",
    "base_model": "base_model",
    "entity": "entity",
    "return_existing": "return_existing",
}


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
        project = src_dict["project"]

        name = src_dict["name"]

        base_model = src_dict["base_model"]

        def _parse_entity(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        entity = _parse_entity(src_dict.get("entity", UNSET))

        return_existing = src_dict.get("return_existing", UNSET)

        _instance = cls(
            project,
            name,
            base_model,
            entity,
            return_existing,
        )

        # Every required field was read, so only a longer dict has keys this model does not name.
        if len(src_dict) > 3:
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
