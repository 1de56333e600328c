from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field
from typing_extensions import Self

from ..types import UNSET, Unset

T = TypeVar("T", bound="TopLogprob")
# The API's names of this model's fields; any other key from_dict reads is an additional property.
_FIELD_NAMES = frozenset(
    {
        "token",
        "logprob",
        "bytes",
    }
)


@_attrs_define
class TopLogprob:
    """
    Attributes:
        token (str):
        logprob (float):
        bytes_ (list[int] | None | Unset):
    """

    token: str
    logprob: float
    bytes_: list[int] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        logprob = self.logprob

        bytes_: list[int] | None | Unset
        if isinstance(self.bytes_, Unset):
            bytes_ = UNSET
        elif isinstance(self.bytes_, list):
            bytes_ = self.bytes_

        else:
            bytes_ = self.bytes_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "token": token,
                "logprob": logprob,
            }
        )
        if bytes_ is not UNSET:
            field_dict["bytes"] = bytes_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        token = src_dict["token"]

        logprob = src_dict["logprob"]

        def _parse_bytes_(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                bytes_type_0 = cast(list[int], data)

                return bytes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        bytes_ = _parse_bytes_(src_dict.get("bytes", UNSET))

        _instance = cls(
            token,
            logprob,
            bytes_,
        )

        # Every required field was read, so only a longer dict has keys this model does not name.
        if len(src_dict) > 2:
            _instance.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _FIELD_NAMES
            }
        return _instance

    @property
    def bytes(self) -> list[int] | None | Unset:
        """``bytes``, as the API names it (``bytes_`` avoids shadowing a builtin)."""
        return self.bytes_

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
