"""Acceptance 1: the LADM-COL plugin's QA cases with known answers (gaps and overlapping pairs)."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from tests.qa_support import check_file, plans  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("plans")

GPKG = "ladm-col-qa/quality_validations.gpkg"


def test_gaps_in_plots_are_exactly_the_two_known_ones(db_settings, realdata):
    result = check_file(db_settings, realdata / GPKG, "check_gaps_in_plots", ["gap"])
    areas = sorted(f["measure"] for f in result.findings)
    assert len(areas) == 2, "the outer boundary is not a gap"
    assert areas[0] == pytest.approx(138.3, abs=0.5)
    assert areas[1] == pytest.approx(288.7, abs=0.5)
    for f in result.findings:
        assert f["details"]["width_m"] > 0
        assert "Gap of" in f["message"] and "m²" in f["message"]
        assert shapely.from_wkt(f["geometry_wkt"]).area == pytest.approx(f["measure"])


def test_terreno_has_exactly_the_four_overlapping_pairs(db_settings, realdata):
    path = realdata / GPKG
    result = check_file(db_settings, path, "terreno", ["overlap"])
    found = {tuple(sorted(f["parcel_ids"])) for f in result.findings}
    # an independent computation with shapely (GEOS in-process) over every pair of the 12 parcels
    frame = gpd.read_file(path, layer="terreno")
    geoms = list(frame.geometry)
    expected = {(i + 1, j + 1) for i in range(len(geoms)) for j in range(i + 1, len(geoms))
                if geoms[i].intersection(geoms[j]).area > 0.01}
    assert len(result.findings) == 4
    assert found == expected
    for f in result.findings:
        assert f["measure"] > f["threshold"]
        assert shapely.from_wkt(f["geometry_wkt"]).area == pytest.approx(f["measure"], rel=1e-6)


def test_overlap_tolerance_works_as_documented(db_settings, realdata):
    """A non-zero tolerance drops exactly the overlaps at or below it."""
    path = realdata / GPKG
    every = check_file(db_settings, path, "terreno", ["overlap"]).findings
    cut = sorted(f["measure"] for f in every)[1]
    fewer = check_file(db_settings, path, "terreno", ["overlap"], overlap_min_area_m2=cut).findings
    assert len(fewer) == len([f for f in every if f["measure"] > cut]) == 2
