-- cert_map_area: area printed on the certificate vs the linked map parcel, beyond ΔP = k · M · √P.
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       abs(cp.area_m2::float8 - st_area(w.geom)) as measure, t.tolerance as threshold, 'm²' as unit,
       jsonb_build_object('certificate_id', cp.certificate_id, 'certificate_parcel_id', cp.id,
                          'certificate_area_m2', cp.area_m2, 'map_area_m2', round(st_area(w.geom)::numeric, 2),
                          'scale', w.scale) as details,
       w.geom, 'cp:' || cp.id as spot
  from certificate_parcel cp
  join {parcels} w on w.id = cp.parcel_id
 cross join lateral (select %(area_tolerance_k)s::float8 * w.scale * sqrt(cp.area_m2::float8) as tolerance) as t
 where cp.area_m2 > 0
   and w.geom is not null and not st_isempty(w.geom)
   and abs(cp.area_m2::float8 - st_area(w.geom)) > t.tolerance
