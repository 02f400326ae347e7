-- Old and new addresses (domain.md §6; landdb/addresses.py): the printed address stays where it is (parcel.address,
-- certificate_parcel.address); what former unit it names and which current unit that is now are kept here, with how
-- it was decided. The new units' boundaries, where an office has them, decide for wards divided in 2025.
-- depends: 0080_national_code

create table admin_unit_boundary (             -- today's units (after 1 Jul 2025)
    code    text primary key,                  -- mã ĐVHC
    name    text not null,
    geom    geometry(MultiPolygon, 4326) not null,
    source  text not null                      -- file and date the boundary came from
);
create index admin_unit_boundary_geom on admin_unit_boundary using gist (geom);

create table address_unit (
    id                    bigserial primary key,
    parcel_id             bigint references parcel (id) on delete cascade,
    certificate_parcel_id bigint references certificate_parcel (id) on delete cascade,
    printed               text not null,       -- the address exactly as printed (a copy, to see what was resolved)
    former_code           text,                -- the former ward/commune it names (before 1 Jul 2025)
    former_name           text,                -- e.g. 'Phường 5, Quận Gò Vấp'
    current_code          text,                -- today's unit, when decided
    current_name          text,
    status                text not null check (status in ('current', 'succeeded', 'split_resolved',
                                                           'needs_review', 'unknown')),
    reason                text,
    resolved_at           timestamptz not null default now(),
    check ((parcel_id is null) <> (certificate_parcel_id is null))
);
create unique index address_unit_parcel on address_unit (parcel_id) where parcel_id is not null;
create unique index address_unit_cert_parcel on address_unit (certificate_parcel_id)
    where certificate_parcel_id is not null;
create index address_unit_former on address_unit (former_code);
create index address_unit_current on address_unit (current_code);
create index address_unit_review on address_unit (status) where status in ('needs_review', 'unknown');
