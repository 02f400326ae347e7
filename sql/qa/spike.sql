-- spike: a vertex where the boundary turns back on itself, the angle between its two edges below
-- spike_angle_max_deg (degrees); one finding per parcel, at its sharpest vertex. Repeated vertices are
-- duplicate_vertex's, not spikes: their zero-length edges have no direction and are left out.
with pts as (
    select w.id, w.pkey, w.commune_code, d.path[1:array_length(d.path, 1) - 1] as ring,
           d.path[array_length(d.path, 1)] as i, d.geom as pt,
           count(*) over (partition by w.id, d.path[1:array_length(d.path, 1) - 1]) as n
      from {parcels} w
     cross join lateral st_dumppoints(st_removerepeatedpoints(w.geom_raw, %(duplicate_vertex_m)s::float8)) as d
     where w.valid and st_dimension(w.geom_raw) = 2  -- an invalid ring is geometry_invalid's
), ring as (
    select id, pkey, commune_code, pt,
           coalesce(lag(pt) over r, last_value(pt) over r) as prev,
           coalesce(lead(pt) over r, first_value(pt) over r) as nxt
      from pts
     where i < n  -- the closing vertex repeats the first
    window r as (partition by id, ring order by i rows between unbounded preceding and unbounded following)
), angles as (
    select id, pkey, commune_code, pt,
           degrees(least(a.turn, 2 * pi() - a.turn)) as angle
      from ring
     cross join lateral (select abs(st_azimuth(pt, prev) - st_azimuth(pt, nxt)) as turn) as a
     where a.turn is not null
)
select distinct on (id) array[id] as parcel_ids, array[pkey] as parcel_keys, commune_code,
       angle as measure, %(spike_angle_max_deg)s::float8 as threshold, '°' as unit,
       jsonb_build_object('easting', round(st_x(pt)::numeric, 3), 'northing', round(st_y(pt)::numeric, 3)) as details,
       pt as geom, '' as spot
  from angles
 where angle < %(spike_angle_max_deg)s::float8
 order by id, angle
