-- sheet_crossing: a parcel reaching outside the frame of its map sheet (map_sheet.frame, in the sheet's own SRID)
-- by more than sheet_crossing_min_area_m2: the part outside, its area and how far its farthest vertex lies from
-- the frame. A sheet with no frame, or a frame on another SRID than the parcel, is not checked here
-- (sheet_crossing_coverage.sql names those sheets).
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       x.area as measure, %(sheet_crossing_min_area_m2)s::float8 as threshold, 'm²' as unit,
       jsonb_build_object('sheet', w.sheet_no, 'outside_m2', round(x.area::numeric, 2),
                          'farthest_m', round(x.farthest::numeric, 2), 'frame_source', ms.frame_source) as details,
       d.g as geom, '' as spot
  from {parcels} w
  join map_sheet ms
    on ms.commune_code = w.commune_code and ms.sheet_no = w.sheet_no and ms.frame is not null
   and st_srid(ms.frame) = w.native_srid
 cross join lateral (select st_collectionextract(st_difference(w.geom, ms.frame), 3) as g) as d
 cross join lateral (select st_area(d.g) as area,
                            (select max(st_distance(p.geom, ms.frame)) from st_dumppoints(d.g) as p) as farthest)
       as x
 where w.geom is not null and not st_isempty(w.geom) and not st_coveredby(w.geom, ms.frame)
   and x.area > %(sheet_crossing_min_area_m2)s::float8
