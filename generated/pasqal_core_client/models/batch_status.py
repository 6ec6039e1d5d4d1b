from enum import Enum


class BatchStatus(str, Enum):
    CANCELED = "CANCELED"
    DONE = "DONE"
    ERROR = "ERROR"
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    TIMED_OUT = "TIMED_OUT"

    def __str__(self) -> str:
        return str(self.value)
