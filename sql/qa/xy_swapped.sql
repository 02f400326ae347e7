-- xy_swapped: coordinates that only fit the zone with X (northing) and Y (easting) swapped.
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       null::float8 as measure, null::float8 as threshold, null::text as unit,
       jsonb_build_object('srid', w.native_srid, 'x_min', b.x0, 'y_min', b.y0) as details,
       st_envelope(w.geom_raw) as geom, '' as spot
  from {parcels} w
  join lateral (select (r.value ->> 0)::float8 as min_easting, (r.value ->> 1)::float8 as max_easting,
                       (r.value ->> 2)::float8 as min_northing, (r.value ->> 3)::float8 as max_northing
                  from jsonb_each(%(zone_ranges)s::jsonb) as r
                 where r.key = w.native_srid::text) as z on true
 cross join lateral (select st_xmin(w.geom_raw) as x0, st_xmax(w.geom_raw) as x1,
                            st_ymin(w.geom_raw) as y0, st_ymax(w.geom_raw) as y1) as b
 where w.geom_raw is not null and not st_isempty(w.geom_raw)
   and b.x0 >= z.min_northing and b.x1 <= z.max_northing and b.y0 >= z.min_easting and b.y1 <= z.max_easting
