"""Acceptance 4: the sample ward map (sample_scans) with its planted defects: every planted defect of a
map rule is found, and no finding lands on a sample parcel that was not planted."""

from __future__ import annotations

import pytest

from tests.qa_support import check_frame, plans  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("plans")

MAP_RULES = {"geometry_invalid", "geometry_empty", "overlap", "gap", "area_mismatch", "duplicate_key",
             "missing_attribute", "land_use_code_unknown", "out_of_zone", "xy_swapped"}


@pytest.fixture(scope="module")
def planted_and_found(db_settings, plans):  # noqa: F811 - computed under each plan mode
    from sample_scans.cadastre import CRS
    from sample_scans.plant import build_sample

    sample = build_sample(seed=1, certificates=12)
    srid = int(CRS.split(":")[1])
    result = check_frame(db_settings, sample.map, srid)
    planted = {(f["rule"], frozenset(f["keys"])) for f in sample.findings if f["rule"] in MAP_RULES}
    found = {(f["rule"], frozenset(f"{f['commune_code']}/{k}" for k in f["parcels"])) for f in result.findings}
    return planted, found, result


def test_every_planted_map_defect_is_found(planted_and_found):
    planted, found, _ = planted_and_found
    assert planted, "the sample plants map defects"
    assert planted <= found, f"missed: {planted - found}"


def test_nothing_else_is_found_on_sample_parcels(planted_and_found):
    planted, found, _ = planted_and_found
    assert found - planted == set()


@pytest.fixture(scope="module")
def database_run(db_settings, tmp_path_factory, plans):  # noqa: F811 - computed under each plan mode
    """The whole path on the real database: the map through the importer, the certificates' truth records
    through the loader, linking, then ``qa run`` with every rule on the ward."""
    import psycopg
    from psycopg.rows import dict_row

    from geo.importer import import_map
    from geo.link import link_certificates
    from landdb.loader import load_document
    from qa.runner import run_database
    from sample_scans.cadastre import COMMUNE
    from sample_scans.generate import plan, write_map
    from sample_scans.plant import SCALE, build_sample

    sample = build_sample(seed=1, certificates=12)
    path = tmp_path_factory.mktemp("qa_sample") / "cadastre.gpkg"
    write_map(sample.map, path)
    scope = "QA-SAMPLE"  # its own commune code, apart from other tests' imports of the same ward
    with psycopg.connect(db_settings.url, row_factory=dict_row, autocommit=True) as conn:
        import_map(conn, path, layer="thua_dat", commune=scope, actor="test", scale=SCALE)
        for index, _, cert in plan(12, 1, plots=sample.plots):
            load_document(conn, path=path.with_name(f"gcn_{index}.pdf"), sha256=f"qa-sample-{index}",
                          record=cert.record, fields=[], pages=None, actor="test", commune_code=scope)
        link_certificates(conn, commune=scope, default_scale=SCALE, actor="test")
    result = run_database(commune=scope, actor="qa-tester", settings=db_settings)
    planted = {(f["rule"], frozenset(f["keys"])) for f in sample.findings}
    found = {(f["rule"], frozenset(f"{COMMUNE}/{k}" for k in f["parcels"])) for f in result.findings}
    return planted, found


def test_every_planted_defect_is_found_in_the_database(database_run):
    planted, found = database_run
    assert {rule for rule, _ in planted} >= {"cert_map_area", "cert_map_shape", "cert_not_on_map"}
    assert planted <= found, f"missed: {planted - found}"


def test_nothing_else_is_found_in_the_database(database_run):
    planted, found = database_run
    assert found - planted == set()
