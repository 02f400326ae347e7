-- land_use_code_unknown: a land-use value that is no code of the 2014 or 2024 catalogue (raw value kept).
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       null::float8 as measure, null::float8 as threshold, null::text as unit,
       jsonb_build_object('raw', w.land_use_raw) as details,
       coalesce(w.geom, w.geom_raw) as geom, w.land_use_raw as spot
  from {parcels} w
 where w.land_use_code is null
   and coalesce(trim(w.land_use_raw), '') <> ''
   and upper(trim(w.land_use_raw)) <> all (%(known_land_use_codes)s::text[])
