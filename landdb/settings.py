"""landdb's settings: one place, read from ``LANDDB_*`` environment variables and ``landdb.toml``.

Precedence (highest first): explicit arguments, environment variables, the
TOML file named by ``LANDDB_CONFIG`` (default ``./landdb.toml``), defaults.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import pydantic
from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    InitSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def config_file() -> Path:
    return Path(os.environ.get("LANDDB_CONFIG", "landdb.toml"))


def _read_toml() -> dict[str, Any]:
    """The whole of ``landdb.toml`` (the file ``LANDDB_CONFIG`` names); {} when there is none."""
    from landdb.errors import ConfigError

    path = config_file()
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it: {exc}") from None


def read_toml_table(name: str) -> dict[str, Any]:
    """One table of ``landdb.toml``; {} when there is none."""
    from landdb.errors import ConfigError

    path = config_file()
    table = _read_toml().get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: '{name}' must be a table ([{name}])")
    return table


# LANDDB_* variables that are not settings fields but are read on purpose (LANDDB_HOME: where landdb is installed
# on a Prefect worker machine, read by prefect.yaml's pull step).
OTHER_ENV = {"LANDDB_CONFIG", "LANDDB_DEBUG", "LANDDB_HOME", "LANDDB_SHARED_DIR", "LANDDB_WEB_TEST_REUSE"}
# Tables of landdb.toml, each read by its own settings class (``toml_table``).
TOML_TABLES = {"qa", "web"}


def _close(name: str, known: set[str]) -> str:
    match = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    return f" (did you mean {match[0]}?)" if match else ""


def _describe(exc: pydantic.ValidationError, env_prefix: str) -> str:
    """One line per bad value, naming the setting, where it can come from and what was wrong."""
    parts = []
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"]) or "settings"
        value = err.get("input")
        secret = name in ("pg_password", "database_url", "read_database_url")
        shown = "" if isinstance(value, dict) or secret else f" {value!r}"
        parts.append(f"{name} ({env_prefix}{name.upper()} or {config_file()}):{shown} {err['msg']}")
    return "bad setting: " + "; ".join(parts)


class FileSettings(BaseSettings):
    """Settings from the environment, then ``landdb.toml``: its top level, or the table ``toml_table`` names.

    A value of the wrong type, a broken file or a misspelled key is a :class:`ConfigError` naming it."""

    toml_table: ClassVar[str | None] = None

    def __init__(self, **values: Any) -> None:
        from landdb.errors import ConfigError

        prefix = self.model_config.get("env_prefix", "")
        try:
            super().__init__(**values)
        except pydantic.ValidationError as exc:
            raise ConfigError(_describe(exc, prefix)) from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{config_file()}: not valid TOML: {exc}") from None
        self._refuse_unknown_keys(prefix)

    def _refuse_unknown_keys(self, prefix: str) -> None:
        from landdb.errors import ConfigError

        fields = set(type(self).model_fields)
        if self.toml_table is None:
            keys = set(_read_toml().keys()) - TOML_TABLES
        else:
            keys = set(read_toml_table(self.toml_table))
        for key in sorted(keys - fields):
            where = f"[{self.toml_table}] of " if self.toml_table else ""
            raise ConfigError(f"{config_file()}: unknown setting {where!s}'{key}'{_close(key, fields)}")
        env_names = {f"{prefix}{f}".upper() for f in fields}
        for name in sorted(os.environ):
            if not name.startswith(prefix) or name in env_names or name in OTHER_ENV:
                continue
            if self.toml_table is None and any(name.startswith(f"{prefix}{t}_".upper()) for t in TOML_TABLES):
                continue  # LANDDB_QA_* belongs to the [qa] settings
            raise ConfigError(f"unknown setting in the environment: {name}{_close(name, env_names)}")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        if cls.toml_table is None:
            _read_toml()  # a broken file is named here, before pydantic reads it
            return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_file()))
        return (init_settings, env_settings, InitSettingsSource(settings_cls, read_toml_table(cls.toml_table)))


class Settings(FileSettings):
    """Every knob of landdb. Each field is also the env var ``LANDDB_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="LANDDB_", extra="ignore")

    database_url: str | None = Field(
        None, description="Use this PostgreSQL (with PostGIS) instead of the project's own cluster."
    )
    read_database_url: str | None = Field(
        None, description="The web app's officer reads (search, parcels, tiles, exports) from this database — a "
                          "streaming replica, or pgbouncer in front of one; writes still go to the primary.")
    var_dir: Path = Field(PROJECT_ROOT / "var", description="Runtime state: the cluster, caches, exports.")
    pg_port: int = Field(54329, ge=1, le=65535, description="Port of the project's own cluster (127.0.0.1).")
    pg_major: int | None = Field(None, description="PostgreSQL major version; default: newest installed.")
    pg_database: str = "landdb"
    pg_user: str = "landdb"
    pg_password: str | None = Field(
        None, description="Password of the application role; default: generated once into var/secrets/ (0600)."
    )
    pool_max_size: int = Field(8, ge=1, description="Connections in the pool at most.")

    ocr_engine: str = Field("tesseract", description="OCR engine: tesseract, tesseract-cli or recorded:<file.json>.")
    tesseract_lang: str = Field("vie", description="Tesseract language(s) for text regions.")
    tesseract_digits_lang: str = Field("eng", description="Tesseract language for digit-only cells.")
    ocr_workers: int = Field(0, ge=0, description="Parallel OCR workers; 0 = number of cores.")

    area_tolerance_k: float = Field(0.0004, gt=0, description="ΔP = k · M · √P (domain.md §4).")
    default_map_scale: int = Field(500, gt=0, description="Scale denominator M when a sheet does not say.")
    edge_tolerance_m: float = Field(0.01, gt=0, description="Printed vs computed edge length, metres.")

    actor: str = Field("", description="Who is acting (audit log); default: the OS user.")

    debug: bool = Field(False, description="Tracebacks on errors (also `landdb --debug`).")

    @field_validator("database_url", "read_database_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        import psycopg.conninfo

        try:
            psycopg.conninfo.conninfo_to_dict(value)
        except psycopg.ProgrammingError as exc:
            raise ValueError(f"not a PostgreSQL URL or conninfo ({redact_url(value)}): {exc}") from None
        return value

    @property
    def pg_dir(self) -> Path:
        return self.var_dir / "pg"

    @property
    def uses_own_cluster(self) -> bool:
        return not self.database_url

    @property
    def url(self) -> str:
        """The libpq URL of the database landdb uses."""
        if self.database_url:
            return self.database_url
        return f"postgresql://{self.pg_user}:{self.password}@127.0.0.1:{self.pg_port}/{self.pg_database}"

    @property
    def read_url(self) -> str:
        """The URL the web app's officer reads use: ``read_database_url`` when set, else the primary's."""
        return self.read_database_url or self.url

    @property
    def password(self) -> str:
        """The application role's password: the URL's, or on the project's own cluster generated once into var/."""
        if self.database_url:
            import psycopg.conninfo

            return psycopg.conninfo.conninfo_to_dict(self.database_url).get("password") or ""
        if self.pg_password:
            return self.pg_password
        from landdb.secrets import APP, read_or_create

        return read_or_create(self.var_dir, APP)

    @property
    def safe_url(self) -> str:
        """The URL with its password masked: the only form of it that messages and logs show."""
        return redact_url(self.url)

    @property
    def who(self) -> str:
        if self.actor:
            return self.actor
        import getpass

        return getpass.getuser()


def redact_url(url: str) -> str:
    """A libpq URL or conninfo with its password masked.

    >>> redact_url("postgresql://landdb:s3cret@127.0.0.1:54329/landdb")
    'postgresql://landdb:***@127.0.0.1:54329/landdb'
    >>> redact_url("host=/tmp user=landdb password='a b' dbname=x")
    'host=/tmp user=landdb password=*** dbname=x'
    """
    url = re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", url)
    return re.sub(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", url)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached; call ``get_settings.cache_clear()`` after changing env vars)."""
    return Settings()
