-- geometry_invalid: GEOS's reason and location (ST_IsValidDetail), or why PostGIS could not read it.
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       null::float8 as measure, null::float8 as threshold, null::text as unit,
       jsonb_build_object('reason', coalesce(w.load_error, d.reason), 'unreadable', w.load_error is not null,
                          'x', st_x(d.location), 'y', st_y(d.location),
                          'repair_failed', w.load_error is null and w.geom is null) as details,
       coalesce(d.location, w.geom_raw) as geom,
       coalesce(w.load_error, d.reason) as spot
  from (select * from {parcels} p
         where p.load_error is not null or (p.geom_raw is not null and not p.valid)) as w
  left join lateral st_isvaliddetail(w.geom_raw) as d on true
