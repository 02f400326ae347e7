-- The national parcel code (domain.md §4; geo/national_code.py computes it in Python): kept while the geometry
-- stays the same, emptied and moved to history when it changes (geo.national_code.assign_codes fills it again).
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

create or replace function parcel_national_code_retire() returns trigger
language plpgsql as
$$
begin
    if old.national_code is not null
       and st_asewkb(old.geom) is distinct from st_asewkb(new.geom)
       and new.national_code is not distinct from old.national_code then
        insert into parcel_national_code_history (parcel_id, national_code, old_geom, old_srid)
        values (old.id, old.national_code, old.geom, old.native_srid);
        new.national_code := null;
    end if;
    return new;
end
$$;

create trigger parcel_national_code_retire before update of geom, native_srid on parcel
    for each row execute function parcel_national_code_retire();
