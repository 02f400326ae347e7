-- road_water_overlap: a parcel whose interior overlaps a road or water feature of its commune (map_feature:
-- a map file's feature layer, land-use codes road_water_land_uses) by more than road_water_overlap_min_area_m2.
-- Parcels that are roads or water themselves are not checked; features and parcels are compared only within one
-- SRID. One finding per parcel and feature; the spot names the feature so that it stays the same across runs.
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       x.area as measure, %(road_water_overlap_min_area_m2)s::float8 as threshold, 'm²' as unit,
       jsonb_build_object('feature_land_use', f.land_use_code, 'feature_name', f.name, 'feature_source', f.source,
                          'land_use', coalesce(w.land_use_code, w.land_use_raw)) as details,
       x.g as geom, f.land_use_code || ' ' || coalesce(f.name, f.source || '#' || f.source_feature) as spot
  from {parcels} w
  join map_feature f
    on f.commune_code = w.commune_code and f.native_srid = w.native_srid and f.geom && w.geom
 cross join lateral (select st_collectionextract(st_intersection(w.geom, f.geom), 3) as g) as i
 cross join lateral (select i.g as g, st_area(i.g) as area) as x
 where w.geom is not null and not st_isempty(w.geom)
   and not (upper(trim(coalesce(w.land_use_code, w.land_use_raw, ''))) = any(%(road_water_land_uses)s::text[]))
   and st_intersects(w.geom, f.geom) and not st_touches(w.geom, f.geom)
   and x.area > %(road_water_overlap_min_area_m2)s::float8
