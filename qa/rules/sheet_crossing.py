"""``sheet_crossing``: a parcel reaching outside the frame of its map sheet (``map_sheet.frame``, from the map
file's sheet layer: ``import-map --kind sheet-frames``). A sheet with no known frame is not checked; the run
names it (``not checked``), never guesses a frame.

>>> explain({"parcel_keys": ["2/15"], "measure": 3.456, "threshold": 0.01,
...          "details": {"sheet": "2", "outside_m2": 3.46, "farthest_m": 0.82, "frame_source": "khung.gpkg [khung]"}})
'Thửa 2/15 vượt ra ngoài khung tờ bản đồ số 2: 3,46 m² nằm ngoài khung, xa nhất 0,82 m (ngưỡng 0,01 m²; khung từ khung.gpkg [khung]). / Parcel 2/15 reaches outside the frame of sheet 2: 3.46 m² outside, up to 0.82 m beyond it (threshold 0.01 m²; frame from khung.gpkg [khung]).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    sheet, source = d.get("sheet") or "?", d.get("frame_source") or "?"
    return bilingual(
        f"Thửa {key} vượt ra ngoài khung tờ bản đồ số {sheet}: {vnum(f['measure'])} m² nằm ngoài khung, "
        f"xa nhất {vnum(d.get('farthest_m'))} m (ngưỡng {vnum(f['threshold'])} m²; khung từ {source}).",
        f"Parcel {key} reaches outside the frame of sheet {sheet}: {num(f['measure'])} m² outside, up to "
        f"{num(d.get('farthest_m'))} m beyond it (threshold {num(f['threshold'])} m²; frame from {source}).")


RULE = Rule(
    id="sheet_crossing", severity="error", target="map",
    description_vi="Thửa đất vượt ra ngoài khung tờ bản đồ của nó",
    description_en="Parcel crossing the frame of its map sheet (sheets without a known frame are not checked)",
    explain=explain, parameters=("sheet_crossing_min_area_m2",), coverage=True,
)
