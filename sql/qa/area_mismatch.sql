-- area_mismatch: declared area P vs the geometry's area beyond ΔP = k · M · √P (domain.md §4).
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       abs(w.declared_area_m2 - st_area(w.geom)) as measure, t.tolerance as threshold, 'm²' as unit,
       jsonb_build_object('declared_m2', w.declared_area_m2, 'geometric_m2', round(st_area(w.geom)::numeric, 2),
                          'scale', w.scale, 'k', %(area_tolerance_k)s::float8) as details,
       w.geom, '' as spot
  from {parcels} w
 cross join lateral (select %(area_tolerance_k)s::float8 * w.scale * sqrt(w.declared_area_m2) as tolerance) as t
 where w.declared_area_m2 > 0
   and w.geom is not null and not st_isempty(w.geom)
   and abs(w.declared_area_m2 - st_area(w.geom)) > t.tolerance
