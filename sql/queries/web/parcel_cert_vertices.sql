-- The printed coordinate tables with each printed edge beside the edge computed from the coordinates
-- (the last vertex closes the ring back to the first).
with v as (
    select v.*, lead(v.x_northing) over w as next_x, lead(v.y_easting) over w as next_y,
           first_value(v.x_northing) over w as first_x, first_value(v.y_easting) over w as first_y
      from certificate_vertex v
     where v.certificate_id = any(%(ids)s)
    window w as (partition by v.certificate_id order by v.seq)
)
select v.certificate_id, v.seq, v.point, v.x_northing, v.y_easting, v.edge_m as printed_edge_m,
       round(sqrt(power(coalesce(v.next_x, v.first_x) - v.x_northing, 2)
                + power(coalesce(v.next_y, v.first_y) - v.y_easting, 2))::numeric, 2) as computed_edge_m
  from v
 order by v.certificate_id, v.seq
