"""QA reports from the stored findings: HTML (one self-contained file: a chart of the findings per rule and
commune, counts per rule, each finding explained with a small map and a scale bar),
CSV, and a GeoPackage of findings (one layer per rule) that opens in QGIS. Files are written to a
temporary path and moved into place only when complete.

>>> svg_for({"svg_path": "M 0 0 L 10 0 L 10 -10 Z", "context_paths": None, "geom_type": "POLYGON",
...          "bx": -1, "by": -11, "bw": 12, "bh": 12, "px": 5, "py": -5}, 160)[:78]
'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1.000 -11.000 12.000 12.000"'
"""

from __future__ import annotations

import csv
import html
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from landdb.db import connect
from landdb.errors import InputFileError, ValidationError
from landdb.settings import Settings, get_settings
from qa import rules as catalogue
from qa.report_svg import chart, finding_map
from qa.sqlfiles import text

FORMATS = ("html", "csv", "gpkg")
CSV_COLUMNS = ("id", "rule_id", "severity", "status", "status_reason", "status_by", "commune_code", "parcel_keys",
               "measure", "threshold", "unit", "message", "repaired", "wkt")


def fetch(commune: str | None = None, rules: Sequence[str] | None = None, include_closed: bool = False,
          settings: Settings | None = None) -> list[dict[str, Any]]:
    """The stored findings in scope; an unknown rule id or commune is an error naming the close ones."""
    from geo.names import require_commune
    from qa.runner import select_rules

    rule_ids = [r.id for r in select_rules(rules)] if rules else None
    with connect(settings or get_settings()) as conn:
        commune = require_commune(conn, commune)
        return conn.execute(text("report_findings"), {
            "commune": commune, "rules": rule_ids, "include_closed": include_closed}).fetchall()


@contextmanager
def atomic_path(out: Path) -> Iterator[Path]:
    """A temporary path beside ``out`` that replaces it only if the block succeeds."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=out.suffix, dir=out.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, out)
    finally:
        tmp_path.unlink(missing_ok=True)


def svg_for(f: dict[str, Any], size: int = 180) -> str:
    """A small inline SVG map of one finding (:func:`qa.report_svg.finding_map`)."""
    return finding_map(f, size)


def write_html(findings: list[dict[str, Any]], out: Path, title: str = "landdb QA report") -> None:
    counts = Counter(f["rule_id"] for f in findings)
    rows = []
    for rule in catalogue.RULES:
        if counts.get(rule.id):
            rows.append(f"<tr><td><a href='#{rule.id}'>{rule.id}</a></td><td>{rule.severity}</td>"
                        f"<td>{html.escape(rule.description_vi)}<br><i>{html.escape(rule.description_en)}</i></td>"
                        f"<td style='text-align:right'>{counts[rule.id]}</td></tr>")
    per_commune = Counter((f["rule_id"], f["commune_code"] or "") for f in findings)
    body = [f"<h1>{html.escape(title)}</h1>", f"<p>{len(findings)} findings.</p>",
            "<h2>Findings per rule and commune</h2>", chart(per_commune),
            "<table border=1 cellpadding=4>"
            "<tr><th>rule</th><th>severity</th><th>description</th><th>findings</th></tr>",
            *rows, "</table>"]
    current = None
    for f in findings:
        if f["rule_id"] != current:
            current = f["rule_id"]
            body.append(f"<h2 id='{current}'>{current}</h2>")
        body.append(
            "<div style='display:flex;gap:1em;margin:0.5em 0;border-bottom:1px solid #ccc'>"
            f"<div>{svg_for(f)}</div><div><b>#{f['id']}</b> [{f['status']}] "
            f"{html.escape(', '.join(f['parcel_keys']))}<br>{html.escape(f['message'])}"
            + (f"<br><i>{html.escape(f['status_reason'])}</i>" if f.get("status_reason") else "")
            + "</div></div>")
    page = ("<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>"
            f"{html.escape(title)}</title></head><body style='font-family:sans-serif'>" + "\n".join(body)
            + "</body></html>")
    with atomic_path(out) as tmp:
        tmp.write_text(page, encoding="utf-8")


def write_csv(findings: list[dict[str, Any]], out: Path) -> None:
    with atomic_path(out) as tmp, tmp.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for f in findings:
            writer.writerow({**f, "parcel_keys": ";".join(f["parcel_keys"])})


def write_gpkg(findings: list[dict[str, Any]], out: Path) -> None:
    """One layer per rule (and zone, when a rule has findings in several)."""
    import geopandas as gpd
    import shapely

    groups: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        srids = {g["srid"] for g in findings if g["rule_id"] == f["rule_id"] and g["wkb"] is not None}
        layer = f["rule_id"] if len(srids) <= 1 else f"{f['rule_id']}_{f['srid']}"
        groups.setdefault(layer, []).append(f)
    with atomic_path(out) as tmp:
        tmp.unlink()
        for layer, items in groups.items():
            srid = next((f["srid"] for f in [*items, *findings] if f["wkb"] is not None and f["srid"]), None)
            frame = gpd.GeoDataFrame(
                [{k: (";".join(f[k]) if k == "parcel_keys" else f[k]) for k in CSV_COLUMNS if k != "wkt"}
                 for f in items],
                geometry=[shapely.from_wkb(f["wkb"]) if f["wkb"] is not None else None for f in items],
                crs=f"EPSG:{srid}" if srid else None)
            frame["status_by"] = frame["status_by"].astype("string")
            frame.to_file(tmp, layer=layer, driver="GPKG", engine="pyogrio")
        if not groups:
            gpd.GeoDataFrame({"message": []}, geometry=[], crs=None).to_file(tmp, layer="qa_finding", driver="GPKG")


def writable_out(out: Path) -> Path:
    """``out`` if a report can be written there (a file in a folder landdb can write); one clear error
    otherwise — checked before any finding is fetched."""
    out = Path(out)
    if out.is_dir():
        raise InputFileError(out, "is a folder; --out names the report file to write (e.g. report.html)")
    parent = out.parent
    while not parent.exists() and parent != parent.parent:  # folders still to be made: probe the one above
        parent = parent.parent
    if not parent.is_dir():
        raise InputFileError(out, f"{parent} is not a folder")
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".probe", dir=parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise InputFileError(out, f"cannot write the report there ({exc.strerror or exc})") from None
    if out.exists() and not os.access(out, os.W_OK):
        raise InputFileError(out, "exists and is not writable")
    return out


def write(fmt: str, out: Path, commune: str | None = None, rules: Sequence[str] | None = None,
          include_closed: bool = False, settings: Settings | None = None) -> int:
    """Write a report; returns the number of findings in it. The format, the output path, the rule ids
    and the commune are checked first: an unknown one is an error, never an empty report."""
    if fmt not in FORMATS:
        raise ValidationError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    out = writable_out(out)
    findings = fetch(commune, rules, include_closed, settings)
    {"html": write_html, "csv": write_csv, "gpkg": write_gpkg}[fmt](findings, out)
    return len(findings)
