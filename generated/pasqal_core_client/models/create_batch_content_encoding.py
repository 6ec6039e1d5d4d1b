from enum import Enum


class CreateBatchContentEncoding(str, Enum):
    GZIP = "gzip"
    IDENTITY = "identity"

    def __str__(self) -> str:
        return str(self.value)
