"""Pulser's remote backends under the original SDK's module (`pasqal_cloud.backends`).

The same classes as in `pasqal_sdk.pulser`; they need Pulser installed.
"""

from pasqal_sdk.pulser import RemoteEmuFreeBackend, RemoteMPSBackend, RemoteSVBackend

__all__ = ["RemoteEmuFreeBackend", "RemoteMPSBackend", "RemoteSVBackend"]
