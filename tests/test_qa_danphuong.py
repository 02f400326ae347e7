"""Acceptance 3: the real Đan Phượng map (6,910 parcels, 1,171 invalid): the full map catalogue finds its
real defects, with counts pinned, and every finding is a sentence a land officer can act on."""

from __future__ import annotations

import re
from collections import Counter

import geopandas as gpd
import pytest
import shapely

from tests.qa_support import DANPHUONG_EXPECTED as EXPECTED
from tests.qa_support import check_file

GPKG = "cadastre-danphuong/parcels.gpkg"



@pytest.fixture(scope="module")
def result(db_settings, realdata):
    return check_file(db_settings, realdata / GPKG, "thua_dat")


def test_counts_per_rule_are_pinned(result):
    assert result.parcels == 6910
    assert result.summary == EXPECTED


def test_invalid_parcels_agree_with_geos_in_process(result, realdata):
    frame = gpd.read_file(realdata / GPKG, layer="thua_dat")
    invalid = {f"{s}/{p}" for s, p, g in zip(frame.to_ban_do, frame.thua, frame.geometry, strict=True)
               if not shapely.is_valid(g)}
    found = [f for f in result.findings if f["rule"] == "geometry_invalid"]
    assert {f["parcels"][0] for f in found} == invalid
    reasons = Counter(f["details"]["reason"] for f in found)
    # PostGIS's GEOS 3.11 names 5 of shapely's (newer GEOS) "Self-intersection" cases "Ring Self-intersection"
    assert reasons == {"Self-intersection": 1110, "Nested shells": 51, "Ring Self-intersection": 10}


def test_other_rules_work_on_the_repaired_copy_and_say_so(result):
    invalid = {f["parcels"][0] for f in result.findings if f["rule"] == "geometry_invalid"}
    areas = [f for f in result.findings if f["rule"] == "area_mismatch"]
    repaired = [f for f in areas if f["repaired"]]
    assert {f["parcels"][0] for f in repaired} == invalid
    assert len(areas) - len(repaired) == 14
    assert all("repaired copy" in f["message"] for f in repaired)
    assert not any("repaired copy" in f["message"] for f in areas if not f["repaired"])


def test_overlaps_between_valid_parcels_are_small_real_overlaps(result):
    pairs = [f for f in result.findings if f["rule"] == "overlap" and not f["repaired"]]
    assert len(pairs) == 50
    assert all(0.01 < f["measure"] < 1.0 for f in pairs)
    assert all(len(f["parcels"]) == 2 for f in pairs)


def test_gaps_are_slivers_with_width(result):
    gaps = sorted((f for f in result.findings if f["rule"] == "gap"), key=lambda f: f["measure"])
    slivers = [g for g in gaps if g["details"]["width_m"] < 0.05]
    assert len(slivers) == 36
    assert gaps[-1]["measure"] == pytest.approx(33074.65, abs=0.5)
    assert all(g["parcels"] for g in gaps), "every gap names its neighbours"


def test_every_finding_is_a_sentence_naming_parcels_value_and_threshold(result):
    for f in result.findings:
        vi, en = f["message"].split(" / ", 1)
        assert vi and en
        for key in f["parcels"][:2]:
            assert key in f["message"]
            assert re.fullmatch(r"\d+/\S+", key)
        if f["measure"] is not None and f["unit"] == "m²":
            assert f"{f['measure']:.2f}" in en
        if f["threshold"] and f["unit"] == "m²":
            assert f"{f['threshold']:.2f}" in en
