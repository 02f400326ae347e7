-- split_merge_conservation: a split or merge (parcel_lineage event) must keep the outer boundary and the
-- total area: symmetric difference of before and after, relative to the area before, within the tolerance.
with sides as (
    select l.event, l.role, array_agg(w.id order by w.id) as ids, array_agg(w.pkey order by w.id) as keys,
           min(w.commune_code) as commune_code, st_union(w.geom) as g
      from parcel_lineage l
      join {parcels} w on w.id = l.parcel_id
     where w.geom is not null
     group by l.event, l.role
)
select b.ids || a.ids as parcel_ids, b.keys || a.keys as parcel_keys, b.commune_code,
       m.outline_rel as measure, %(split_merge_tolerance)s::float8 as threshold, 'ratio' as unit,
       jsonb_build_object('event', b.event, 'before', b.keys, 'after', a.keys,
                          'area_before_m2', round(st_area(b.g)::numeric, 2),
                          'area_after_m2', round(st_area(a.g)::numeric, 2),
                          'area_change_ratio', m.area_rel) as details,
       st_symdifference(b.g, a.g) as geom, 'event:' || b.event as spot
  from sides b
  join sides a on a.event = b.event and b.role = 'before' and a.role = 'after'
 cross join lateral (
       select abs(st_area(a.g) - st_area(b.g)) / nullif(st_area(b.g), 0) as area_rel,
              st_area(st_symdifference(a.g, b.g)) / nullif(st_area(b.g), 0) as outline_rel) as m
 where m.outline_rel > %(split_merge_tolerance)s or m.area_rel > %(split_merge_tolerance)s
