from enum import Enum


class AddJobsV1ContentEncoding(str, Enum):
    GZIP = "gzip"
    IDENTITY = "identity"

    def __str__(self) -> str:
        return str(self.value)
