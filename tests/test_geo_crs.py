"""geo.crs: zones by former province, the HCMC check point, sanity ranges, X/Y swap, declared-CRS plausibility."""

from __future__ import annotations

import pytest

from geo.crs import (
    ZONES,
    check_declared_crs,
    classify_point,
    in_sanity_range,
    parse_srid,
    wgs84_transformer,
    zone_for_province,
)
from landdb.errors import CRSError

DANPHUONG_BOUNDS = (567038.49, 2332539.2, 571179.89, 2335102.41)  # the real map's extent (EPSG:5897)


def test_hcmc_check_point_within_1e6_degrees() -> None:
    srid = zone_for_province("Thành phố Hồ Chí Minh").srid
    lon, lat = wgs84_transformer(srid).transform(600125.887, 1231608.428)
    assert (lon, lat) == pytest.approx((106.668438, 11.135589), abs=1e-6)


@pytest.mark.parametrize(("province", "srid"), [
    ("TP. Hồ Chí Minh", 9210), ("Bình Dương", 9210), ("Long An", 9210), ("Hà Nội", 5897),
    ("Hải Dương", 9209), ("Đà Nẵng", 5899), ("Đồng Nai", 5899), ("Bà Rịa – Vũng Tàu", 5899), ("ba ria vung tau", 5899),
])
def test_zone_by_former_province(province: str, srid: int) -> None:
    assert zone_for_province(province).srid == srid


def test_zone_table_matches_epsg() -> None:
    from pyproj import CRS

    for srid, z in ZONES.items():
        params = {p.name: p.value for p in CRS.from_epsg(srid).coordinate_operation.params}
        assert params["Longitude of natural origin"] == pytest.approx(z.central_meridian), srid
        assert params["Scale factor at natural origin"] == pytest.approx(z.scale), srid


def test_unknown_province_is_an_error_not_a_guess() -> None:
    with pytest.raises(CRSError, match="no VN-2000 zone configured"):
        zone_for_province("Atlantis")
    assert zone_for_province("Atlantis", extra={"Atlantis": 9214}).srid == 9214


def test_sanity_range_and_swap() -> None:
    assert in_sanity_range(603699, 1191842, "HCMC") is True  # Bến Thành
    assert in_sanity_range(1191842, 603699, "HCMC") is False
    assert in_sanity_range(603699, 1191842, "Hà Nội") is False  # Bến Thành is not in Hà Nội
    assert in_sanity_range(603699, 1191842, "Atlantis") is None  # no range configured: unknown, not "fine"
    assert classify_point(1191842, 603699, 9210) == "ok"
    assert classify_point(603699, 1191842, 9210) == "swapped"
    assert classify_point(50, 60, 9210) == "out_of_range"


def test_parse_srid() -> None:
    assert parse_srid("epsg:9210") == 9210
    with pytest.raises(CRSError, match="EPSG:<code>"):
        parse_srid("VN2000")


def test_danphuong_labelled_utm_is_a_likely_mislabelled_cadastral_layer() -> None:
    check = check_declared_crs(3405, DANPHUONG_BOUNDS)
    assert check.verdict == "suspect" and check.suggested_srid == 5897
    assert "mislabelled UTM" in check.reason and "EPSG:5897" in check.message()
    assert check_declared_crs(32648, DANPHUONG_BOUNDS).suggested_srid == 5897
    assert check_declared_crs(5897, DANPHUONG_BOUNDS).ok


def test_other_provinces_zone_geographic_missing_swapped_outside() -> None:
    other = check_declared_crs(9210, DANPHUONG_BOUNDS, expected_srid=5897)
    assert other.verdict == "suspect" and other.suggested_srid == 5897
    assert check_declared_crs(4326, (105.6, 21.0, 105.7, 21.1)).verdict == "suspect"
    metres_as_degrees = check_declared_crs(4326, DANPHUONG_BOUNDS)  # impossible, not merely doubtful
    assert metres_as_degrees.verdict == "refused" and "metres" in metres_as_degrees.reason
    assert check_declared_crs(None, DANPHUONG_BOUNDS).verdict == "refused"
    minx, miny, maxx, maxy = DANPHUONG_BOUNDS
    swapped = check_declared_crs(5897, (miny, minx, maxy, maxx))
    assert swapped.verdict == "refused" and "X/Y-swapped" in swapped.reason
    assert check_declared_crs(5897, (10, 10, 20, 20)).verdict == "refused"


def test_foreign_layers_judged_by_area_of_use() -> None:
    assert check_declared_crs(25830, (665488.0, 4202787.0, 665520.0, 4202830.0)).ok  # Spain, ETRS89 / UTM 30N
    assert check_declared_crs(25830, (665488.0, 1202787.0, 665520.0, 1202830.0)).verdict == "refused"
