"""The package version, read by the build backend and sent in the User-Agent."""

__version__ = "1.0.0"
