"""One error hierarchy for landdb.

Every error raised on purpose by landdb derives from :class:`LanddbError`, and
also from the builtin exception it resembles, so callers can catch either way::

    >>> issubclass(InputFileError, ValueError) and issubclass(InputFileError, LanddbError)
    True

Each class carries an HTTP status (``http_status``) and a stable machine code
(``code``) so the web app can turn any of them into a response in one handler.
"""

from __future__ import annotations


class LanddbError(Exception):
    """Root of every error landdb raises on purpose."""

    http_status = 500
    code = "landdb_error"


class ConfigError(LanddbError, ValueError):
    """A setting is missing or has an impossible value."""

    code = "config_error"


class ClusterError(LanddbError, RuntimeError):
    """The project's own PostgreSQL cluster could not be created, started or reached."""

    code = "cluster_error"


class DatabaseError(LanddbError, RuntimeError):
    """A database operation failed for a reason that is not the user's input."""

    code = "database_error"


class MigrationError(DatabaseError):
    """A schema migration failed; the database is left at the last applied migration."""

    code = "migration_error"


class ConflictError(LanddbError, RuntimeError):
    """An edit was based on a stale version of a row (optimistic concurrency)."""

    http_status = 409
    code = "conflict"


class NotFoundError(LanddbError, LookupError):
    """A record asked for by key does not exist."""

    http_status = 404
    code = "not_found"


class InputFileError(LanddbError, ValueError):
    """An input file cannot be used; the message names the file and the reason."""

    http_status = 422
    code = "bad_input_file"

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class CRSError(LanddbError, ValueError):
    """A coordinate reference system is missing, implausible or mismatched."""

    http_status = 422
    code = "crs_error"


class GeometryError(LanddbError, ValueError):
    """A geometry cannot be built or used (e.g. too few vertices)."""

    http_status = 422
    code = "geometry_error"


class OCRError(LanddbError, RuntimeError):
    """The OCR engine failed on a page (not: the page was hard to read)."""

    code = "ocr_error"


class ValidationError(LanddbError, ValueError):
    """A record does not satisfy the certificate schema or a data rule."""

    http_status = 422
    code = "validation_error"


class LanddbWarning(UserWarning):
    """Root of landdb's warnings, so users and tests can filter them by class."""
