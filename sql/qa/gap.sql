-- gap: areas inside the map not covered by any parcel (holes of the union of all parcels, so the
-- outer boundary is never a gap), with area, width (diameter of the largest inscribed circle)
-- and the neighbouring parcels (sharing more than 5 cm of boundary with it, not just a corner).
with covered as (
    select w.commune_code, (st_dump(st_union(w.geom))).geom as g
      from {parcels} w
     where w.geom is not null and not st_isempty(w.geom)
     group by w.commune_code, w.native_srid
), holes as (
    select c.commune_code, st_makepolygon(st_interiorringn(c.g, n)) as h
      from covered c
     cross join lateral generate_series(1, st_numinteriorrings(c.g)) as n
), gaps as (
    select h.commune_code, (st_dump(coalesce(st_difference(h.h, isl.g), h.h))).geom as g
      from holes h
      left join lateral (
            select st_union(w.geom) as g
              from {parcels} w
             where w.geom && h.h and st_within(w.geom, h.h)) as isl on true
)
select coalesce(nb.ids, array[]::bigint[]) as parcel_ids, coalesce(nb.keys, array[]::text[]) as parcel_keys,
       g.commune_code, st_area(g.g) as measure, %(gap_min_area_m2)s::float8 as threshold, 'm²' as unit,
       jsonb_build_object('width_m', round((2 * (st_maximuminscribedcircle(g.g)).radius)::numeric, 3),
                          'perimeter_m', round(st_perimeter(g.g)::numeric, 2)) as details,
       g.g as geom, st_astext(st_snaptogrid(st_centroid(g.g), 1)) as spot
  from gaps g
  left join lateral (
        select array_agg(n.id order by n.pkey) as ids, array_agg(n.pkey order by n.pkey) as keys
          from (select w.id, w.pkey
                  from {parcels} w
                 where w.geom && st_expand(g.g, 0.01) and st_dwithin(w.geom, g.g, 0.01)
                   and st_length(st_intersection(st_boundary(w.geom), st_buffer(g.g, 0.01))) > 0.05
                 order by w.pkey
                 limit %(gap_neighbours_max)s) as n) as nb on true
 where st_area(g.g) > %(gap_min_area_m2)s
