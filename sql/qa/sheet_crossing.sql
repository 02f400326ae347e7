-- sheet_crossing: a parcel reaching outside the frame of its map sheet (map_sheet.frame, in the sheet's own SRID)
-- farther than the allowed point error of the sheet's scale (point_tolerance_m: a vertex rounded onto the frame
-- line is not a crossing): how far its farthest vertex lies beyond the frame, and the area outside. A sheet with
-- no frame, or a frame on another SRID than the parcel, is not checked here (sheet_crossing_coverage.sql).
with crossing as (
    select w.id, w.pkey, w.commune_code, w.sheet_no, ms.frame_source, d.g,
           (select t.value::float8
              from jsonb_each_text(%(point_tolerance_m)s::jsonb) as t
             order by (t.key::int < w.scale), abs(t.key::int - w.scale)
             limit 1) as tolerance,
           (select max(st_distance(p.geom, ms.frame)) from st_dumppoints(d.g) as p) as farthest
      from {parcels} w
      join map_sheet ms
        on ms.commune_code = w.commune_code and ms.sheet_no = w.sheet_no and ms.frame is not null
       and st_srid(ms.frame) = w.native_srid
     cross join lateral (select st_collectionextract(st_difference(w.geom, ms.frame), 3) as g) as d
     where w.geom is not null and not st_isempty(w.geom) and not st_coveredby(w.geom, ms.frame)
)
select array[c.id] as parcel_ids, array[c.pkey] as parcel_keys, c.commune_code,
       c.farthest as measure, c.tolerance as threshold, 'm' as unit,
       jsonb_build_object('sheet', c.sheet_no, 'outside_m2', round(st_area(c.g)::numeric, 2),
                          'frame_source', c.frame_source) as details,
       c.g as geom, '' as spot
  from crossing c
 where c.farthest > c.tolerance
