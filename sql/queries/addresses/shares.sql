-- For a parcel (map parcel, or a certificate's: its map parcel, else its own outline) and the new units a divided
-- former ward went to: whether each unit's boundary is known, and the share of the parcel's area inside it.
with g as (
    select coalesce(p.geom_wgs84, st_transform(cp.geom, 4326)) as geom
      from (select 1) one
      left join certificate_parcel cp on cp.id = %(certificate_parcel_id)s::bigint
      left join parcel p on p.id = coalesce(%(parcel_id)s::bigint, cp.parcel_id)
)
select c.code, b.geom is not null as has_boundary, g.geom is not null as has_geometry,
       case when b.geom is not null and g.geom is not null and st_area(g.geom::geography) > 0
            then st_area(st_intersection(b.geom, st_makevalid(g.geom))::geography) / st_area(g.geom::geography)
       end as share
  from unnest(%(codes)s::text[]) as c (code)
  left join admin_unit_boundary b on b.code = c.code
 cross join g
 order by c.code
