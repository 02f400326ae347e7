-- One vector tile of the public parcel layer (no personal data): geometry, key, land use and QA status.
-- The parcels come through parcel_geom_wgs84 (GiST); the open findings on them through their ids (z ≥ 17) or the
-- zoom-14 tiles of their centres (z15–16: qa_finding_open_overview_tiles, migration 0122; a street tile's parcels
-- have their centres in one to four zoom-14 tiles), grouped once per tile — not every open finding of the city (at
-- 2.5 M parcels with 117,535 findings that grouping alone made a street tile 440 ms), nor a GIN probe per parcel id
-- on the thousands of parcels of a z15 tile (`parcel_ids &&` their ids: 238 ms at 100,000 parcels).
-- Geometries are placed in the tile from their WGS 84 copy against the tile's WGS 84 envelope: within one tile
-- (zoom ≥ 10) Web Mercator's y is linear in latitude to under one unit of the 4096-unit grid, and it saves a
-- reprojection per parcel (a third of the tile's time).
with bounds as (
    select st_transform(st_tileenvelope(%(z)s, %(x)s, %(y)s), 4326) as env
), here as (
    select p.id, p.sheet_no, p.parcel_no, p.commune_code, p.land_use_code, p.geom_wgs84, p.centre_lon, p.centre_lat
      from bounds b
      join parcel p on p.geom_wgs84 && b.env
), findings as (  -- the open findings on the tile's parcels (web/tile_findings_*, one per zoom band, so that each
    {findings}      -- band's prepared statement has a generic plan of its own)
), qa as (
    select fp.parcel_id,
           max(case f.severity when 'error' then 3 when 'warning' then 2 else 1 end) as worst
      from findings f
      cross join lateral unnest(f.parcel_ids) as fp(parcel_id)
     group by fp.parcel_id
), mvt as (
    select p.id, p.sheet_no || '/' || p.parcel_no as key, p.commune_code as commune,
           coalesce(p.land_use_code, '') as land_use,
           case qa.worst when 3 then 'error' when 2 then 'warning' when 1 then 'info' else 'ok' end as qa,
           st_asmvtgeom(p.geom_wgs84, b.env, 4096, 64, true) as geom
      from bounds b
      cross join here p
      left join qa on qa.parcel_id = p.id
)
select st_asmvt(mvt.*, 'parcels', 4096, 'geom') as tile from mvt where mvt.geom is not null
