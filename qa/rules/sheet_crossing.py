"""``sheet_crossing``: a parcel reaching outside the frame of its map sheet (``map_sheet.frame``, from the map
file's sheet layer: ``import-map --kind sheet-frames``) farther than the allowed point error of the sheet's scale. A sheet with
no known frame is not checked; the run names it (``not checked``), never guesses a frame.

>>> explain({"parcel_keys": ["2/15"], "measure": 0.82, "threshold": 0.07,
...          "details": {"sheet": "2", "outside_m2": 3.46, "frame_source": "khung.gpkg [khung]"}})
'Thửa 2/15 vượt ra ngoài khung tờ bản đồ số 2 tới 0,82 m (sai số điểm cho phép 0,07 m), 3,46 m² nằm ngoài khung (khung từ khung.gpkg [khung]). / Parcel 2/15 reaches 0.82 m outside the frame of sheet 2 (allowed point error 0.07 m), 3.46 m² outside it (frame from khung.gpkg [khung]).'
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qa.rules.base import Rule, bilingual, keys_text, num, vnum


def explain(f: Mapping[str, Any]) -> str:
    d, key = f["details"], keys_text(f["parcel_keys"])
    sheet, source = d.get("sheet") or "?", d.get("frame_source") or "?"
    return bilingual(
        f"Thửa {key} vượt ra ngoài khung tờ bản đồ số {sheet} tới {vnum(f['measure'])} m (sai số điểm cho phép "
        f"{vnum(f['threshold'])} m), {vnum(d.get('outside_m2'))} m² nằm ngoài khung (khung từ {source}).",
        f"Parcel {key} reaches {num(f['measure'])} m outside the frame of sheet {sheet} (allowed point error "
        f"{num(f['threshold'])} m), {num(d.get('outside_m2'))} m² outside it (frame from {source}).")


RULE = Rule(
    id="sheet_crossing", severity="warning", target="map",
    description_vi="Thửa đất vượt ra ngoài khung tờ bản đồ của nó",
    description_en="Parcel crossing the frame of its map sheet (sheets without a known frame are not checked)",
    explain=explain, parameters=("point_tolerance_m", "default_map_scale"), coverage=True,
)
