-- Parcel counts of the district-zoom overview kept per square (sql/queries/web/tile_overview.sql), so a z14 tile
-- reads a few thousand counts instead of counting its 15,000–30,000 parcels on every request (119 ms in the plan
-- at 100,000 parcels, 287 ms p95 under load). A square of the finest overview (z14, 64 × 64 squares per tile) is
-- a web-mercator tile of zoom 20 (14 + 6); the squares of a coarser zoom are sums of these. Kept by statement
-- triggers on parcel (insert, update, delete, COPY included): a parcel counts in the square of its box centre
-- (centre_lon, centre_lat, migration 0102) under its land use.
-- depends: 0110_foreign_key_indexes

-- The column and row of the zoom-20 web-mercator tile (the tiling of ST_TileEnvelope) holding a point in WGS 84;
-- null for null. Scalar SQL functions, so the planner inlines them (a function scan per row cost 30 µs).
create function landdb_cell20_x(lon float8) returns int
language sql immutable parallel safe strict as $$ select floor((lon + 180) / 360 * 1048576)::int $$;
create function landdb_cell20_y(lat float8) returns int
language sql immutable parallel safe strict as $$
    select floor((1 - asinh(tan(radians(lat))) / pi()) / 2 * 1048576)::int
$$;

create table overview_cell (
    tx       int not null,        -- the zoom-14 tile holding the square (cx >> 6, cy >> 6): a tile's squares are
    ty       int not null,        -- one stretch of the primary key
    cx       int not null,        -- the square: zoom-20 tile
    cy       int not null,
    land_use text collate "C" not null,   -- '' for a parcel without a land-use code (byte order: sorts fast)
    parcels  int not null,        -- 0 once its last parcel has gone (the row is kept: no delete racing an insert)
    primary key (tx, ty, cx, cy, land_use)
);

insert into overview_cell (tx, ty, cx, cy, land_use, parcels)
select k.cx >> 6, k.cy >> 6, k.cx, k.cy, coalesce(p.land_use_code, ''), count(*)
  from parcel p
  cross join lateral (select landdb_cell20_x(p.centre_lon) as cx, landdb_cell20_y(p.centre_lat) as cy) k
 where p.centre_lon is not null
 group by 1, 2, 3, 4, 5;

-- The parcels that left a square (old rows) count -1, those that came (new rows) +1; an update that moves no
-- parcel and changes no land use nets to nothing and writes nothing. Rows in key order, so two loads meeting on
-- the same squares wait for each other instead of deadlocking. One statement for the three events; only the rows
-- it reads differ (a trigger sees only the transition tables of its event, hence the EXECUTE).
create function overview_cells_change() returns trigger
language plpgsql as $$
declare
    came constant text := 'select centre_lon, centre_lat, land_use_code, 1 as n from added';
    went constant text := 'select centre_lon, centre_lat, land_use_code, -1 as n from gone';
begin
    execute 'insert into overview_cell as o (tx, ty, cx, cy, land_use, parcels)
             select k.cx >> 6, k.cy >> 6, k.cx, k.cy, coalesce(d.land_use_code, ''''), sum(d.n)
               from (' || case tg_op when 'INSERT' then came when 'DELETE' then went
                                     else went || ' union all ' || came end || ') d
               cross join lateral (select landdb_cell20_x(d.centre_lon) as cx, landdb_cell20_y(d.centre_lat) as cy) k
              where d.centre_lon is not null
              group by 1, 2, 3, 4, 5
             having sum(d.n) <> 0
              order by 1, 2, 3, 4, 5
                 on conflict (tx, ty, cx, cy, land_use) do update set parcels = o.parcels + excluded.parcels';
    return null;
end $$;

create trigger overview_cells_insert after insert on parcel
    referencing new table as added for each statement execute function overview_cells_change();
create trigger overview_cells_update after update on parcel
    referencing old table as gone new table as added for each statement execute function overview_cells_change();
create trigger overview_cells_delete after delete on parcel
    referencing old table as gone for each statement execute function overview_cells_change();

-- planner statistics for the first tiles (autovacuum would take a while to gather them)
analyze overview_cell;
