from ..types import OpenStrEnum


class ImageURLDetail(OpenStrEnum):
    AUTO = "auto"
    HIGH = "high"
    LOW = "low"
