-- duplicate_vertex: two consecutive vertices of a ring (as drawn) closer than duplicate_vertex_m; one finding
-- per parcel, at the first such spot, with how many there are.
with pts as (
    select w.id, w.pkey, w.commune_code, d.path[1:array_length(d.path, 1) - 1] as ring,
           d.path[array_length(d.path, 1)] as i, d.geom as pt
      from {parcels} w
     cross join lateral st_dumppoints(w.geom_raw) as d
     where w.valid and st_dimension(w.geom_raw) = 2  -- an invalid ring is geometry_invalid's
), pairs as (
    select id, pkey, commune_code, ring, i, pt, lag(pt) over (partition by id, ring order by i) as prev
      from pts
), dups as (
    select id, pkey, commune_code, i, pt, st_distance(pt, prev) as gap,
           count(*) over (partition by id) as n, row_number() over (partition by id order by ring, i) as k
      from pairs
     where prev is not null and st_distance(pt, prev) <= %(duplicate_vertex_m)s::float8
)
select array[id] as parcel_ids, array[pkey] as parcel_keys, commune_code,
       gap as measure, %(duplicate_vertex_m)s::float8 as threshold, 'm' as unit,
       jsonb_build_object('count', n, 'easting', round(st_x(pt)::numeric, 3), 'northing', round(st_y(pt)::numeric, 3))
           as details,
       pt as geom, '' as spot
  from dups
 where k = 1
