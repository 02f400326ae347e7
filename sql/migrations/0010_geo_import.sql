-- Cadastral map import (issue 8): what each imported feature looked like (to tell a new version of a
-- sheet from the same one again), per-sheet content hashes, and the record of what changed per sheet.
-- depends: 0003_vn2000_zones

alter table parcel
    add column if not exists source_digest text,               -- sha256 of the feature (geometry + attributes)
    add column if not exists key_seq integer not null default 1; -- 2, 3 … for duplicate keys on one sheet (by feature order)
create index if not exists parcel_sheet_key on parcel (commune_code, sheet_no, parcel_no, key_seq);
create index if not exists parcel_map_import on parcel (map_import_id);

alter table map_sheet
    add column if not exists content_sha256 text,               -- hash over the sheet's feature digests
    add column if not exists map_import_id bigint references map_import (id);

alter table map_import
    add column if not exists report jsonb not null default '{}'; -- counts: features, invalid, skipped, sheets …

create table if not exists map_sheet_change (                   -- a new version of a sheet: what changed
    id             bigserial primary key,
    map_sheet_id   bigint not null references map_sheet (id) on delete cascade,
    map_import_id  bigint not null references map_import (id),
    from_version   integer,                                     -- null: the sheet is new
    to_version     integer not null,
    added          text[] not null default '{}',                -- parcel numbers ('12' or '12#2' for a duplicate)
    removed        text[] not null default '{}',
    changed        text[] not null default '{}',
    created_at     timestamptz not null default now()
);
create index if not exists map_sheet_change_sheet on map_sheet_change (map_sheet_id);

-- A repaired copy may sit beside the original (never replacing it): filled by QA or on request.
create table if not exists parcel_geom_repaired (
    parcel_id   bigint primary key references parcel (id) on delete cascade,
    geom        geometry not null,
    method      text not null,                                   -- e.g. 'ST_MakeValid(method=structure)'
    created_at  timestamptz not null default now()
);
