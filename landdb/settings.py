"""landdb's settings: one place, read from ``LANDDB_*`` environment variables and ``landdb.toml``.

Precedence (highest first): explicit arguments, environment variables, the
TOML file named by ``LANDDB_CONFIG`` (default ``./landdb.toml``), defaults.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from pydantic import Field
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


def read_toml_table(name: str) -> dict[str, Any]:
    """One table of ``landdb.toml`` (the file ``LANDDB_CONFIG`` names); {} when there is none."""
    from landdb.errors import ConfigError

    path = config_file()
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get(name, {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it: {exc}") from exc
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: '{name}' must be a table ([{name}])")
    return table


class FileSettings(BaseSettings):
    """Settings from the environment, then ``landdb.toml``: its top level, or the table ``toml_table`` names."""

    toml_table: ClassVar[str | None] = None

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
            return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=config_file()))
        return (init_settings, env_settings, InitSettingsSource(settings_cls, read_toml_table(cls.toml_table)))


class Settings(FileSettings):
    """Every knob of landdb. Each field is also the env var ``LANDDB_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="LANDDB_", extra="ignore")

    database_url: str | None = Field(
        None, description="Use this PostgreSQL (with PostGIS) instead of the project's own cluster."
    )
    var_dir: Path = Field(PROJECT_ROOT / "var", description="Runtime state: the cluster, caches, exports.")
    pg_port: int = Field(54329, description="Port of the project's own cluster (127.0.0.1).")
    pg_major: int | None = Field(None, description="PostgreSQL major version; default: newest installed.")
    pg_database: str = "landdb"
    pg_user: str = "landdb"
    pg_password: str = "landdb"
    pool_max_size: int = Field(8, description="Connections in the pool at most.")

    ocr_engine: str = Field("tesseract", description="OCR engine: tesseract, tesseract-cli or recorded:<file.json>.")
    tesseract_lang: str = Field("vie", description="Tesseract language(s) for text regions.")
    tesseract_digits_lang: str = Field("eng", description="Tesseract language for digit-only cells.")
    ocr_workers: int = Field(0, description="Parallel OCR workers; 0 = number of cores.")

    area_tolerance_k: float = Field(0.0004, description="ΔP = k · M · √P (domain.md §4).")
    default_map_scale: int = Field(500, description="Scale denominator M when a sheet does not say.")
    edge_tolerance_m: float = Field(0.01, description="Printed vs computed edge length, metres.")

    actor: str = Field("", description="Who is acting (audit log); default: the OS user.")

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
        return (
            f"postgresql://{self.pg_user}:{self.pg_password}@127.0.0.1:{self.pg_port}/{self.pg_database}"
        )

    @property
    def who(self) -> str:
        if self.actor:
            return self.actor
        import getpass

        return getpass.getuser()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (cached; call ``get_settings.cache_clear()`` after changing env vars)."""
    return Settings()
