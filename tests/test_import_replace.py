"""``landdb import-map`` is explicit about what it replaces (issue 13 item 2), met as a user meets it: the
command line on real files in a temporary folder, the real database. A partial file deletes nothing;
``--replace-sheets`` deletes what the file lacks, and its ``--dry-run`` shows the same counts writing
nothing; the original file restores what was deleted; a file with nothing importable is an error; two
imports of the same file at once end with the data imported once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

from tests.cli_support import landdb, one_line_error

pytestmark = [pytest.mark.db]
SAMPLE = Path(__file__).resolve().parents[1] / "sample_scans" / "cadastre.gpkg"
COUNTS = re.compile(r"parcels \+(\d+) ~(\d+) -(\d+)")



def counts(done: subprocess.CompletedProcess) -> tuple[int, int, int]:
    assert done.returncode == 0, done.stderr
    return tuple(int(n) for n in COUNTS.search(done.stdout).groups())


def sample(tmp_path: Path, commune: str, name: str = "map.gpkg", keep=None) -> Path:
    """The sample map with its own commune code (each test its own parcels), optionally a subset."""
    frame = pyogrio.read_dataframe(SAMPLE, layer="thua_dat")
    frame["ma_xa"] = commune
    if keep is not None:
        frame = frame[keep(frame)]
    path = tmp_path / name
    pyogrio.write_dataframe(frame, path, layer="thua_dat")
    return path


def parcels(conn, commune: str) -> dict[tuple[str, str, int], str]:
    rows = conn.execute("select sheet_no, parcel_no, key_seq, source_digest from parcel where commune_code = %s",
                        (commune,)).fetchall()
    return {(r["sheet_no"], r["parcel_no"], r["key_seq"]): r["source_digest"] for r in rows}


def totals(conn) -> dict:
    return conn.execute("select (select count(*) from parcel) as parcels, (select count(*) from map_import) as "
                        "imports, (select count(*) from audit_log) as audit, (select count(*) from map_sheet_change)"
                        " as changes").fetchone()


def test_partial_file_deletes_nothing_without_replace_sheets(conn, tmp_path) -> None:
    full = sample(tmp_path, "REP-A")
    assert counts(landdb("import-map", full)) == (916, 0, 0)
    before = parcels(conn, "REP-A")
    partial = sample(tmp_path, "REP-A", "partial.gpkg", keep=lambda f: f.index == f[f.to_ban_do == 1].index[0])
    done = landdb("import-map", partial)
    assert done.returncode == 0, done.stderr
    assert "kept 233 parcels of sheets REP-A/1 (233)" in done.stdout and "--replace-sheets" in done.stdout
    assert parcels(conn, "REP-A") == before


def test_replace_sheets_dry_run_and_import_agree_and_the_original_restores(conn, tmp_path) -> None:
    full = sample(tmp_path, "REP-B")
    landdb("import-map", full)
    original = parcels(conn, "REP-B")
    # one parcel of sheet 1, moved by 0.5 m, and all of sheet 2 but its first parcel
    frame = pyogrio.read_dataframe(full, layer="thua_dat")
    one = frame[frame.to_ban_do == 1].iloc[[0]].copy()
    one["geometry"] = one.geometry.translate(0.5, 0)
    two = frame[frame.to_ban_do == 2].iloc[1:]
    partial = tmp_path / "partial.gpkg"
    pyogrio.write_dataframe(gpd.GeoDataFrame(gpd.pd.concat([one, two]), crs=frame.crs), partial, layer="thua_dat")
    n1, n2 = (frame.to_ban_do == 1).sum(), (frame.to_ban_do == 2).sum()

    state = totals(conn)
    dry = landdb("import-map", partial, "--replace-sheets", "--dry-run")
    assert counts(dry) == (0, 1, (n1 - 1) + 1)
    assert dry.stdout.startswith("DRY RUN (nothing written)")
    assert f"sheet REP-B/1 replaced: would delete {n1 - 1} parcels" in dry.stdout
    assert "sheet REP-B/2 replaced: would delete 1 parcels" in dry.stdout
    assert totals(conn) == state and parcels(conn, "REP-B") == original

    real = landdb("import-map", partial, "--replace-sheets")
    assert counts(real) == counts(dry)
    assert f"sheet REP-B/1 replaced: deleted {n1 - 1} parcels" in real.stdout
    now = parcels(conn, "REP-B")
    assert len(now) == len(original) - n1
    assert {k: v for k, v in now.items() if k[0] in ("3", "4")} == {k: v for k, v in original.items()
                                                                    if k[0] in ("3", "4")}

    back = landdb("import-map", full)  # the original again: the database, not the file's hash, decides
    assert counts(back) == (n1 - 1 + 1, 1, 0)
    assert parcels(conn, "REP-B") == original and len(original) == n1 + n2 + 231 + 240
    again = landdb("import-map", full)
    assert again.returncode == 0 and "already imported" in again.stdout
    assert parcels(conn, "REP-B") == original


def test_nothing_importable_is_an_error_and_records_nothing(conn, tmp_path) -> None:
    lines = gpd.GeoDataFrame({"to_ban_do": [1, 1], "thua": ["1", "2"], "ma_xa": ["REP-C", "REP-C"]},
                             geometry=[shapely.LineString([(601000, 1198000), (601010, 1198000)]),
                                       shapely.LineString([(601010, 1198000), (601010, 1198010)])], crs="EPSG:9210")
    path = tmp_path / "lines.gpkg"
    pyogrio.write_dataframe(lines, path, layer="thua_dat")
    state = totals(conn)
    for _ in range(2):  # the second attempt says the same, not "already imported"
        err = one_line_error(landdb("import-map", path))
        assert str(path) in err and "nothing to import" in err and "not polygonal" in err
    assert totals(conn) == state


def test_blank_commune_code_is_refused(conn, tmp_path) -> None:
    path = sample(tmp_path, "REP-D")
    state = totals(conn)
    err = one_line_error(landdb("import-map", path, "--commune", "  "))
    assert "--commune" in err and "blank" in err
    assert totals(conn) == state
    frame = pyogrio.read_dataframe(path, layer="thua_dat")
    frame["ma_xa"] = "   "
    blank = tmp_path / "blank.gpkg"
    pyogrio.write_dataframe(frame, blank, layer="thua_dat")
    err = one_line_error(landdb("import-map", blank))
    assert "no commune" in err
    assert conn.execute("select count(*) from parcel where trim(commune_code) = ''").fetchone()["count"] == 0


def test_any_file_of_a_shapefile_names_it_and_all_are_hashed(conn, tmp_path) -> None:
    from geo.sources import file_sha256

    frame = pyogrio.read_dataframe(SAMPLE, layer="thua_dat")
    frame = frame[frame.to_ban_do == 3].copy()
    frame["ma_xa"] = "REP-E"
    shp = tmp_path / "sheet3.shp"
    pyogrio.write_dataframe(frame, shp)
    digests = {file_sha256(shp.with_suffix(ext)) for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg")}
    assert len(digests) == 1
    assert counts(landdb("import-map", shp.with_suffix(".dbf"))) == (len(frame), 0, 0)
    # a geometry edit only (the .dbf is the same bytes) is seen whichever file is named
    dbf = shp.with_suffix(".dbf").read_bytes()
    moved = frame.copy()
    moved.loc[moved.index[0], "geometry"] = shapely.affinity.translate(moved.geometry.iloc[0], 1.0, 0)
    pyogrio.write_dataframe(moved, shp)
    assert shp.with_suffix(".dbf").read_bytes() == dbf and file_sha256(shp.with_suffix(".dbf")) not in digests
    assert counts(landdb("import-map", shp.with_suffix(".prj"))) == (0, 1, 0)


def test_two_imports_of_the_same_file_at_once(conn, tmp_path) -> None:
    path = sample(tmp_path, "REP-F")
    cmd = [sys.executable, "-m", "landdb.cli.main", "import-map", str(path)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ})
             for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert not any("Traceback" in err for _, err in outs)
    stdout = sorted(out for out, _ in outs)
    assert sum("parcels +916 ~0 -0" in out for out in stdout) == 1
    assert sum("already imported" in out for out in stdout) == 1
    assert len(parcels(conn, "REP-F")) == 916
    assert conn.execute("select count(*) from map_import where commune_code is null and path = %s",
                        (str(path.resolve()),)).fetchone()["count"] == 1
