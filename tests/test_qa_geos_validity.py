"""Acceptance 2: every isValid case of GEOS's own test files agrees with ``geometry_invalid``.

All 842 cases are loaded into one scratch table through the same loader ``qa check`` uses and
evaluated in one run; each case is then its own test. The loader reads WKT with shapely and keeps
what PostGIS refuses (e.g. a polygon of 3 points) as an unreadable geometry that geometry_invalid reports.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from tests.conftest import REALDATA
from tests.qa_support import check_frame

FILES = ("TestIsValid.xml", "TestValid.xml", "TestValid2.xml")


def _cases() -> list[tuple[str, str, str, bool]]:
    cases = []
    for name in FILES:
        path = REALDATA / "geos-validity" / name
        if not path.exists():
            continue
        for i, case in enumerate(ET.parse(path).getroot().iter("case")):
            op = case.find("test/op")
            if op is None or op.get("name") != "isValid":
                continue
            wkt = " ".join(case.findtext("a", "").split())
            cases.append((f"{Path(name).stem}:{i}", case.findtext("desc", "").strip(), wkt, op.text.strip() == "true"))
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def verdicts(db_settings, realdata) -> dict[str, dict]:
    frame = gpd.GeoDataFrame({"thua": [c[0] for c in CASES]}, geometry=[shapely.from_wkt(c[2]) for c in CASES])
    result = check_frame(db_settings, frame, 0, ["geometry_invalid"])
    return {f["parcels"][0].split("/", 1)[1]: f for f in result.findings}


def test_all_842_cases_are_there(realdata):
    assert len(CASES) == 842


@pytest.mark.parametrize("case_id,desc,wkt,expected_valid", CASES, ids=[c[0] for c in CASES])
def test_validity_agrees_with_geos(verdicts, case_id, desc, wkt, expected_valid):
    finding = verdicts.get(case_id)
    assert (finding is None) == expected_valid, f"{desc}: {wkt[:120]} -> {finding and finding['message']}"
    if finding is not None:
        assert finding["details"]["reason"], "an invalid geometry always says why"
