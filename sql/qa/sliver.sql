-- sliver: a small thin parcel, area / perimeter² below sliver_ratio_max (a square gives 1/16 = 0.0625,
-- a 1 × 80 m strip 0.003) and area below sliver_area_max_m2: long field strips of the delta are thin too,
-- but they are real parcels. Land that is long and narrow by nature (roads, canals, rivers: the
-- sliver_exempt_land_uses parameter) is not a sliver.
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       s.ratio as measure, %(sliver_ratio_max)s::float8 as threshold, 'A/P²' as unit,
       jsonb_build_object('area_m2', round(s.area::numeric, 2), 'perimeter_m', round(s.perimeter::numeric, 2))
           as details,
       w.geom, '' as spot
  from {parcels} w
 cross join lateral (select st_area(w.geom) as area, st_perimeter(w.geom) as perimeter,
                            st_area(w.geom) / nullif(st_perimeter(w.geom) ^ 2, 0) as ratio) as s
 where w.geom is not null and not st_isempty(w.geom)
   and s.ratio < %(sliver_ratio_max)s::float8 and s.area < %(sliver_area_max_m2)s::float8
   and not (upper(trim(coalesce(w.land_use_code, w.land_use_raw, ''))) = any(%(sliver_exempt_land_uses)s::text[]))
