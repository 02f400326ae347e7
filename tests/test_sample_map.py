"""The sample ward map: EPSG:9210 GeoPackage, a clean partition apart from the planted defects, each
planted defect real and listed, and the certificates' vertices equal to their map parcels' vertices."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely

from sample_scans.cadastre import COMMUNE, build_ward
from sample_scans.generate import plan, write_map
from sample_scans.plant import CERT_PLANTS, area_tolerance, build_sample

COLUMNS = ["ma_xa", "to_ban_do", "thua", "dien_tich", "loai_dat", "dia_chi", "geometry"]


@pytest.fixture(scope="module")
def sample():
    return build_sample(seed=1, certificates=12)


@pytest.fixture(scope="module")
def certs(sample):
    return [c for _, _, c in plan(12, 1, plots=sample.plots)]


def _overlapping_pairs(frame):
    valid = frame[frame.is_valid]
    left, right = valid.sindex.query(valid.geometry, predicate="intersects")
    pairs = []
    for i, j in zip(left, right, strict=True):
        if i < j and valid.geometry.iloc[i].intersection(valid.geometry.iloc[j]).area > 1e-4:
            pairs.append((valid.index[i], valid.index[j]))
    return pairs


def _key(row):
    return f"{row['ma_xa']}/{row['to_ban_do']}/{row['thua']}"


def test_geopackage_opens_with_epsg_9210_and_the_real_map_columns(sample, tmp_path):
    path = tmp_path / "cadastre.gpkg"
    write_map(sample.map, path)
    frame = gpd.read_file(path, layer="thua_dat")
    assert frame.crs.to_epsg() == 9210
    assert list(frame.columns) == COLUMNS
    assert (frame["ma_xa"] == COMMUNE).all()
    bounds = frame.total_bounds  # easting 565–640 km, northing 1144–1236 km (domain.md §3)
    assert 565_000 < bounds[0] < bounds[2] < 640_000 and 1_144_000 < bounds[1] < bounds[3] < 1_236_000
    assert {"DGT", "SON", "ODT"} <= set(frame["loai_dat"])


def test_the_unplanted_ward_is_a_clean_partition():
    ward = build_ward(seed=1)
    assert ward.is_valid.all()
    assert _overlapping_pairs(ward) == []
    union = shapely.union_all(ward.geometry.values)
    assert union.geom_type == "Polygon" and len(union.interiors) == 0
    assert union.area == pytest.approx(ward.area.sum(), abs=0.01)
    assert not ward.duplicated(["ma_xa", "to_ban_do", "thua"]).any()
    tol = [area_tolerance(a) for a in ward.area]
    assert (np.abs(ward["dien_tich"] - ward.area) <= tol).all()
    for sheet, group in ward.groupby("to_ban_do"):  # numbered from 1 on each sheet
        assert sorted(group["thua"]) == list(range(1, len(group) + 1)), sheet


def test_each_planted_map_defect_is_there_and_listed(sample):
    frame = sample.map
    by_rule = {}
    for f in sample.findings:
        by_rule.setdefault(f["rule"], []).append(f)
    keys = frame.apply(_key, axis=1)

    invalid = [keys[i] for i in frame.index[~frame.is_valid]]
    assert invalid == by_rule["geometry_invalid"][0]["keys"]

    dup = sorted(set(keys[keys.duplicated()]))
    assert dup == by_rule["duplicate_key"][0]["keys"]

    tol = np.array([area_tolerance(a) for a in frame.area])
    off = [keys[i] for i in frame.index[np.abs(frame["dien_tich"] - frame.area) > tol]]
    assert off == by_rule["area_mismatch"][0]["keys"]

    pairs = [sorted([keys[i], keys[j]]) for i, j in _overlapping_pairs(frame)]
    assert pairs == [sorted(by_rule["overlap"][0]["keys"])]

    union = shapely.union_all(frame.geometry.make_valid().values)
    holes = [shapely.Polygon(r) for r in union.interiors]
    assert len(holes) == 1
    edge = holes[0].exterior
    touching = sorted(keys[i] for i in frame.index[frame.geometry.boundary.intersection(edge).length > 0.5])
    assert touching == sorted(by_rule["gap"][0]["keys"])
    assert holes[0].area == pytest.approx(by_rule["gap"][0]["area_m2"], abs=0.05)


def test_certificates_sit_on_their_map_parcels_except_the_planted_ones(sample, certs):
    frame = sample.map
    index = {_key(r): i for i, r in frame.iterrows()}
    for n, cert in enumerate(certs):
        rec = cert.record
        assert cert.key == f"{COMMUNE}/{rec.parcel.sheet_no}/{rec.parcel.parcel_no}"
        plant = CERT_PLANTS.get(n)
        if plant == "cert_not_on_map":
            assert cert.key not in index
            continue
        geom = frame.geometry.iloc[index[cert.key]]
        map_vertices = {(round(y, 2), round(x, 2)) for x, y in geom.exterior.coords}
        cert_vertices = {(v.x, v.y) for v in rec.vertices}
        cert_poly = shapely.Polygon([(v.y, v.x) for v in rec.vertices])
        if plant == "cert_map_shape":
            assert cert_poly.hausdorff_distance(geom) > 0.07 * 5
            assert abs(cert_poly.area - geom.area) < area_tolerance(geom.area)
        else:
            assert cert_vertices == map_vertices
        if plant == "cert_map_area":
            assert abs(rec.parcel.area_m2 - geom.area) > area_tolerance(geom.area)
        else:
            assert abs(rec.parcel.area_m2 - geom.area) <= area_tolerance(geom.area)


def test_findings_document_is_json_with_keys(sample):
    text = json.dumps(sample.findings, ensure_ascii=False)
    rules = {f["rule"] for f in json.loads(text)}
    assert rules == {"area_mismatch", "overlap", "gap", "geometry_invalid", "cert_map_area", "cert_map_shape",
                     "cert_not_on_map", "duplicate_key"}
    for f in sample.findings:
        assert all(k.count("/") == 2 and k.startswith(COMMUNE + "/") for k in f["keys"])
