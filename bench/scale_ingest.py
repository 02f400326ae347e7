"""Ingest of certificate records on the database side (OCR excluded): ``landdb.loader.load_document`` — one
transaction per document, as ``landdb build`` loads them — into the synthetic city, against a bare ``COPY`` of the
same rows into the same tables. Records are made from lots of one more commune of the city's layout (owners,
vertex table, land use, 18 field readings each, 5 % of them flagged for review); both sides are removed again
afterwards, so the city stays as built."""

from __future__ import annotations

import datetime as dt
import math
import random
import time
import uuid
from pathlib import Path

from bench.city import SRID, TABLES, _Rows
from bench.city_layout import commune_lots
from landdb.models import CertificateRecord, LandUse, Owner, Parcel, Vertex
from landdb.settings import Settings
from landdb.sql import composed, query
from ocr.result import FieldReading

COMMUNE = "99002"
FIELDS = ("serial", "register_no", "issue_date", "issuer", "owner_name", "owner_birth_year", "owner_id_number",
          "owner_address", "parcel_no", "sheet_no", "address", "area_m2", "area_words", "use_form", "land_use",
          "term", "origin", "vertices")


def _records(count: int, seed: int) -> list[tuple[CertificateRecord, list[FieldReading]]]:
    from sample_scans.people import DISTRICTS, make_owner

    rng = random.Random(seed)
    streets = DISTRICTS["Gò Vấp"]["streets"]
    out = []
    for lot in commune_lots(rng, 0, 1, count * 2, streets, 0.0):
        if lot.kind != "lot":
            continue
        issued = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(7900))
        owners = [make_owner(rng, issued, rng.random() < 0.45)]
        ring = lot.ring[:-1]
        nexts = ring[1:] + ring[:1]
        vertices = [Vertex(point=str(i + 1), x=round(n, 2), y=round(e, 2), edge_m=round(math.hypot(ne - e, nn - n), 2))
                    for i, ((e, n), (ne, nn)) in enumerate(zip(ring, nexts, strict=True))]
        area = round(lot.area(), 1)
        record = CertificateRecord(
            form="GCN-2024" if issued >= dt.date(2024, 8, 1) else "GCN-2014",
            serial=f"{''.join(rng.choice('ABCDEGHKLMNPSTUVX') for _ in range(2))} {rng.randrange(10**7):07d}",
            register_no=f"CS{rng.randrange(10**6):06d}", issue_date=issued,
            issuer="SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG THÀNH PHỐ HỒ CHÍ MINH",
            owners=[Owner.model_validate(o.model_dump()) for o in owners],
            parcel=Parcel(parcel_no=str(lot.parcel_no), sheet_no=str(lot.sheet), address=f"{lot.house} {lot.street}",
                          area_m2=area, land_uses=[LandUse(code="ODT", name="Đất ở tại đô thị", area_m2=area)]),
            vertices=vertices)
        fields = [FieldReading(field=f, value="…", raw_text="…", confidence=0.97, page=1 + (i > 8),
                               bbox=(10 * i, 20 * i, 200, 30), flagged=rng.random() < 0.05 and i < 12,
                               flag_reason="low confidence") for i, f in enumerate(FIELDS)]
        out.append((record, fields))
        if len(out) == count:
            break
    return out


def _bare_rows(records, ids: dict[str, int], tag: str) -> _Rows:
    """The rows load_document writes for the same records, for COPY (explicit ids past the sequences)."""
    rows = _Rows()
    for i, (record, fields) in enumerate(records):
        cid = ids["certificate"] + i
        rows.add("source_document", cid, f"{tag}-copy-{i}", f"bench-ingest/{i}.pdf", 2, "application/pdf", "loaded")
        rows.add("certificate", cid, cid, record.form, record.serial, record.register_no,
                 record.issue_date.isoformat(), record.issuer, "extracted", record.model_dump_json())
        p = record.parcel
        ring = [(v.y, v.x) for v in record.vertices] + [(record.vertices[0].y, record.vertices[0].x)]
        rows.add("certificate_parcel", cid, cid, COMMUNE, p.sheet_no, p.parcel_no, p.address, p.area_m2, SRID,
                 f"SRID={SRID};POLYGON((" + ",".join(f"{e} {n}" for e, n in ring) + "))", None, None)
        rows.add("certificate_land_use", cid, 1, "ODT", p.land_uses[0].name, p.area_m2)
        for seq, v in enumerate(record.vertices, start=1):
            rows.add("certificate_vertex", cid, seq, v.point, v.x, v.y, v.edge_m)
        for o in record.owners:
            pid = ids["party"] = ids["party"] + 1
            rows.add("party", pid, "person", o.title, o.name, o.birth_year, o.id_type, o.id_number, o.address)
            rows.add("land_right", cid, cid, pid)
        for f in fields:
            rows.add("extracted_field", cid, cid, f.field, f.value, f.raw_text, f.confidence, f.page,
                     "{" + ",".join(map(str, f.bbox)) + "}", f.engine, f.flagged, f.flag_reason)
    return rows


def measure(url: str, count: int = 300, seed: int = 77) -> dict:
    from landdb.db import connect
    from landdb.loader import load_document

    records = _records(count, seed)
    tag = f"bench-ingest-{uuid.uuid4().hex[:8]}"
    with connect(Settings(database_url=url), autocommit=True) as conn:
        started = time.perf_counter()
        for i, (record, fields) in enumerate(records):
            load_document(conn, path=Path(f"bench-ingest/{i}.pdf"), sha256=f"{tag}-{i}", record=record,
                          fields=fields, pages=2, actor="bench", commune_code=COMMUNE, srid=SRID,
                          media_type="application/pdf")
        loader_s = time.perf_counter() - started
        ids = conn.execute(query("bench/ingest_next_ids")).fetchone()
        rows = _bare_rows(records, {"certificate": ids["certificate"], "party": ids["party"]}, tag)
        started = time.perf_counter()
        with conn.transaction():
            rows.copy(conn, TABLES + ["extracted_field"])
        copy_s = time.perf_counter() - started
        for table in ("source_document", "certificate", "certificate_parcel", "party"):
            conn.execute(composed("bench/city_set_sequences", table=table), {"table": table})
        with conn.transaction():
            conn.execute(query("audit/set_actor"), ("bench",))
            parties = [r["party_id"] for r in conn.execute(query("bench/ingest_parties"), {"tag": f"{tag}-%"})]
            conn.execute(query("bench/ingest_cleanup"), {"tag": f"{tag}-%"})
            conn.execute(query("bench/ingest_party_cleanup"), {"ids": parties})
    return {"records": count, "loader_s": loader_s, "copy_s": copy_s, "rows": sum(len(v) for v in rows.lines.values())}


def rows(result: dict) -> list[tuple[str, float, float, str]]:
    n = result["records"]
    return [(f"ingest {n} certificate records (loader, 1 tx each)", result["loader_s"], result["copy_s"],
             f"{n / result['loader_s']:.0f} records/s; COPY {n / result['copy_s']:.0f} records/s "
             f"({result['rows']} rows)")]
