-- When a commune's digitisation is closed (every certificate of it scanned and loaded): from then on a map
-- parcel with no current certificate is worth a look (QA rule parcel_without_certificate, informational).
-- depends: 0060_zone_ranges_as_parameters
create table commune_digitisation (
    id            bigserial primary key,
    commune_code  text not null unique,
    closed_at     timestamptz not null default now(),
    closed_by     text not null,
    version       integer not null default 1,
    updated_at    timestamptz not null default now()
);
create trigger audit_commune_digitisation after insert or update or delete on commune_digitisation
    for each row execute function audit_row();
