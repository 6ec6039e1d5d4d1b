from enum import Enum


class AddJobsContentEncoding(str, Enum):
    GZIP = "gzip"
    IDENTITY = "identity"

    def __str__(self) -> str:
        return str(self.value)
