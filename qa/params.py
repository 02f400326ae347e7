"""Parameters of the QA rules: from landdb's settings (area formula, default scale, edge tolerance)
and QA-specific tolerances from ``LANDDB_QA_*`` environment variables or the ``[qa]`` table of ``landdb.toml``
(environment first); any of them can be overridden per run.

>>> p = QaSettings()
>>> p.split_merge_tolerance
0.001
>>> rule_parameters()["point_tolerance_m"]["500"]
0.07
"""

from __future__ import annotations

from typing import Any

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from geo.tolerance import (  # domain.md §3, §4
    DUPLICATE_VERTEX_M,
    POINT_TOLERANCE_M,
    PRINTED_ROUNDING_M,
    zone_ranges_by_srid,
)
from landdb.settings import FileSettings, Settings, get_settings


class QaSettings(FileSettings):
    """Tolerances of the QA rules; each is also the env var ``LANDDB_QA_<NAME>`` and a key of ``[qa]``."""

    toml_table = "qa"

    model_config = SettingsConfigDict(env_prefix="LANDDB_QA_", extra="ignore")

    overlap_min_area_m2: float = Field(0.01, gt=0, description="Overlaps of at most this area are not reported.")
    gap_min_area_m2: float = Field(0.01, gt=0, description="Gaps of at most this area are not reported.")
    cert_area_words_tolerance_m2: float = Field(0.05, gt=0, description="Area in figures vs in words.")
    split_merge_tolerance: float = Field(0.001, gt=0, description="Relative change of area/outline allowed (0.1 %).")
    gap_neighbours_max: int = Field(8, gt=0, description="Neighbouring parcels named in a gap finding at most.")
    sliver_ratio_max: float = Field(0.003, gt=0, description="A parcel with area / perimeter² below this is a sliver "
                                    "(a square: 0.0625; a 1 × 80 m strip: 0.003).")
    sliver_area_max_m2: float = Field(50.0, gt=0, description="Only a parcel smaller than this (m²) can be a "
                                      "sliver.")
    sliver_exempt_land_uses: list[str] = Field(["DGT", "DTL", "SON", "MNC"], description="Land-use codes "
                                               "that are long and narrow by nature: roads, irrigation, rivers, "
                                               "water surfaces; never slivers.")
    uncertified_land_uses: list[str] = Field(["DGT", "DTL", "SON", "MNC"], description="Land-use codes that get "
                                             "no certificate (roads, irrigation, rivers, water surfaces).")
    road_water_land_uses: list[str] = Field(["DGT", "DTL", "SON", "MNC"], description="Land-use codes of the road "
                                            "and water features a map file's feature layer brings (import-map "
                                            "--kind features); parcels of these uses are not checked against them.")
    road_water_overlap_min_area_m2: float = Field(0.01, gt=0, description="A parcel overlapping a road or water "
                                                  "feature by at most this area (m²) is not reported.")
    spike_angle_max_deg: float = Field(1.0, gt=0, lt=180, description="A boundary angle below this (degrees) is a "
                                       "spike.")


def rule_parameters(settings: Settings | None = None, qa: QaSettings | None = None, **overrides: Any) -> dict:
    """Every parameter a rule may use, as one flat dict (recorded on the qa_run)."""
    settings = settings or get_settings()
    qa = qa or QaSettings()
    params: dict[str, Any] = {
        "area_tolerance_k": settings.area_tolerance_k,
        "default_map_scale": settings.default_map_scale,
        "edge_tolerance_m": settings.edge_tolerance_m,
        **qa.model_dump(),
        "point_tolerance_m": {str(k): v for k, v in POINT_TOLERANCE_M.items()},
        "printed_rounding_m": PRINTED_ROUNDING_M,
        "duplicate_vertex_m": DUPLICATE_VERTEX_M,
        "zone_ranges": zone_ranges_by_srid(),
    }
    unknown = set(overrides) - set(params)
    if unknown:
        from landdb.errors import ConfigError

        raise ConfigError(f"unknown QA parameter(s): {', '.join(sorted(unknown))}; known: {', '.join(sorted(params))}")
    params.update(overrides)
    return params
