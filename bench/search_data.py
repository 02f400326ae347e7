"""A scratch land database of N synthetic parcels for ``python -m bench search --parcels N``, loaded with COPY.

Layout: communes of 25 sheets, each sheet a 20 × 20 grid of 10 m × 20 m parcels (≈ 5,000 parcels per km², a
dense urban ward) in VN-2000 / HCMC (EPSG:9210). 80 % of parcels have a certificate (serial, register number,
issue date, address, one land use) with one or two owners (Vietnamese names and CCCD numbers from
``sample_scans.people``); 1 % carry an open QA finding.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import psycopg
from psycopg import sql as pgsql

from landdb.settings import Settings
from sample_scans.people import cccd_number, person_name

SRID = 9210
SHEETS_PER_COMMUNE = 25
GRID = 20                 # parcels per row and per column of a sheet
WIDTH, DEPTH = 10.0, 20.0
STREETS = ["Quang Trung", "Nguyễn Văn Lượng", "Phạm Văn Chiêu", "Lê Đức Thọ", "Nguyễn Oanh", "Thống Nhất",
           "Phan Văn Trị", "Lê Văn Thọ", "Dương Quảng Hàm", "Cây Trâm", "Nguyễn Kiệm", "Lê Lợi"]
LAND_USES = [("ODT", "Đất ở tại đô thị")] * 8 + [("TMD", "Đất thương mại, dịch vụ"), ("CLN", "Đất trồng cây lâu năm")]


def scratch_database(settings: Settings, parcels: int, *, seed: int = 14, keep: bool = False) -> str:
    """The URL of ``landdb_bench_search_<N>`` on the configured server, created, migrated and filled."""
    from landdb.migrations import migrate

    name = f"landdb_bench_search_{parcels}"
    head, _, _ = settings.url.rpartition("/")
    url = f"{head}/{name}"
    if keep and _count(url) == parcels:
        return url
    with psycopg.connect(settings.url, autocommit=True) as admin:
        admin.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(name)))
        admin.execute(pgsql.SQL("create database {}").format(pgsql.Identifier(name)))
    migrate(Settings(database_url=url))
    fill(url, parcels, seed)
    return url


def _count(url: str) -> int:
    try:
        with psycopg.connect(url) as conn:
            return conn.execute("select count(*) from parcel").fetchone()[0]
    except psycopg.Error:
        return -1


def _polygon(commune: int, sheet: int, cell: int) -> str:
    e0 = 595000 + (commune % 4) * 5 * GRID * WIDTH + (sheet % 5) * GRID * WIDTH + (cell % GRID) * WIDTH
    n0 = 1190000 + (commune // 4) * 5 * GRID * DEPTH + (sheet // 5) * GRID * DEPTH + (cell // GRID) * DEPTH
    ring = [(e0, n0), (e0 + WIDTH, n0), (e0 + WIDTH, n0 + DEPTH), (e0, n0 + DEPTH), (e0, n0)]
    return f"SRID={SRID};POLYGON((" + ",".join(f"{e:.2f} {n:.2f}" for e, n in ring) + "))"


def fill(url: str, parcels: int, seed: int) -> None:
    rng = random.Random(seed)
    per_commune = SHEETS_PER_COMMUNE * GRID * GRID
    with psycopg.connect(url) as conn:
        conn.execute("insert into qa_rule (id, severity, description_vi, description_en) values "
                     "('bench_rule', 'warning', 'kiểm thử', 'benchmark') on conflict do nothing")
        run_id = conn.execute("insert into qa_run (rules, software_version, run_by) values "
                              "('{bench_rule}', 'bench', 'bench') returning id").fetchone()[0]
        with conn.cursor() as cur:
            _copy_parcels(cur, rng, parcels, per_commune)
            _copy_certificates(cur, rng, parcels, per_commune)
            with cur.copy("copy qa_finding (run_id, rule_id, fingerprint, parcel_ids, message, severity, status) "
                          "from stdin") as copy:
                for pid in range(1, parcels + 1, 100):
                    copy.write_row((run_id, "bench_rule", f"bench-{pid}", [pid], "benchmark finding", "warning",
                                    "new"))
        for table in ("parcel", "source_document", "certificate", "certificate_parcel", "party", "land_right",
                      "certificate_land_use"):
            conn.execute(pgsql.SQL("select setval(pg_get_serial_sequence({t}, 'id'), "
                                   "coalesce((select max(id) from {i}), 1))").format(
                t=pgsql.Literal(table), i=pgsql.Identifier(table)))
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("vacuum analyze")


def _copy_parcels(cur: psycopg.Cursor, rng: random.Random, parcels: int, per_commune: int) -> None:
    with cur.copy("copy parcel (id, commune_code, sheet_no, parcel_no, native_srid, geom, declared_area_m2, address, "
                  "land_use_raw, land_use_code, is_valid) from stdin") as copy:
        for pid in range(1, parcels + 1):
            i = pid - 1
            commune, rest = divmod(i, per_commune)
            sheet, cell = divmod(rest, GRID * GRID)
            code = rng.choice(LAND_USES)[0]
            copy.write_row((pid, f"{27000 + commune}", str(sheet + 1), str(cell + 1), SRID,
                            _polygon(commune, sheet, cell), WIDTH * DEPTH,
                            f"{rng.choice(STREETS)}, Phường {commune + 1}, Quận Gò Vấp", code, code, True))


def _copy_certificates(cur: psycopg.Cursor, rng: random.Random, parcels: int, per_commune: int) -> None:
    documents, certificates, cert_parcels, land_uses, parties, rights = [], [], [], [], [], []
    party_id = 0
    for pid in range(1, parcels + 1):
        if rng.random() >= 0.8:
            continue
        i = pid - 1
        commune, rest = divmod(i, per_commune)
        sheet, cell = divmod(rest, GRID * GRID)
        cid = len(certificates) + 1
        issued = date(2005, 1, 1) + timedelta(days=rng.randrange(7600))
        address = (f"{rng.randrange(1, 400)}/{rng.randrange(1, 60)} Hẻm {rng.randrange(1, 500)} "
                   f"{rng.choice(STREETS)}, Phường {commune + 1}, Quận Gò Vấp, TP. Hồ Chí Minh")
        letters = "".join(rng.choice("ABCDEGHKLMNPSTUVX") for _ in range(2))
        documents.append((cid, f"bench-{cid:08d}", f"bench/{cid}.pdf", 2, "application/pdf", "loaded"))
        certificates.append((cid, cid, "GCN-2024" if issued.year > 2024 else "GCN-2014", f"{letters} {cid:06d}",
                             f"CS{cid:06d}", issued, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "extracted", "{}"))
        code, use_name = rng.choice(LAND_USES)
        cert_parcels.append((cid, cid, f"{27000 + commune}", str(sheet + 1), str(cell + 1), address,
                             WIDTH * DEPTH, SRID, pid, "matched"))
        land_uses.append((cid, 1, code, use_name, WIDTH * DEPTH))
        for _ in range(1 if rng.random() < 0.7 else 2):
            party_id += 1
            female = rng.random() < 0.5
            birth = rng.randrange(1945, 2000)
            parties.append((party_id, "person", "Bà" if female else "Ông", person_name(rng, female), birth, "CCCD",
                            cccd_number(rng, birth, female), None))
            rights.append((cid, cid, party_id))
    for table, columns, rows in [
        ("source_document", "id, sha256, path, pages, media_type, status", documents),
        ("certificate", "id, document_id, form, serial, register_no, issue_date, issuer, status, record", certificates),
        ("certificate_parcel", "id, certificate_id, commune_code, sheet_no, parcel_no, address, area_m2, native_srid, "
                               "parcel_id, link_status", cert_parcels),
        ("certificate_land_use", "certificate_parcel_id, seq, code, raw_name, area_m2", land_uses),
        ("party", "id, kind, title, name, birth_year, id_type, id_number, address", parties),
        ("land_right", "certificate_id, certificate_parcel_id, party_id", rights),
    ]:
        with cur.copy(pgsql.SQL("copy {} ({}) from stdin").format(pgsql.Identifier(table), pgsql.SQL(columns))) as copy:
            for row in rows:
                copy.write_row(row)
