-- out_of_zone: coordinates outside the plausible range of the parcel's zone (the zone_ranges parameter,
-- geo.tolerance), unless they fit with X and Y swapped (then xy_swapped reports them).
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       greatest(z.min_easting - b.x0, b.x1 - z.max_easting, z.min_northing - b.y0, b.y1 - z.max_northing, 0)
           as measure, 0::float8 as threshold, 'm' as unit,
       jsonb_build_object('srid', w.native_srid, 'min_easting', b.x0, 'max_easting', b.x1,
                          'min_northing', b.y0, 'max_northing', b.y1,
                          'range', jsonb_build_array(z.min_easting, z.max_easting, z.min_northing, z.max_northing))
           as details,
       st_envelope(w.geom_raw) as geom, '' as spot
  from {parcels} w
  join lateral (select (r.value ->> 0)::float8 as min_easting, (r.value ->> 1)::float8 as max_easting,
                       (r.value ->> 2)::float8 as min_northing, (r.value ->> 3)::float8 as max_northing
                  from jsonb_each(%(zone_ranges)s::jsonb) as r
                 where r.key = w.native_srid::text) as z on true
 cross join lateral (select st_xmin(w.geom_raw) as x0, st_xmax(w.geom_raw) as x1,
                            st_ymin(w.geom_raw) as y0, st_ymax(w.geom_raw) as y1) as b
 where w.geom_raw is not null and not st_isempty(w.geom_raw)
   and not (b.x0 >= z.min_easting and b.x1 <= z.max_easting and b.y0 >= z.min_northing and b.y1 <= z.max_northing)
   and not (b.x0 >= z.min_northing and b.x1 <= z.max_northing and b.y0 >= z.min_easting and b.y1 <= z.max_easting)
