-- QA support (issue 6): finding scope and identity, scratch schema for checking files,
-- WKB parsing that reports instead of failing, plausible coordinate ranges per zone,
-- and the parcel lineage that split/merge conservation checks.
-- depends: 0003_vn2000_zones

alter table qa_finding
    add column commune_code text,
    add column severity     text,
    add column repaired     boolean not null default false,   -- measured on a repaired (ST_MakeValid) copy
    add column details      jsonb not null default '{}';
-- One finding per fingerprint: a re-run updates it instead of adding a duplicate.
create unique index qa_finding_fingerprint_unique on qa_finding (fingerprint);
create index qa_finding_scope on qa_finding (commune_code, rule_id, status);

-- Files checked with `landdb qa check` are loaded here, one table per check, dropped afterwards.
create schema if not exists qa_scratch;

-- A geometry from WKB, or null when PostGIS refuses it (the reason comes from qa_wkb_error).
create or replace function qa_geom_or_null(wkb bytea, srid integer) returns geometry
language plpgsql immutable parallel safe as
$$
begin
    return st_setsrid(st_geomfromwkb(wkb), srid);
exception when others then
    return null;
end
$$;

create or replace function qa_wkb_error(wkb bytea) returns text
language plpgsql immutable parallel safe as
$$
begin
    if wkb is null then
        return null;
    end if;
    perform st_geomfromwkb(wkb);
    return null;
exception when others then
    return sqlerrm;
end
$$;

-- Where coordinates of a zone can plausibly lie in Vietnam (domain.md §3). A TM-3 zone is used
-- for one (former) province around its own central meridian; UTM zones cover the whole country.
create table qa_zone_range (
    srid          integer primary key,
    min_easting   double precision not null,
    max_easting   double precision not null,
    min_northing  double precision not null,
    max_northing  double precision not null,
    note          text
);
insert into qa_zone_range (srid, min_easting, max_easting, min_northing, max_northing, note)
select srid, 250000, 750000, 900000, 2600000, 'VN-2000 TM-3: ±2.5° around the central meridian, 8°–23.5° N'
  from unnest(array[9205, 9206, 9207, 9208, 5897, 9209, 9210, 9211, 9212, 9213, 9214, 9215, 9216, 5899,
                    9217, 9218]) as srid;
insert into qa_zone_range (srid, min_easting, max_easting, min_northing, max_northing, note) values
    (3405, 150000, 850000, 900000, 2600000, 'VN-2000 UTM 48N'),
    (3406, 150000, 850000, 900000, 2600000, 'VN-2000 UTM 49N');

-- Biến động: the parcels before and after a split or merge (one event = one change).
create table parcel_lineage (
    id          bigserial primary key,
    event       text not null,                  -- e.g. the change record or dossier number
    role        text not null check (role in ('before', 'after')),
    parcel_id   bigint not null references parcel (id),
    created_at  timestamptz not null default now(),
    unique (event, role, parcel_id)
);
create index parcel_lineage_parcel on parcel_lineage (parcel_id);
