"""The rule catalogue: an explicit registry of every QA rule, in the order they run.

>>> [r.id for r in select(["overlap", "gap"])]
['overlap', 'gap']
>>> len(RULES) == len(BY_ID)
True
"""

from __future__ import annotations

from collections.abc import Iterable

from landdb.errors import ValidationError
from qa.rules import (
    area_mismatch,
    cert_area_words,
    cert_edge_mismatch,
    cert_id_inconsistent,
    cert_land_use_map,
    cert_map_area,
    cert_map_shape,
    cert_not_on_map,
    duplicate_key,
    duplicate_vertex,
    gap,
    geometry_empty,
    geometry_invalid,
    land_use_code_unknown,
    missing_attribute,
    out_of_zone,
    overlap,
    owner_id_names,
    parcel_many_certificates,
    parcel_without_certificate,
    road_water_overlap,
    sheet_crossing,
    sliver,
    spike,
    split_merge_conservation,
    xy_swapped,
)
from qa.rules.base import Rule

RULES: tuple[Rule, ...] = (
    geometry_invalid.RULE,
    geometry_empty.RULE,
    overlap.RULE,
    gap.RULE,
    area_mismatch.RULE,
    duplicate_key.RULE,
    missing_attribute.RULE,
    land_use_code_unknown.RULE,
    out_of_zone.RULE,
    xy_swapped.RULE,
    sliver.RULE,
    duplicate_vertex.RULE,
    spike.RULE,
    sheet_crossing.RULE,
    road_water_overlap.RULE,
    cert_map_area.RULE,
    cert_map_shape.RULE,
    cert_not_on_map.RULE,
    cert_area_words.RULE,
    cert_id_inconsistent.RULE,
    cert_edge_mismatch.RULE,
    cert_land_use_map.RULE,
    owner_id_names.RULE,
    parcel_many_certificates.RULE,
    parcel_without_certificate.RULE,
    split_merge_conservation.RULE,
)
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}
MAP_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.target == "map")


def select(ids: Iterable[str] | None = None, map_only: bool = False) -> tuple[Rule, ...]:
    """The rules named (all when ``ids`` is empty), in catalogue order; unknown ids are an error."""
    pool = MAP_RULES if map_only else RULES
    wanted = [i.strip() for i in (ids or []) if i.strip()]
    if not wanted:
        return pool
    unknown = [i for i in wanted if i not in BY_ID]
    if unknown:
        raise ValidationError(f"unknown QA rule(s): {', '.join(unknown)}; known: {', '.join(BY_ID)}")
    not_here = [i for i in wanted if BY_ID[i] not in pool]
    if not_here:
        raise ValidationError(f"rule(s) {', '.join(not_here)} need the land database, not a file")
    return tuple(r for r in pool if r.id in wanted)
