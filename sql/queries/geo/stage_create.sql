-- The features of one map file, as read (geo.importer); dropped at the end of the import transaction.
create temp table geo_stage (
    fid               text,
    commune_code      text not null,
    sheet_no          text not null,
    parcel_no         text not null,
    key_seq           integer not null,
    declared_area_m2  double precision,
    legal_area_m2     double precision,
    address           text,
    land_use_raw      text,
    land_use_code     text,
    attributes        jsonb not null,
    wkb               bytea,
    is_valid          boolean,
    digest            text not null
) on commit drop
