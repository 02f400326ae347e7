-- cert_edge_mismatch: a printed edge length (Cạnh) that disagrees with the distance between the printed
-- coordinates of its two vertices by more than edge_tolerance_m plus the printed rounding (geo.tolerance). edge_m of a vertex is the edge to the next
-- vertex (the last one to the first); X is the northing, Y the easting.
with v as (
    select cv.certificate_id, cv.seq, cv.point, cv.x_northing, cv.y_easting, cv.edge_m,
           coalesce(lead(cv.point) over w, first_value(cv.point) over w) as next_point,
           coalesce(lead(cv.x_northing) over w, first_value(cv.x_northing) over w) as next_x,
           coalesce(lead(cv.y_easting) over w, first_value(cv.y_easting) over w) as next_y
      from certificate_vertex cv
     where %(commune)s::text is null   -- a commune's run: only its certificates' vertices, not the whole city's;
        -- an array (= any) the index finds, not a semi-join that filtered every vertex of the city (2.5M city: 5.9 s)
        or cv.certificate_id = any (array(select certificate_id from certificate_parcel
                                           where commune_code = %(commune)s))
    window w as (partition by cv.certificate_id order by cv.seq
                 rows between unbounded preceding and unbounded following)
), cp as (
    select distinct on (c.certificate_id) c.certificate_id, c.id, c.commune_code, c.sheet_no, c.parcel_no,
           c.parcel_id, c.native_srid
      from certificate_parcel c
     order by c.certificate_id, c.id
)
select case when cp.parcel_id is null then array[]::bigint[] else array[cp.parcel_id] end as parcel_ids,
       array[coalesce(nullif(trim(cp.sheet_no), ''), '?') || '/' || coalesce(nullif(trim(cp.parcel_no), ''), '?')]
           as parcel_keys,
       cp.commune_code, abs(d.computed - v.edge_m) as measure, %(edge_tolerance_m)s::float8 as threshold,
       'm' as unit,
       jsonb_build_object('certificate_id', v.certificate_id, 'from_point', v.point, 'to_point', v.next_point,
                          'printed_m', v.edge_m, 'computed_m', round(d.computed::numeric, 3)) as details,
       case when cp.native_srid is not null then
            st_setsrid(st_makeline(st_makepoint(v.y_easting, v.x_northing), st_makepoint(v.next_y, v.next_x)),
                       cp.native_srid) end as geom,
       'cert:' || v.certificate_id || ':' || v.point as spot
  from v
  join cp on cp.certificate_id = v.certificate_id
 cross join lateral (select sqrt((v.next_x - v.x_northing) ^ 2 + (v.next_y - v.y_easting) ^ 2) as computed) as d
 where v.edge_m is not null and v.next_x is not null and v.x_northing is not null
   and (%(commune)s::text is null or cp.commune_code = %(commune)s)
   and abs(d.computed - v.edge_m) > %(edge_tolerance_m)s::float8 + %(printed_rounding_m)s::float8 + 1e-9
