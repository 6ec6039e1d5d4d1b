from enum import Enum


class JSendStatus(str, Enum):
    ERROR = "error"
    FAIL = "fail"
    SUCCESS = "success"

    def __str__(self) -> str:
        return str(self.value)
