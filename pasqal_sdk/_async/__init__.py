"""The SDK's shells, written once with asyncio: `AsyncSDK` (`client`) and one module per
resource. `scripts/unasync.py` writes the blocking twin of each module into `_sync/`.

Source of its sync twin (scripts/unasync.py): edit here, then `make generate`.
"""
