"""landdb: turns a Vietnamese city's paper land records into a clean, queryable land database."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("landdb")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
