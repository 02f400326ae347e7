-- Reference layers of a map (issue 18): the frame of each map sheet (from the map file's sheet layer, or a
-- georeferenced paper sheet's extent) in the sheet's native SRID, and the road and water features of a map file
-- (land-use codes DGT, DTL, SON, MNC) the QA rules check the parcels against. A sheet with no frame is not
-- checked (the rule says so), never given a guessed one.
-- depends: 0081_addresses
alter table map_sheet
    add column if not exists frame        geometry,
    add column if not exists frame_source text;
alter table map_sheet
    add constraint map_sheet_frame_srid check (frame is null or (srid is not null and st_srid(frame) = srid));

create table map_feature (                     -- a road or water feature of a map file (not a parcel)
    id             bigserial primary key,
    commune_code   text not null,
    land_use_code  text not null,              -- normalised (domain.md §2): DGT, DTL, SON, MNC …
    land_use_raw   text,
    name           text,
    native_srid    integer not null,
    geom           geometry not null,
    source         text not null,              -- 'file [layer]': a re-import replaces the features of its source
    source_feature text,
    attributes     jsonb not null default '{}',
    imported_at    timestamptz not null default now(),
    constraint map_feature_srid check (st_srid(geom) = native_srid)
);
create index map_feature_geom on map_feature using gist (geom);
create index map_feature_commune on map_feature (commune_code, source);
create trigger audit_map_feature after insert or update or delete on map_feature
    for each row execute function audit_row();
