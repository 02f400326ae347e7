"""The synthetic city (bench/city.py): what it plants is what QA finds, certificates carry vertex tables and owners,
a finished build is reused, and the scale benchmarks' ingest and import leave the city as it was built."""

from __future__ import annotations

import re
import time
from collections import Counter

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.conftest import server_settings

pytestmark = pytest.mark.slow

PARCELS = 3000
# planted defect -> the QA rule that must report each one of them
RULE_OF = {"overlap": "overlap", "gap": "gap", "sliver": "sliver", "spike": "geometry_invalid",
           "duplicate_key": "duplicate_key", "unknown_land_use": "land_use_code_unknown",
           "shared_id": "owner_id_names"}


def test_generated_id_numbers_are_unique_and_keep_what_their_digits_say():
    """Random digits collided as the city grew (76,060 unplanted ``owner_id_names`` findings at 2.5M)."""
    import random

    from bench.city import unique_id_number
    from sample_scans.people import cccd_number

    rng = random.Random(3)
    pids = sorted({rng.randrange(10**7) for _ in range(100_000)} | {0, 1, 10**6 - 1, 10**6, 10**7 - 1})
    cccd = {unique_id_number(p, "CCCD", cccd_number(rng, 1970 + p % 30, p % 2 == 0)) for p in pids}
    cmnd = {unique_id_number(p, "CMND", f"02{rng.randint(0, 9_999_999):07d}") for p in pids}
    assert len(cccd) == len(cmnd) == len(pids)
    assert all(re.fullmatch(r"\d{12}", n) for n in cccd) and all(re.fullmatch(r"02\d{7}", n) for n in cmnd)
    born_1985_female = cccd_number(rng, 1985, True)
    assert unique_id_number(12345, "CCCD", born_1985_female)[3:6] == born_1985_female[3:6]   # century/sex, year
    with pytest.raises(ValueError, match="10 million"):
        unique_id_number(10**7, "CMND", "021234567")


@pytest.fixture(scope="module")
def city_url():
    from bench import city
    from bench.scratch import drop_database

    url = city.build(server_settings(), PARCELS, communes=2, seed=5, rate=0.01, fresh=True, log=lambda _: None)
    yield url
    drop_database(server_settings(), city.database_name(PARCELS))


def _counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0]  # noqa: S608 (fixed names)
                for t in ("parcel", "certificate", "party", "certificate_vertex", "source_document", "map_sheet")}


def test_qa_finds_exactly_what_was_planted(city_url):
    from landdb.settings import Settings
    from qa.runner import run_database

    with psycopg.connect(city_url, row_factory=dict_row) as conn:
        planted = Counter(r["kind"] for r in conn.execute("select kind from bench_city_defect"))
    assert all(planted[k] > 0 for k in RULE_OF), planted
    found = run_database(None, actor="test", settings=Settings(database_url=city_url)).summary
    for kind, rule in RULE_OF.items():
        assert found.get(rule, 0) == planted[kind], (kind, found, planted)
    assert "cert_id_inconsistent" not in found          # a shared number keeps its holder's sex and birth year
    with psycopg.connect(city_url) as conn:     # an ID number held by two owners is a planted one, never chance
        shared = conn.execute("select count(*) from (select id_number from party group by id_number "
                              "having count(*) > 1) s").fetchone()[0]
    assert shared == planted["shared_id"]


def test_qa_commune_by_commune_finds_what_the_whole_city_finds(city_url):
    """Every rule is commune-local: the communes run one by one find the same findings (by fingerprint) as one
    run over the whole city — also an ID number whose certificates lie in both communes."""
    from landdb.settings import Settings
    from qa.runner import run_database

    settings = Settings(database_url=city_url)
    with psycopg.connect(city_url, row_factory=dict_row) as conn:
        communes = [r["commune_code"] for r in conn.execute("select distinct commune_code from parcel")]
        assert len(communes) == 2
        # one owner of each commune made to carry the same ID number (under their own, different names)
        a, b = (conn.execute("select pa.id, pa.id_type, pa.id_number from party pa join land_right lr on "
                             "lr.party_id = pa.id join certificate_parcel cp on cp.certificate_id = lr.certificate_id "
                             "where cp.commune_code = %s order by pa.id limit 1", (c,)).fetchone() for c in communes)
        conn.execute("update party set id_type = %s, id_number = %s where id = %s",
                     (a["id_type"], a["id_number"], b["id"]))
        conn.commit()
    per = Counter((f["rule"], f["fingerprint"]) for c in communes
                  for f in run_database(c, actor="test", settings=settings).findings)
    city = run_database(None, actor="test", settings=settings).findings
    assert per == Counter((f["rule"], f["fingerprint"]) for f in city)
    shared = [f["commune_code"] for f in city
              if f["rule"] == "owner_id_names" and f["details"]["id_number"] == a["id_number"]]
    assert sorted(shared) == sorted(communes)


def test_landdb_qa_run_of_the_whole_city_runs_each_commune_as_a_task(city_url, tmp_path):
    """`landdb qa run` (no --commune) runs the communes as tasks on 2 threads: one stored run per commune, every
    open finding of the whole-city run found again by them (by fingerprint), none closed, nothing else found."""
    import json

    from landdb.settings import Settings
    from qa.runner import run_database
    from tests.cli_support import landdb

    city = Counter((f["rule"], f["fingerprint"])
                   for f in run_database(None, actor="test", settings=Settings(database_url=city_url)).findings)
    done = landdb("qa", "run", "--workers", "2", "--json",
                  env={"LANDDB_DATABASE_URL": city_url, "PREFECT_HOME": str(tmp_path / "prefect")})
    assert done.returncode == 0, done.stderr
    run = json.loads(done.stdout)
    assert run["communes"] == 2 and len(run["run_ids"]) == 2 and run["closed_as_fixed"] == 0
    assert run["summary"] == dict(Counter(rule for rule, _ in city))
    with psycopg.connect(city_url, row_factory=dict_row) as conn:
        open_ = conn.execute("select rule_id, fingerprint, last_seen_run_id, commune_code from qa_finding "
                             "where status = 'new'").fetchall()
        scopes = conn.execute("select scope ->> 'commune' as commune from qa_run where id = any(%s)",
                              (run["run_ids"],)).fetchall()
    assert Counter((f["rule_id"], f["fingerprint"]) for f in open_) == city
    assert {f["last_seen_run_id"] for f in open_} <= set(run["run_ids"])
    assert sorted(s["commune"] for s in scopes) == sorted({f["commune_code"] for f in open_})


def test_certificates_have_vertex_tables_and_owners(city_url):
    with psycopg.connect(city_url, row_factory=dict_row) as conn:
        assert _counts(city_url)["parcel"] == PARCELS
        lonely = conn.execute("select count(*) as n from certificate c where not exists "
                              "(select 1 from certificate_vertex v where v.certificate_id = c.id) or not exists "
                              "(select 1 from land_right r where r.certificate_id = c.id)").fetchone()["n"]
        assert lonely == 0
        owners = conn.execute("select name, id_type, id_number from party").fetchall()
        assert owners and all(len(o["name"].split()) >= 3 for o in owners)
        for o in owners:
            assert re.fullmatch(r"\d{12}" if o["id_type"] == "CCCD" else r"\d{9}", o["id_number"]), o
        ring = conn.execute("select st_npoints(cp.geom) - 1 as n, (select count(*) from certificate_vertex v "
                            "where v.certificate_id = cp.certificate_id) as v from certificate_parcel cp "
                            "limit 50").fetchall()
        assert all(r["n"] == r["v"] for r in ring)


def test_a_finished_build_is_reused(city_url):
    from bench import city

    started = time.perf_counter()
    again = city.build(server_settings(), PARCELS, communes=2, seed=5, rate=0.01, log=lambda _: None)
    assert again == city_url and time.perf_counter() - started < 10


def test_a_build_of_an_older_generator_is_measured_only_when_asked(city_url, monkeypatch):
    from bench import city

    monkeypatch.setattr(city, "GENERATOR", city.GENERATOR + 1)
    assert city._existing(city_url, PARCELS, 5) is None          # build() would make the newer city
    said: list[str] = []
    again = city.build(server_settings(), PARCELS, communes=2, seed=5, rate=0.01, any_generator=True, log=said.append)
    assert again == city_url
    assert said == [said[0]] and f"made by generator {city.GENERATOR - 1} of {city.GENERATOR}" in said[0]


def test_scale_ingest_and_import_leave_the_city_as_built(city_url, tmp_path):
    from bench import scale_import, scale_ingest

    before = _counts(city_url)
    ingest = scale_ingest.measure(city_url, count=20)
    assert ingest["records"] == 20 and ingest["loader_s"] > 0 and ingest["copy_s"] > 0
    imported = scale_import.measure(city_url, tmp_path, runs=1)
    assert imported["features"] > 0
    assert _counts(city_url) == before
