"""What the scale-out tests share: a small batch of the committed sample certificates with the sample ward map, the
single-process build of it, and the database contents that must not depend on where the build ran — compared by
content (document hashes, parcel keys, geometry bytes, finding fingerprints), never by ids."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import psycopg
from psycopg.rows import dict_row

from landdb.settings import PROJECT_ROOT

SAMPLES = PROJECT_ROOT / "sample_scans"
# 2024-form (two pages), clean: two of the web tests' three, known to load
CERTIFICATES = ("gcn_0001_2024_clean.pdf", "gcn_0009_2024_clean.pdf")
MAP_FILE = SAMPLES / "cadastre.gpkg"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_batch(folder: Path) -> Path:
    """A batch folder of links to the sample certificates (the documents' content, hence hashes, are theirs)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in CERTIFICATES:
        os.symlink(SAMPLES / "certificates" / name, folder / name)
    return folder


def env(url: str, prefect_home: Path, **extra: str) -> dict[str, str]:
    """The environment of a landdb process on the test database ``url`` (Prefect's state kept apart)."""
    return {**os.environ, "LANDDB_DATABASE_URL": url, "PREFECT_HOME": str(prefect_home),
            "PYTHONPATH": str(PROJECT_ROOT), "OMP_THREAD_LIMIT": "1", **extra}


def build(url: str, batch: Path, prefect_home: Path, *extra: str, timeout: float = 300
          ) -> subprocess.CompletedProcess[str]:
    """``landdb build BATCH --map cadastre.gpkg --json …`` in a subprocess."""
    return subprocess.run([sys.executable, "-m", "landdb.cli.main", "build", str(batch), "--map", str(MAP_FILE),
                           "--json", *extra], env=env(url, prefect_home), capture_output=True, text=True,
                          timeout=timeout)


def summary_of(done: subprocess.CompletedProcess[str]) -> dict:
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


CERTIFICATES_SQL = """
select d.sha256, c.form, c.serial, c.register_no, c.status, c.record - 'source' as record,
       (select count(*) from extracted_field f where f.document_id = d.id) as fields,
       (select count(*) from extracted_field f where f.document_id = d.id and f.flagged) as flagged,
       (select count(*) from certificate_vertex v where v.certificate_id = c.id) as vertices,
       (select array_agg(p.name || '|' || coalesce(p.id_number, '') order by p.name, p.id_number)
          from land_right r join party p on p.id = r.party_id where r.certificate_id = c.id) as owners,
       (select array_agg(concat_ws('/', cp.commune_code, cp.sheet_no, cp.parcel_no, cp.link_status,
                                   mp.commune_code, mp.sheet_no, mp.parcel_no) order by cp.sheet_no, cp.parcel_no)
          from certificate_parcel cp left join parcel mp on mp.id = cp.parcel_id
         where cp.certificate_id = c.id) as parcels,
       (select array_agg(concat_ws('|', t.kind, t.field, t.status) order by t.kind, t.field)
          from review_task t where t.certificate_id = c.id) as review_tasks
  from source_document d join certificate c on c.document_id = d.id
 order by d.sha256"""

PARCELS_SQL = """
select commune_code, sheet_no, parcel_no, md5(st_asbinary(geom)) as geom, declared_area_m2, legal_area_m2,
       land_use_code, address, national_code, is_valid
  from parcel order by commune_code, sheet_no, parcel_no, md5(st_asbinary(geom))"""

FINDINGS_SQL = """
select f.rule_id, f.fingerprint, f.parcel_keys, c.serial, round(f.measure::numeric, 6) as measure, f.unit,
       f.message, f.status, md5(st_asbinary(f.geom)) as geom
  from qa_finding f left join certificate c on c.id = f.certificate_id
 order by f.rule_id, f.fingerprint"""


def contents(url: str) -> dict[str, list[dict]]:
    """Certificates (with owners, fields, vertices, links, review tasks), parcels and QA findings, by content."""
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return {name: conn.execute(sql).fetchall() for name, sql in
                (("certificates", CERTIFICATES_SQL), ("parcels", PARCELS_SQL), ("findings", FINDINGS_SQL))}


def assert_same_database(url: str, baseline: dict[str, list[dict]]) -> None:
    got = contents(url)
    assert len(got["certificates"]) == len(CERTIFICATES)
    assert got["parcels"] and got["findings"], "the comparison needs parcels and findings to compare"
    for part in ("certificates", "parcels", "findings"):
        assert len(got[part]) == len(baseline[part]), part
        for mine, theirs in zip(got[part], baseline[part], strict=True):
            assert mine == theirs, (part, mine, theirs)
