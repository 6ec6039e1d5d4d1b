"""How the facade reads the generated layer: tolerant of what is new, typed about what is broken.

The generated enums are open: a value the documents don't list yet (a new status, device type or
queue priority) is kept, and reported here once, on the `pasqal_sdk` logger (the hook is set when
this module is imported, by `_answers`). An answer that can't be read at all is the error
boundary's (`_answers.reading`).
"""

from __future__ import annotations

import logging
from enum import Enum

from pasqal_account_client import types as account_types
from pasqal_auth_client import types as auth_types
from pasqal_core_client import types as core_types

logger = logging.getLogger("pasqal_sdk")


def _report_unknown_enum_value(enum: type[Enum], value: object) -> None:
    logger.warning(
        "the service sent %s %r, which the API documents of this SDK version don't list;"
        " it is kept as is (upgrade pasqal-sdk to have it named)",
        enum.__name__,
        value,
    )


core_types.on_unknown_enum_value = _report_unknown_enum_value
account_types.on_unknown_enum_value = _report_unknown_enum_value
auth_types.on_unknown_enum_value = _report_unknown_enum_value
