"""The newslens version, in one place (the package, the command line and the cache key read it)."""

__version__ = "0.1.0"
