"""pasqal-sdk: run neutral-atom quantum programs on Pasqal Cloud Services.

The typed low-level clients generated from `openapi/` ship beside this package:
`pasqal_core_client` (batches, jobs, workloads, devices), `pasqal_account_client` (projects)
and `pasqal_auth_client` (tokens).
"""

from pasqal_sdk._version import __version__

__all__ = ["__version__"]
