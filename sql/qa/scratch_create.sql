-- A scratch table for a file being checked (qa/scratch.py): parcel-like columns, the WKB as read,
-- and the reason PostGIS refused a geometry.
create table {table} (
    id                bigint primary key,
    commune_code      text,
    sheet_no          text,
    parcel_no         text,
    native_srid       integer not null,
    declared_area_m2  numeric(14, 2),
    land_use_raw      text,
    source_feature    text,
    wkb               bytea,
    geom              geometry,
    load_error        text
)
