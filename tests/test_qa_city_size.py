"""Acceptance 5 of issue 18: `qa run` on a database holding the Đan Phượng map four times (four commune codes,
27,640 parcels: tables large enough for parallel plans) finishes, and each commune gets the findings of a lone
import of the map."""

from __future__ import annotations

import uuid
from collections import Counter

import psycopg
import pytest
from psycopg.rows import dict_row

from geo.importer import import_map
from qa.runner import run_database

pytestmark = [pytest.mark.db, pytest.mark.slow]

GPKG = "cadastre-danphuong/parcels.gpkg"


def _findings(result) -> Counter:
    return Counter((f["rule"], frozenset(f["parcels"]), f["measure"]) for f in result.findings)


def test_four_imports_of_a_district_each_get_the_findings_of_a_lone_import(db_settings, realdata) -> None:
    communes = [f"DP{i}{uuid.uuid4().hex[:5]}" for i in range(4)]
    with psycopg.connect(db_settings.url, row_factory=dict_row, autocommit=True) as conn:
        import_map(conn, realdata / GPKG, layer="thua_dat", commune=communes[0], actor="test_qa_city_size")
        lone = _findings(run_database(commune=communes[0], actor="qa-tester", settings=db_settings))
        for commune in communes[1:]:
            import_map(conn, realdata / GPKG, layer="thua_dat", commune=commune, actor="test_qa_city_size")
        assert conn.execute("select count(*) as n from parcel where commune_code = any(%s)",
                            (communes,)).fetchone()["n"] == 4 * 6910
    assert sum(lone.values()) > 3000  # the pinned Đan Phượng findings (tests/qa_support.py)
    for commune in communes:
        assert _findings(run_database(commune=commune, actor="qa-tester", settings=db_settings)) == lone, commune
