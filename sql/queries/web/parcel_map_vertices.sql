-- The map parcel's outer ring: each vertex (VN-2000 northing X, easting Y) and the edge to the next one.
with ring as (
    select (d).path[1] as seq, (d).geom as pt
      from (select st_dumppoints(st_exteriorring(st_geometryn(p.geom, 1))) as d
              from parcel p where p.id = %(id)s and p.geom is not null) s
)
select seq, round(st_y(pt)::numeric, 2) as x_northing, round(st_x(pt)::numeric, 2) as y_easting,
       round(st_distance(pt, lead(pt) over (order by seq))::numeric, 2) as edge_m
  from ring
 order by seq
