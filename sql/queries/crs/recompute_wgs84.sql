-- Recompute every parcel's WGS 84 copy with the pinned datum shift (migration 0090); only the parcels whose
-- copy changes are written (and audited, under the actor the caller set).
with fresh as (
    select id, st_transform(geom, 4326) as g
      from parcel
     where geom is not null
)
update parcel p
   set geom_wgs84 = f.g
  from fresh f
 where f.id = p.id and (p.geom_wgs84 is null or not st_orderingequals(p.geom_wgs84, f.g))
