-- Schema v1 of the land database (docs/schema.md).
-- depends: 0001_extensions

-- Folding for searches without diacritics: 'Nguyễn Văn Ấn' -> 'nguyen van an'.
-- unaccent() is only STABLE; wrapping it with the dictionary named makes it safe to index.
create or replace function landdb_fold(txt text) returns text
language sql immutable parallel safe strict as
$$ select lower(replace(replace(public.unaccent('public.unaccent'::regdictionary, txt), 'Đ', 'D'), 'đ', 'd')) $$;

-- ---------------------------------------------------------------- audit
create table audit_log (
    id          bigserial primary key,
    at          timestamptz not null default now(),
    actor       text not null,
    action      text not null check (action in ('insert', 'update', 'delete')),
    table_name  text not null,
    row_id      bigint,
    before      jsonb,
    after       jsonb
);
create index audit_log_row on audit_log (table_name, row_id);
create index audit_log_at on audit_log (at);

create or replace function audit_log_is_append_only() returns trigger
language plpgsql as
$$ begin raise exception 'audit_log is append-only'; end $$;
create trigger audit_log_append_only before update or delete on audit_log
    for each statement execute function audit_log_is_append_only();

-- Records a write to an editable row. Updates and deletes are always recorded;
-- inserts when someone is named as actor (a person's or a job's transaction).
create or replace function audit_row() returns trigger
language plpgsql as
$$
declare
    who text := nullif(current_setting('landdb.actor', true), '');
begin
    if tg_op = 'INSERT' then
        if who is not null then
            insert into audit_log (actor, action, table_name, row_id, after)
            values (who, 'insert', tg_table_name, new.id, to_jsonb(new));
        end if;
        return new;
    elsif tg_op = 'UPDATE' then
        insert into audit_log (actor, action, table_name, row_id, before, after)
        values (coalesce(who, session_user), 'update', tg_table_name, new.id, to_jsonb(old), to_jsonb(new));
        return new;
    else
        insert into audit_log (actor, action, table_name, row_id, before)
        values (coalesce(who, session_user), 'delete', tg_table_name, old.id, to_jsonb(old));
        return old;
    end if;
end
$$;

-- ---------------------------------------------------------------- places
-- Administrative units, today's and former (before the 1 Jul 2025 mergers).
create table admin_unit (
    id               bigserial primary key,
    code             text not null unique,         -- official code (mã ĐVHC)
    name             text not null,
    level            text not null check (level in ('province', 'district', 'commune')),
    parent_code      text references admin_unit (code),
    is_current       boolean not null default true,
    former_province  text,                         -- province before the 2025 mergers
    vn2000_srid      integer,                      -- the TM-3 zone of that former province
    valid_from       date,
    valid_to         date,
    version          integer not null default 1,
    updated_at       timestamptz not null default now()
);

create table admin_unit_succession (          -- which former unit went (partly) into which new one
    former_code  text not null references admin_unit (code),
    current_code text not null references admin_unit (code),
    primary key (former_code, current_code)
);

create table map_sheet (
    id            bigserial primary key,
    commune_code  text not null,
    sheet_no      text not null,
    scale         integer,                         -- denominator M of 1:M
    srid          integer,
    source        text,
    version       integer not null default 1,
    updated_at    timestamptz not null default now(),
    unique (commune_code, sheet_no)
);

-- ---------------------------------------------------------------- sources
create table source_document (                -- LA_AdministrativeSource: one scanned file
    id          bigserial primary key,
    sha256      text not null unique,
    path        text not null,
    pages       integer,
    media_type  text,
    status      text not null default 'registered'
                check (status in ('registered', 'extracted', 'loaded', 'failed', 'superseded')),
    error       text,
    created_at  timestamptz not null default now(),
    version     integer not null default 1,
    updated_at  timestamptz not null default now()
);

create table map_import (                      -- LA_SpatialSource: one imported map file or layer
    id            bigserial primary key,
    path          text not null,
    layer         text,
    sha256        text not null,
    declared_srid integer,
    srid          integer not null,
    commune_code  text,
    feature_count integer,
    imported_at   timestamptz not null default now(),
    imported_by   text not null,
    unique (sha256, layer, srid, commune_code)
);

-- ---------------------------------------------------------------- parcels
-- LA_SpatialUnit. Natural key: (former commune, sheet, parcel). Not unique by
-- constraint: real maps carry duplicates, which QA reports (duplicate_key).
create table parcel (
    id                bigserial primary key,
    commune_code      text not null,
    sheet_no          text not null,
    parcel_no         text not null,
    native_srid       integer not null,            -- VN-2000 zone as surveyed (e.g. 9210)
    geom              geometry,                    -- exactly as surveyed, in native_srid
    geom_wgs84        geometry(Geometry, 4326),    -- copy for the web
    declared_area_m2  numeric(14, 2),
    legal_area_m2     numeric(14, 2),
    geom_area_m2      double precision generated always as (st_area(geom)) stored,
    address           text,
    land_use_raw      text,                        -- as printed / as in the map file
    land_use_code     text,                        -- normalized (domain.md §2)
    national_code     text,                        -- 12-char GeoHash (Thông tư 19/2026)
    map_import_id     bigint references map_import (id),
    source_feature    text,                        -- feature id in the imported file
    attributes        jsonb not null default '{}', -- raw attributes as imported
    is_valid          boolean,
    created_at        timestamptz not null default now(),
    version           integer not null default 1,
    updated_at        timestamptz not null default now(),
    constraint parcel_geom_srid check (geom is null or st_srid(geom) = native_srid)
);
-- The WGS 84 copy for the web always follows the surveyed geometry.
create or replace function parcel_sync_wgs84() returns trigger
language plpgsql as
$$
begin
    new.geom_wgs84 := case when new.geom is null then null else st_transform(new.geom, 4326) end;
    return new;
end
$$;
create trigger parcel_wgs84 before insert or update of geom on parcel
    for each row execute function parcel_sync_wgs84();

create index parcel_natural_key on parcel (commune_code, sheet_no, parcel_no);
create index parcel_geom on parcel using gist (geom);
create index parcel_geom_wgs84 on parcel using gist (geom_wgs84);
create index parcel_address_trgm on parcel using gin (landdb_fold(address) gin_trgm_ops);
create index parcel_national_code on parcel (national_code);

-- ---------------------------------------------------------------- parties
create table party (                           -- LA_Party / LA_GroupParty
    id          bigserial primary key,
    kind        text not null check (kind in ('person', 'household', 'organisation', 'couple')),
    title       text,                          -- Ông / Bà / Hộ ông / Hộ bà
    name        text not null,                 -- as printed, NFC
    birth_year  integer,
    id_type     text check (id_type in ('CCCD', 'CMND', 'CC')),
    id_number   text,
    address     text,
    created_at  timestamptz not null default now(),
    version     integer not null default 1,
    updated_at  timestamptz not null default now()
);
create index party_name_trgm on party using gin (landdb_fold(name) gin_trgm_ops);
create index party_address_trgm on party using gin (landdb_fold(address) gin_trgm_ops);
create index party_id_number on party (id_number);

-- ---------------------------------------------------------------- certificates
create table certificate (                     -- LA_BAUnit: one GCN as printed
    id                 bigserial primary key,
    document_id        bigint not null references source_document (id),
    form               text not null check (form in ('GCN-2014', 'GCN-2024')),
    serial             text,                   -- số phát hành
    register_no        text,                   -- số vào sổ cấp GCN
    issue_date         date,
    issuer             text,
    supersedes_id      bigint references certificate (id),  -- a re-scan (new hash) of the same GCN
    status             text not null default 'extracted'
                       check (status in ('extracted', 'in_review', 'accepted', 'rejected', 'superseded')),
    record             jsonb not null,         -- the full record (certificate.schema.json) as extracted
    created_at         timestamptz not null default now(),
    version            integer not null default 1,
    updated_at         timestamptz not null default now()
);
create index certificate_serial on certificate (serial);
create index certificate_register_no on certificate (register_no);
create index certificate_document on certificate (document_id);

create table certificate_parcel (              -- the parcel as printed on the certificate
    id                bigserial primary key,
    certificate_id    bigint not null references certificate (id) on delete cascade,
    commune_code      text,
    sheet_no          text,
    parcel_no         text,
    address           text,
    area_m2           numeric(14, 2),
    area_words        text,
    use_form          text,
    term              text,
    origin            text,
    native_srid       integer,
    geom              geometry,                -- polygon from the vertex table, native zone
    parcel_id         bigint references parcel (id),       -- link to the map parcel
    link_status       text check (link_status in ('matched', 'ambiguous', 'not_on_map', 'shape_disagrees')),
    link_measures     jsonb,
    version           integer not null default 1,
    updated_at        timestamptz not null default now()
);
create index certificate_parcel_key on certificate_parcel (commune_code, sheet_no, parcel_no);
create index certificate_parcel_cert on certificate_parcel (certificate_id);
create index certificate_parcel_geom on certificate_parcel using gist (geom);
create index certificate_parcel_address_trgm on certificate_parcel using gin (landdb_fold(address) gin_trgm_ops);

create table certificate_land_use (
    id                     bigserial primary key,
    certificate_parcel_id  bigint not null references certificate_parcel (id) on delete cascade,
    seq                    integer not null,
    code                   text not null,      -- normalized
    raw_name               text,               -- as printed
    area_m2                numeric(14, 2),
    unique (certificate_parcel_id, seq)
);

create table certificate_vertex (              -- LA_Point: the printed coordinate table
    id              bigserial primary key,
    certificate_id  bigint not null references certificate (id) on delete cascade,
    seq             integer not null,
    point           text not null,
    x_northing      double precision,
    y_easting       double precision,
    edge_m          double precision,
    unique (certificate_id, seq)
);

create table land_right (                      -- LA_RRR: certificate - parcel - party
    id              bigserial primary key,
    certificate_id  bigint not null references certificate (id) on delete cascade,
    certificate_parcel_id bigint references certificate_parcel (id) on delete cascade,
    party_id        bigint not null references party (id),
    kind            text not null default 'land_use'
                    check (kind in ('land_use', 'house_ownership', 'asset_ownership', 'mortgage')),
    share           text,
    version         integer not null default 1,
    updated_at      timestamptz not null default now()
);
create index land_right_party on land_right (party_id);
create index land_right_cert on land_right (certificate_id);

create table parcel_change (                   -- biến động: section IV / 6 of the certificate
    id              bigserial primary key,
    certificate_id  bigint not null references certificate (id) on delete cascade,
    seq             integer not null,
    text            text not null,
    change_date     date,
    kind            text,                      -- transfer, mortgage, correction, split, merge …
    unique (certificate_id, seq)
);

create table extracted_field (                 -- every value read, with its provenance
    id              bigserial primary key,
    document_id     bigint not null references source_document (id) on delete cascade,
    certificate_id  bigint references certificate (id) on delete cascade,
    field           text not null,             -- dotted path, e.g. parcel.area_m2
    value           text,
    raw_text        text,
    confidence      real check (confidence between 0 and 1),
    page            integer,
    bbox            integer[4],                -- x, y, w, h in page pixels
    engine          text,
    flagged         boolean not null default false,
    flag_reason     text,
    unique (document_id, field)
);
create index extracted_field_flagged on extracted_field (certificate_id) where flagged;

-- ---------------------------------------------------------------- QA
create table qa_rule (
    id              text primary key,
    severity        text not null check (severity in ('error', 'warning', 'info')),
    description_vi  text not null,
    description_en  text not null,
    parameters      jsonb not null default '{}'
);

create table qa_run (
    id                bigserial primary key,
    started_at        timestamptz not null default now(),
    finished_at       timestamptz,
    rules             text[] not null,
    parameters        jsonb not null default '{}',
    software_version  text not null,
    scope             jsonb not null default '{}',
    run_by            text not null
);

create table qa_finding (
    id                bigserial primary key,
    run_id            bigint not null references qa_run (id),
    rule_id           text not null references qa_rule (id),
    fingerprint       text not null,           -- stable identity across runs (rule + keys + spot)
    parcel_keys       text[] not null default '{}',
    parcel_ids        bigint[] not null default '{}',
    certificate_id    bigint references certificate (id),
    measure           double precision,
    threshold         double precision,
    unit              text,
    message           text not null,
    geom              geometry,
    status            text not null default 'new' check (status in ('new', 'fixed', 'exception', 'verified')),
    status_reason     text,
    status_by         text,
    status_at         timestamptz,
    last_seen_run_id  bigint references qa_run (id),
    version           integer not null default 1,
    updated_at        timestamptz not null default now()
);
create index qa_finding_rule on qa_finding (rule_id, status);
create index qa_finding_fingerprint on qa_finding (fingerprint);
create index qa_finding_geom on qa_finding using gist (geom);

-- ---------------------------------------------------------------- review
create table review_task (
    id              bigserial primary key,
    kind            text not null check (kind in ('field', 'finding', 'document')),
    document_id     bigint references source_document (id),
    certificate_id  bigint references certificate (id),
    field           text,
    finding_id      bigint references qa_finding (id),
    reason          text not null,
    status          text not null default 'open' check (status in ('open', 'accepted', 'fixed', 'rejected')),
    assigned_to     text,
    resolved_by     text,
    resolved_at     timestamptz,
    created_at      timestamptz not null default now(),
    version         integer not null default 1,
    updated_at      timestamptz not null default now()
);
create index review_task_open on review_task (status, kind);

-- ---------------------------------------------------------------- audit triggers
create trigger audit_admin_unit after insert or update or delete on admin_unit for each row execute function audit_row();
create trigger audit_map_sheet after insert or update or delete on map_sheet for each row execute function audit_row();
create trigger audit_source_document after insert or update or delete on source_document for each row execute function audit_row();
create trigger audit_parcel after insert or update or delete on parcel for each row execute function audit_row();
create trigger audit_party after insert or update or delete on party for each row execute function audit_row();
create trigger audit_certificate after insert or update or delete on certificate for each row execute function audit_row();
create trigger audit_certificate_parcel after insert or update or delete on certificate_parcel for each row execute function audit_row();
create trigger audit_land_right after insert or update or delete on land_right for each row execute function audit_row();
create trigger audit_qa_finding after insert or update or delete on qa_finding for each row execute function audit_row();
create trigger audit_review_task after insert or update or delete on review_task for each row execute function audit_row();
