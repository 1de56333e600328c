from ..types import OpenStrEnum


class ListModelCheckpointsOrder(OpenStrEnum):
    ASC = "asc"
    DESC = "desc"
