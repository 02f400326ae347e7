"""The district-zoom overview reads parcel counts kept per square by triggers (migration 0120): after parcels are
added, moved, re-coded and deleted the counts are those of a count made from the parcels, and the tile shows it."""

from __future__ import annotations

import math

import psycopg
import pytest
from psycopg.rows import dict_row

from tests import web_support
from tests.web_support import make_client

pytestmark = [pytest.mark.db]

web_url = web_support.web_url   # the fixture

RECOUNT = """
    select k.cx >> 6 as tx, k.cy >> 6 as ty, k.cx, k.cy, coalesce(p.land_use_code, '') as land_use,
           count(*)::int as parcels
      from parcel p
      cross join lateral (select landdb_cell20_x(p.centre_lon) as cx, landdb_cell20_y(p.centre_lat) as cy) k
     where p.centre_lon is not null
     group by 1, 2, 3, 4, 5"""
KEPT = "select tx, ty, cx, cy, land_use, parcels from overview_cell where parcels <> 0"


def _kept_equals_recount(conn: psycopg.Connection) -> None:
    kept = {tuple(r.values()) for r in conn.execute(KEPT)}
    recount = {tuple(r.values()) for r in conn.execute(RECOUNT)}
    assert kept == recount, (sorted(kept - recount)[:5], sorted(recount - kept)[:5])


def _tile_at(lon: float, lat: float, z: int) -> tuple[int, int, int]:
    n = 2 ** z
    return z, int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)


def test_square_of_a_point_is_its_zoom_20_tile(web_url):
    """landdb_cell20_x/_y place a point in the web-mercator tile of zoom 20 that ST_TileEnvelope draws."""
    with psycopg.connect(web_url, row_factory=dict_row) as conn:
        for lon, lat in [(106.6297, 10.8231), (105.8342, 21.0278), (-0.1276, 51.5072)]:
            k = conn.execute("select landdb_cell20_x(%s) as cx, landdb_cell20_y(%s) as cy", (lon, lat)).fetchone()
            inside = conn.execute(
                "select st_contains(st_tileenvelope(20, %s, %s), "
                "st_transform(st_setsrid(st_point(%s, %s), 4326), 3857))",
                (k["cx"], k["cy"], lon, lat)).fetchone()["st_contains"]
            assert inside and (20, k["cx"], k["cy"]) == _tile_at(lon, lat, 20)


def test_counts_follow_inserts_moves_recodes_and_deletes(web_url):
    with psycopg.connect(web_url, row_factory=dict_row) as conn:
        _kept_equals_recount(conn)
        sheet2 = conn.execute("select count(*) as n from parcel where sheet_no = '2'").fetchone()["n"]
        assert sheet2 > 10
        with conn.transaction(force_rollback=True):
            # a whole sheet re-coded (an UPDATE of many rows in one statement)
            conn.execute("update parcel set land_use_code = 'SKC' where sheet_no = '2'")
            _kept_equals_recount(conn)
            assert conn.execute("select sum(parcels) as n from overview_cell where land_use = 'SKC'"
                                ).fetchone()["n"] == sheet2
            # parcels moved 2 km east (their squares change), a copy of one inserted, then one deleted
            conn.execute("update parcel set geom = st_translate(geom, 2000, 0) "
                         "where sheet_no = '2' and parcel_no < '3'")
            tmd = "select coalesce(sum(parcels), 0) as n from overview_cell where land_use = 'TMD'"
            before = conn.execute(tmd).fetchone()["n"]
            conn.execute("""insert into parcel (commune_code, sheet_no, parcel_no, native_srid, land_use_code, geom)
                            select commune_code, sheet_no, 'T-1', native_srid, 'TMD', st_translate(geom, 0, 3000)
                              from parcel where sheet_no = '2' order by id limit 1""")
            _kept_equals_recount(conn)
            assert conn.execute(tmd).fetchone()["n"] == before + 1
            conn.execute("delete from parcel where parcel_no = 'T-1'")
            _kept_equals_recount(conn)
            assert conn.execute(tmd).fetchone()["n"] == before
        _kept_equals_recount(conn)


def test_uncached_overview_tile_shows_an_edit(web_url):
    """A z14 tile made after a sheet is re-coded shows the new land use; made after the change is undone, not."""
    from web.tiles import OVERVIEW_MAX_ZOOM

    client = make_client(tile_cache_max_zoom=-1)
    with psycopg.connect(web_url, row_factory=dict_row) as conn:
        c = conn.execute("select centre_lon, centre_lat from parcel where sheet_no = '2' and parcel_no = '210'"
                         ).fetchone()
    z, x, y = _tile_at(c["centre_lon"], c["centre_lat"], OVERVIEW_MAX_ZOOM)
    before = client.get(f"/tiles/{z}/{x}/{y}.pbf").content
    assert b"ODT" in before and b"SKC" not in before
    with psycopg.connect(web_url) as conn:
        codes = conn.execute("select id, land_use_code from parcel where sheet_no = '2'").fetchall()
        conn.execute("update parcel set land_use_code = 'SKC' where sheet_no = '2'")
        conn.commit()
    try:
        assert b"SKC" in client.get(f"/tiles/{z}/{x}/{y}.pbf").content
    finally:
        with psycopg.connect(web_url) as conn, conn.cursor() as cur:
            cur.executemany("update parcel set land_use_code = %s where id = %s", [(c, i) for i, c in codes])
            conn.commit()
    assert client.get(f"/tiles/{z}/{x}/{y}.pbf").content == before


def test_tiles_keep_a_generic_plan_and_make_the_same_bytes(web_url):
    """From web.tiles.PREPARED_FROM_ZOOM on a tile's statement is prepared, and after five custom plans runs a
    generic one (web/tiles.py), making the same bytes as the statement psql is sent (its numbers written in); below
    it, an overview of 64+ zoom-14 tiles runs unprepared."""
    from web.tiles import MIN_ZOOM, PREPARED_FROM_ZOOM, parcel_tile, statement

    with psycopg.connect(web_url, row_factory=dict_row, autocommit=True) as conn:
        c = conn.execute("select centre_lon, centre_lat from parcel where sheet_no = '2' and parcel_no = '210'"
                         ).fetchone()
        for z in range(MIN_ZOOM, PREPARED_FROM_ZOOM):
            tiles = {parcel_tile(conn, *_tile_at(c["centre_lon"], c["centre_lat"], z)) for _ in range(7)}
            assert len(tiles) == 1 and len(tiles.pop()) > 0
        assert conn.execute("select count(*) as n from pg_prepared_statements").fetchone()["n"] == 0
        for z in range(PREPARED_FROM_ZOOM, 19):
            zxy = _tile_at(c["centre_lon"], c["centre_lat"], z)
            literal = psycopg.ClientCursor(conn).execute(*statement(*zxy), prepare=False).fetchone()["tile"]
            tiles = {parcel_tile(conn, *zxy) for _ in range(7)}
            assert tiles == {bytes(literal)} and len(literal) > 0, z
        plans = conn.execute("select sum(generic_plans) as generic, count(*) as n from pg_prepared_statements"
                             ).fetchone()
        assert plans["n"] >= 2 and plans["generic"] >= 7 * 2, plans    # each zoom's last two runs at least


def test_tiles_behind_a_pooler_run_with_literals(web_url):
    """On a connection that never prepares (the read pool behind pgbouncer, landdb/db.py) a tile's statement is sent
    with its numbers written in, as before tiles were prepared, not with bound parameters left unprepared."""
    from web.tiles import parcel_tile, statement

    with psycopg.connect(web_url, row_factory=dict_row, autocommit=True, prepare_threshold=None) as conn, \
            psycopg.connect(web_url, row_factory=dict_row, autocommit=True) as watch:
        c = conn.execute("select centre_lon, centre_lat from parcel where sheet_no = '2' and parcel_no = '210'"
                         ).fetchone()
        zxy = _tile_at(c["centre_lon"], c["centre_lat"], 18)
        literal = psycopg.ClientCursor(watch).execute(*statement(*zxy), prepare=False).fetchone()["tile"]
        assert {parcel_tile(conn, *zxy) for _ in range(7)} == {bytes(literal)}
        sent = watch.execute("select query from pg_stat_activity where pid = %s", (conn.info.backend_pid,)
                             ).fetchone()["query"]
        assert f"st_tileenvelope(18, {zxy[1]}" in sent and "$1" not in sent     # (the view keeps 1 KB of it)
        assert conn.execute("select count(*) as n from pg_prepared_statements").fetchone()["n"] == 0


def test_open_findings_follow_their_parcels_from_tile_to_tile(web_url):
    """A square shows the worst open finding among its parcels, and so does a parcel in a street tile; the tiles up
    to z16 find the findings by the zoom-14 tiles each keeps (migration 0122): written with the finding, moved with
    its parcel, equal to a recomputation; from z17 by the parcels' ids."""
    from web.tiles import OVERVIEW_MAX_ZOOM, parcel_tile

    def tile_at_zoom(conn, lon, lat, z) -> bytes:    # as the app makes it: street tiles prepared, on one connection
        return parcel_tile(conn, *_tile_at(lon, lat, z))

    class _Every:    # `b"error" in tile(...)`: in the overview and in the street tiles at z15, z16 and z18
        def __init__(self, tiles):
            self.tiles = tiles

        def __contains__(self, text):
            found = {text in t for t in self.tiles}
            assert len(found) == 1, "the overview and the street tiles disagree"
            return found.pop()

    def tile(conn, lon, lat):
        return _Every([tile_at_zoom(conn, lon, lat, z) for z in (OVERVIEW_MAX_ZOOM, 15, 16, 18)])

    with psycopg.connect(web_url, row_factory=dict_row) as conn, conn.transaction(force_rollback=True):
        conn.execute("update qa_finding set status = 'exception' where status = 'new'")   # a map with none open
        p = conn.execute("select id, centre_lon, centre_lat from parcel where sheet_no = '2' and parcel_no = '210'"
                         ).fetchone()
        assert b"error" not in tile(conn, p["centre_lon"], p["centre_lat"])
        run = conn.execute("select id from qa_run order by id limit 1").fetchone()["id"]
        conn.execute("insert into qa_finding (run_id, rule_id, fingerprint, parcel_ids, message, severity) "
                     "values (%s, 'spike', 'test-overview-tiles', array[%s]::bigint[], 'test', 'error')",
                     (run, p["id"]))
        assert b"error" in tile(conn, p["centre_lon"], p["centre_lat"])
        conn.execute("update parcel set geom = st_translate(geom, 5000, 0) where id = %s", (p["id"],))
        moved = conn.execute("select centre_lon, centre_lat from parcel where id = %s", (p["id"],)).fetchone()
        assert _tile_at(moved["centre_lon"], moved["centre_lat"], OVERVIEW_MAX_ZOOM) != \
            _tile_at(p["centre_lon"], p["centre_lat"], OVERVIEW_MAX_ZOOM)
        assert b"error" in tile(conn, moved["centre_lon"], moved["centre_lat"])
        assert b"error" not in tile(conn, p["centre_lon"], p["centre_lat"])
        stale = conn.execute("select count(*) as n from qa_finding "
                             "where overview_tiles <> landdb_overview_tiles(parcel_ids)").fetchone()["n"]
        assert stale == 0
