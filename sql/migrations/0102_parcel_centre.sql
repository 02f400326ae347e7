-- The centre of each parcel's WGS 84 box, kept beside it (no geometry to read), for the overview tiles at district
-- zoom (sql/queries/web/tile_overview.sql): a z14 tile holds ~30,000 parcels of a dense ward, 1 MB and 0.5–1 s as
-- parcels; the overview counts them into cells from these two numbers through an index-only scan.
-- The box's centre, not a point on the surface: it never fails on an invalid polygon.
-- depends: 0101_auth_notify

alter table parcel
    add column centre_lon float8 generated always as ((st_xmin(geom_wgs84) + st_xmax(geom_wgs84)) / 2) stored,
    add column centre_lat float8 generated always as ((st_ymin(geom_wgs84) + st_ymax(geom_wgs84)) / 2) stored;

create index parcel_centre on parcel (centre_lat, centre_lon) include (id, land_use_code);
