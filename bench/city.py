"""A synthetic city of N parcels in a database of the project's cluster, loaded with COPY — the ONE generator of
the benchmarks (``bench/search_data.py`` and ``bench/bench_scale.py`` call it).

    python -m bench.city --parcels 100000 [--communes K] [--seed S] [--rate R] [--workers W] [--fresh]

Database ``landdb_city_<N>`` (created with ``landdb.cluster.create_database``: the application role, migrated,
audit log hardened). The land itself is ``bench/city_layout.py``: communes of sheets of lots along roads and
canals in VN-2000 / HCMC, with a known fraction of planted defects, each recorded in ``bench_city_defect``.
About 80 % of lots carry a certificate (scan reference, serial, register number, issue date, the parcel as
printed with its vertex table and land use) held by one or two owners (``sample_scans.people.make_owner``:
Vietnamese names, CCCD/CMND numbers, addresses). Communes load in parallel (one process and one COPY
transaction per commune); secondary indexes are dropped before and re-built after the load, the row-audit
triggers are off while it runs (a generated city is not edits by a person). A finished build is recorded in
``bench_city`` and reused unless ``--fresh`` (or built by an older ``GENERATOR``). Owners' ID numbers are unique in
the city except the planted ``shared_id`` defects (``unique_id_number``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import psycopg
from psycopg import sql as pgsql
from psycopg.rows import dict_row

from bench.city_layout import SRID, Lot, commune_lots
from landdb.settings import Settings
from landdb.sql import composed, query

TABLES = ["parcel", "map_sheet", "source_document", "certificate", "certificate_parcel", "certificate_land_use",
          "certificate_vertex", "party", "land_right"]
PARCELS_PER_COMMUNE = 15000          # HCMC: ≈ 2.5 million parcels in 168 communes after the 2025 merger
CERTIFIED = 0.8
DEFECT_RATE = 0.002                  # of the lots, for each kind of defect
GENERATOR = 3                        # bumped when the same seed makes a different city (3: unique ID numbers)
ID_SERIAL = 7919                     # a prime: pid -> serial digits is a bijection modulo 10**6 and 10**7
COLUMNS = {
    "parcel": "id, commune_code, sheet_no, parcel_no, native_srid, geom, declared_area_m2, address, land_use_raw, "
              "land_use_code, is_valid",
    "map_sheet": "commune_code, sheet_no, scale, srid, source",
    "source_document": "id, sha256, path, pages, media_type, status",
    "certificate": "id, document_id, form, serial, register_no, issue_date, issuer, status, record",
    "certificate_parcel": "id, certificate_id, commune_code, sheet_no, parcel_no, address, area_m2, native_srid, "
                          "geom, parcel_id, link_status",
    "certificate_land_use": "certificate_parcel_id, seq, code, raw_name, area_m2",
    "certificate_vertex": "certificate_id, seq, point, x_northing, y_easting, edge_m",
    "party": "id, kind, title, name, birth_year, id_type, id_number, address",
    "land_right": "certificate_id, certificate_parcel_id, party_id",
    "extracted_field": "document_id, certificate_id, field, value, raw_text, confidence, page, bbox, engine, "
                       "flagged, flag_reason",
}
USE_NAMES = {"ODT": "Đất ở tại đô thị", "TMD": "Đất thương mại, dịch vụ", "CLN": "Đất trồng cây lâu năm",
             "SKC": "Đất cơ sở sản xuất phi nông nghiệp"}


def database_name(parcels: int) -> str:
    return f"landdb_city_{parcels}"


def _places(index: int) -> tuple[str, str, list[str]]:
    """(district, ward, streets) of commune ``index``: the wards and streets of sample_scans.people."""
    from sample_scans.people import DISTRICTS

    pairs = [(d, w) for d, v in DISTRICTS.items() for w in v["wards"]]
    district, ward = pairs[index % len(pairs)]
    if index >= len(pairs):
        ward = f"{ward} ({index // len(pairs) + 1})"
    return district, ward, DISTRICTS[district]["streets"]


def _cell(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class _Rows:
    def __init__(self) -> None:
        self.lines: dict[str, list[str]] = {t: [] for t in COLUMNS}

    def add(self, table: str, *values: object) -> None:
        self.lines[table].append("\t".join(_cell(v) for v in values))

    def copy(self, conn: psycopg.Connection, tables: list[str] = TABLES) -> dict[str, int]:
        with conn.cursor() as cur:
            for table in tables:
                rows = self.lines.get(table, [])
                columns = pgsql.SQL(", ").join(pgsql.Identifier(c.strip()) for c in COLUMNS[table].split(","))
                with cur.copy(composed("bench/city_copy", table=table, columns=columns)) as copy:
                    for start in range(0, len(rows), 20000):
                        copy.write("\n".join(rows[start:start + 20000]) + "\n")
        return {t: len(r) for t, r in self.lines.items()}


def unique_id_number(pid: int, id_type: str, number: str) -> str:
    """The ID number of party ``pid`` (unique in the city), unique in the city: random digits collide as the city
    grows (76,060 ``owner_id_names`` findings at 2.5M that were never planted). A CCCD keeps its century/sex and
    birth-year digits; its province is one of the home provinces by ``pid // 10**6`` and its 6 serial digits a
    bijection of ``pid % 10**6``; a CMND's 7 digits a bijection of ``pid``. Unique for ``pid`` < 10**7 (a city of
    ≈ 5 million parcels: party ids are 2 × the commune stride apart), beyond that an error."""
    from sample_scans.people import HOME_PROVINCES

    provinces = sorted(set(HOME_PROVINCES))
    if pid >= 10**7 or pid >= len(provinces) * 10**6:
        raise ValueError(f"party id {pid} is past what unique ID numbers can hold (10 million)")
    if id_type == "CCCD":
        return f"{provinces[pid // 10**6]}{number[3:6]}{pid % 10**6 * ID_SERIAL % 10**6:06d}"
    return f"{number[:2]}{pid * ID_SERIAL % 10**7:07d}"


class _Owners:
    """The owners of one commune: their party ids (an owner of several parcels is drawn from them), and the planted
    ``shared_id`` defects — a new owner given the ID number of an earlier owner of the commune under another name,
    with that owner's title and birth year so the number stays consistent (one ``owner_id_names`` finding each, no
    ``cert_id_inconsistent``; each number shared once)."""

    def __init__(self, rng: random.Random, rate: float) -> None:
        self.rng, self.rate = rng, rate          # its own generator: the lots and names stay those of the seed
        self.ids: list[int] = []
        self.numbers: dict[int, tuple[str, str, str, str, int]] = {}   # pid -> type, number, folded, title, born

    def holder(self, pid: int, owner) -> tuple[str, str, str, int, bool]:
        """(id_type, id_number, title, birth_year, planted) of the new owner ``pid`` (a ``make_owner`` result)."""
        from landdb.vietnamese import fold

        folded = fold(owner.name)
        if self.numbers and self.rng.random() < self.rate:
            donor = self.numbers.pop(self.rng.choice(list(self.numbers)))   # never shared twice
            if donor[2] != folded:
                return donor[0], donor[1], donor[3], donor[4], True
        unique = unique_id_number(pid, owner.id_type, owner.id_number)
        self.numbers[pid] = (owner.id_type, unique, folded, owner.title, owner.birth_year)
        return owner.id_type, unique, owner.title, owner.birth_year, False


def _certificate(rows: _Rows, rng: random.Random, lot: Lot, ids: dict[str, int], parcel_id: int, code: str,
                 address: str, owners: _Owners, defects: list[tuple[int, str]]) -> None:
    from sample_scans.people import make_owner

    cid = ids["certificate"] = ids["certificate"] + 1
    issued = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(7900))
    letters = "".join(rng.choice("ABCDEGHKLMNPSTUVX") for _ in range(2))
    rows.add("source_document", cid, f"city-{cid:012d}", f"city/{code}/{cid}.pdf", 2, "application/pdf", "loaded")
    rows.add("certificate", cid, cid, "GCN-2024" if issued >= dt.date(2024, 8, 1) else "GCN-2014",
             f"{letters} {cid % 10**7:07d}", f"CS{cid % 10**6:06d}", issued.isoformat(),
             "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG THÀNH PHỐ HỒ CHÍ MINH", "extracted", "{}")
    area = round(lot.area(), 1)
    rows.add("certificate_parcel", cid, cid, code, lot.sheet, lot.parcel_no, address, area, SRID, lot.ewkt(),
             parcel_id, "matched")
    use = "ODT" if lot.land_use not in USE_NAMES else lot.land_use
    rows.add("certificate_land_use", cid, 1, use, USE_NAMES[use], area)
    ring = lot.ring[:-1]
    for seq, (e, n) in enumerate(ring, start=1):
        ne, nn = ring[seq % len(ring)]
        rows.add("certificate_vertex", cid, seq, str(seq), f"{n:.2f}", f"{e:.2f}", f"{math.hypot(ne - e, nn - n):.2f}")
    holders = []
    if owners.ids and rng.random() < 0.05:         # an owner of several parcels
        holders.append(rng.choice(owners.ids))
    else:
        couple = rng.random() < 0.3
        for female in ([False, True] if couple else [rng.random() < 0.45]):
            owner = make_owner(rng, issued, female)
            pid = ids["party"] = ids["party"] + 1
            id_type, id_number, title, born, planted = owners.holder(pid, owner)
            if planted:
                defects.append((parcel_id, "shared_id"))
            rows.add("party", pid, "person", title, owner.name, born, id_type, id_number, owner.address)
            owners.ids.append(pid)
            holders.append(pid)
    for pid in holders:
        rows.add("land_right", cid, cid, pid)


def load_commune(url: str, index: int, communes: int, parcels: int, seed: int, rate: float,
                 stride: int) -> dict[str, object]:
    """Generate and COPY commune ``index`` in one transaction; its row counts and planted defects."""
    from sample_scans.people import district_label

    rng = random.Random(seed * 1_000_003 + index)
    code = f"{90001 + index}"
    district, ward, streets = _places(index)
    ids = {"parcel": index * stride, "certificate": index * stride, "party": index * 2 * stride}
    rows, defects, sheets = _Rows(), [], set()
    owners = _Owners(random.Random(seed * 1_000_003 + index + 500_009), rate)
    for lot in commune_lots(rng, index, communes, parcels, streets, rate):
        pid = ids["parcel"] = ids["parcel"] + 1
        sheets.add(lot.sheet)
        address = (f"{lot.house} {lot.street}, {ward}, {district_label(district)}, TP. Hồ Chí Minh"
                   if lot.kind in ("lot", "sliver") else None)
        declared = lot.declared or round(lot.area(), 1)
        known = lot.defect != "unknown_land_use"          # as import-map stores a code it cannot normalize
        rows.add("parcel", pid, code, lot.sheet, lot.parcel_no, SRID, lot.ewkt(), declared,
                 address or lot.street or None, lot.land_use, lot.land_use if known else None, lot.defect != "spike")
        if lot.defect:
            defects.append((pid, lot.defect))
        if lot.kind == "lot" and rng.random() < CERTIFIED:
            _certificate(rows, rng, lot, ids, pid, code, address, owners, defects)
    for sheet in sorted(sheets):
        rows.add("map_sheet", code, sheet, 500, SRID, "bench.city")
    with psycopg.connect(url) as conn:
        counts = rows.copy(conn)
        with conn.cursor() as cur:
            cur.executemany(query("bench/city_defect_put"), [{"parcel_id": p, "kind": k} for p, k in defects])
        conn.commit()
    return {"counts": counts, "defects": dict(Counter(k for _, k in defects))}


def _existing(url: str, parcels: int, seed: int, any_generator: bool = False) -> dict | None:
    try:
        with psycopg.connect(url, row_factory=dict_row) as conn:
            row = conn.execute(query("bench/city_manifest_get")).fetchone()
    except psycopg.Error:
        return None
    same = row and row["parcels"] == parcels and row["seed"] == seed
    if not same:
        return None
    return row if any_generator or (row["counts"] or {}).get("generator") == GENERATOR else None


def manifest(url: str) -> dict | None:
    """What ``bench_city`` says of the build in ``url``."""
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return conn.execute(query("bench/city_manifest_get")).fetchone()


def _index(url: str, definition: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(query("bench/city_index_memory"))
        conn.execute(definition)


def build(settings: Settings, parcels: int, *, communes: int | None = None, seed: int = 2026,
          rate: float = DEFECT_RATE, workers: int = 2, fresh: bool = False, any_generator: bool = False,
          log=print) -> str:
    """The URL of ``landdb_city_<parcels>``, built unless an identical finished build is there (``any_generator``:
    also one made by an older ``GENERATOR``, which the log names)."""
    from bench.scratch import fresh_database

    name = database_name(parcels)
    head = settings.url.rpartition("/")[0]
    if not fresh and (done := _existing(f"{head}/{name}", parcels, seed, any_generator)):
        made_by = (done["counts"] or {}).get("generator", 1)     # generator 1 wrote no number
        older = "" if made_by == GENERATOR else f", made by generator {made_by} of {GENERATOR}"
        log(f"{name}: reused ({done['parcels']} parcels, {done['communes']} communes, built in "
            f"{done['seconds']:.0f} s{older})")
        return f"{head}/{name}"
    started = time.perf_counter()
    url = fresh_database(settings, name)
    communes = communes or max(1, round(parcels / PARCELS_PER_COMMUNE))
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        conn.execute(query("bench/city_manifest_create"))
        indexes = conn.execute(query("bench/city_secondary_indexes"), {"tables": TABLES}).fetchall()
        triggers = conn.execute(query("bench/city_audit_triggers"), {"tables": TABLES}).fetchall()
        for ix in indexes:
            conn.execute(composed("bench/city_index_drop", index=ix["name"]))
        for tg in triggers:
            conn.execute(composed("bench/city_trigger_disable", table=tg["table_name"], trigger=tg["name"]))
    sizes = [parcels // communes + (1 if i < parcels % communes else 0) for i in range(communes)]
    stride = max(sizes) + 1
    totals: Counter[str] = Counter()
    defects: Counter[str] = Counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(load_commune, url, i, communes, n, seed, rate, stride) for i, n in enumerate(sizes)]
        for i, future in enumerate(futures, start=1):
            result = future.result()
            totals.update(result["counts"])
            defects.update(result["defects"])
            if i % max(1, communes // 10) == 0 or i == communes:
                log(f"  {i}/{communes} communes, {totals['parcel']} parcels, {time.perf_counter() - started:.0f} s")
    loaded = time.perf_counter() - started
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda ix: _index(url, ix["definition"]), indexes))
    indexed = time.perf_counter() - started
    with psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn:
        for tg in triggers:
            conn.execute(composed("bench/city_trigger_enable", table=tg["table_name"], trigger=tg["name"]))
        for table in ("parcel", "source_document", "certificate", "certificate_parcel", "party"):
            conn.execute(composed("bench/city_set_sequences", table=table), {"table": table})
        conn.execute(query("bench/city_vacuum"))
        seconds = time.perf_counter() - started
        conn.execute(query("bench/city_manifest_put"), {
            "parcels": parcels, "communes": communes, "seed": seed, "seconds": seconds,
            "counts": json.dumps({"rows": dict(totals), "defects": dict(defects), "load_s": round(loaded, 1),
                                  "index_s": round(indexed - loaded, 1), "generator": GENERATOR})})
    log(f"{name}: {totals['parcel']} parcels in {communes} communes, {totals['certificate']} certificates, "
        f"{totals['party']} owners, {totals['certificate_vertex']} vertices; defects {dict(defects)}; "
        f"COPY {loaded:.0f} s, indexes {indexed - loaded:.0f} s, total {seconds:.0f} s")
    return url


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.city", description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, required=True)
    parser.add_argument("--communes", type=int, default=None,
                        help=f"default: one per {PARCELS_PER_COMMUNE} parcels")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rate", type=float, default=DEFECT_RATE, help="share of lots for each kind of defect")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="re-build even if a finished build is there")
    args = parser.parse_args(argv)
    if args.parcels < 1:
        print(f"--parcels must be positive, got {args.parcels}", file=sys.stderr)
        return 2
    url = build(Settings(), args.parcels, communes=args.communes, seed=args.seed, rate=args.rate,
                workers=args.workers, fresh=args.fresh)
    print(url.rsplit("@", 1)[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
