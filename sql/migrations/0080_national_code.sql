-- The national parcel code (domain.md §4; computed in Python by geo/national_code.py): set as a map import inserts
-- or moves a parcel (from the codes the import staged for its features, so a bulk import writes no extra update),
-- kept while the geometry stays the same, and moved to history when it changes.
-- depends: 0050_review 0010_geo_import

create table parcel_national_code_history (
    id            bigserial primary key,
    parcel_id     bigint not null references parcel (id) on delete cascade,
    national_code text not null,
    old_geom      geometry,                          -- the geometry the code was computed from
    old_srid      integer not null,
    retired_at    timestamptz not null default now()
);
create index parcel_national_code_history_parcel on parcel_national_code_history (parcel_id);
create index parcel_national_code_history_code on parcel_national_code_history (national_code);

-- A changed geometry retires the code (unless the same statement sets a new one); a parcel without a code takes the
-- one staged for its exact geometry in this session's temp table national_code_stage (geo.national_code.stage_codes),
-- if there is one. Parcels written otherwise get theirs from geo.national_code.assign_codes.
create or replace function parcel_national_code() returns trigger
language plpgsql as
$$
begin
    if tg_op = 'UPDATE' and old.national_code is not null
       and st_asewkb(old.geom) is distinct from st_asewkb(new.geom)
       and new.national_code is not distinct from old.national_code then
        insert into parcel_national_code_history (parcel_id, national_code, old_geom, old_srid)
        values (old.id, old.national_code, old.geom, old.native_srid);
        new.national_code := null;
    end if;
    if new.national_code is null and new.geom is not null
       and to_regclass('pg_temp.national_code_stage') is not null then
        execute 'select code from pg_temp.national_code_stage where geom_key = $1'
           into new.national_code using md5(st_asewkb(new.geom));
    end if;
    return new;
end
$$;

create trigger parcel_national_code before insert or update of geom, native_srid on parcel
    for each row execute function parcel_national_code();
