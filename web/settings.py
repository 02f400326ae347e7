"""Settings of the web app: ``LANDDB_WEB_*`` environment variables, then the ``[web]`` table of landdb.toml.

```toml
[web]
base_map_url = "http://tiles.office.lan/{z}/{x}/{y}.png"   # optional raster base map (XYZ); none by default
session_hours = 10
```
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from landdb.settings import FileSettings


class WebSettings(FileSettings):
    """Every knob of the web app. Each field is also the env var ``LANDDB_WEB_<NAME>``."""

    toml_table: ClassVar[str | None] = "web"
    model_config = SettingsConfigDict(env_prefix="LANDDB_WEB_", extra="ignore")

    base_map_url: str = Field("", description="XYZ raster tiles under the parcels; empty = plain background.")
    sheets_dir: str = Field("", description="Georeferenced paper sheets (GeoTIFF) shown under the parcels; "
                                            "empty = var/sheets.")
    session_hours: float = Field(10, description="A log-in lasts this long (a working day).")
    cookie_secure: bool = Field(False, description="Send cookies over HTTPS only (set behind TLS).")
    login_window_minutes: float = Field(15, description="Failed log-ins are counted over this window.")
    login_max_failures_user: int = Field(5, description="Failed log-ins per user name in the window.")
    login_max_failures_address: int = Field(20, description="Failed log-ins per client address in the window.")
    tile_cache_max_zoom: int = Field(15, description="Tiles up to this zoom are cached (per data version); -1: none.")
    search_limit: int = Field(20, description="Search results by default.")
    search_max_limit: int = Field(200, description="Search results at most.")


@lru_cache(maxsize=1)
def get_web_settings() -> WebSettings:
    return WebSettings()
