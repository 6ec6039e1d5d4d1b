from enum import Enum


class ResultType(str, Enum):
    COUNTER = "counter"
    EXPECTATION = "expectation"
    RUN = "run"
    SAMPLE = "sample"

    def __str__(self) -> str:
        return str(self.value)
