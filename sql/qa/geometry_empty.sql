-- geometry_empty: a parcel without a geometry, or with an empty one.
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       null::float8 as measure, null::float8 as threshold, null::text as unit,
       jsonb_build_object('missing', w.geom_raw is null) as details,
       null::geometry as geom, '' as spot
  from {parcels} w
 where w.load_error is null
   and (w.geom_raw is null or st_isempty(w.geom_raw))
