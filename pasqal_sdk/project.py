"""`Project` under the original SDK's module (`pasqal_cloud.project`)."""

from pasqal_sdk._resources import Project

__all__ = ["Project"]
