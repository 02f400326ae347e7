-- overlap: two parcels whose interiors share more than overlap_min_area_m2 (spatial-index self-join;
-- for polygons "intersects and not touches" means the interiors share an area).
-- A parcel measured on its repaired copy (invalid geometry) gets one finding instead of one per pair (its own
-- geometry is the cause, fixed in one place): the area its repaired copy shares with valid parcels, naming
-- them, and the other invalid parcels whose repaired copies it overlaps (named, not measured: two broken
-- outlines give no meaningful area, and measuring them is what makes a broken map slow).
with pairs as (
    select a.id as a_id, a.pkey as a_key, a.repaired as a_repaired, a.geom as a_geom,
           b.id as b_id, b.pkey as b_key, b.repaired as b_repaired, b.geom as b_geom, a.commune_code
      from {parcels} a
      join {parcels} b
        on a.id < b.id and a.native_srid = b.native_srid and a.geom && b.geom
     where st_intersects(a.geom, b.geom) and not st_touches(a.geom, b.geom)
), clean as (
    select p.*, x.g, st_area(x.g) as area
      from pairs p
     cross join lateral (select st_collectionextract(st_intersection(p.a_geom, p.b_geom), 3) as g) as x
     where not p.a_repaired and not p.b_repaired
), by_repaired as (
    select a_id as r_id, a_key as r_key, a_geom as r_geom, b_id as o_id, b_key as o_key, b_geom as o_geom,
           b_repaired as o_repaired, commune_code
      from pairs where a_repaired
    union all
    select b_id, b_key, b_geom, a_id, a_key, a_geom, a_repaired, commune_code
      from pairs where b_repaired
), grouped as (
    select r.r_id, r.r_key, r.commune_code, r.r_geom,
           array_agg(r.o_id order by r.o_repaired, r.o_key) as o_ids,
           array_agg(r.o_key order by r.o_repaired, r.o_key) as o_keys,
           coalesce(array_agg(r.o_key order by r.o_key) filter (where not r.o_repaired), array[]::text[]) as valid_keys,
           coalesce(array_agg(r.o_key order by r.o_key) filter (where r.o_repaired), array[]::text[]) as invalid_keys,
           st_collectionextract(st_intersection(r.r_geom, st_union(r.o_geom) filter (where not r.o_repaired)), 3)
               as g
      from by_repaired r
     group by r.r_id, r.r_key, r.r_geom, r.commune_code
)
select array[c.a_id, c.b_id] as parcel_ids, array[c.a_key, c.b_key] as parcel_keys, c.commune_code,
       c.area as measure, %(overlap_min_area_m2)s::float8 as threshold, 'm²' as unit,
       jsonb_build_object('pairs', 1) as details, c.g as geom, '' as spot
  from clean c
 where c.area > %(overlap_min_area_m2)s
union all
select array[g.r_id] || g.o_ids, array[g.r_key] || g.o_keys, g.commune_code,
       case when cardinality(g.valid_keys) > 0 then coalesce(st_area(g.g), 0) end,
       case when cardinality(g.valid_keys) > 0 then %(overlap_min_area_m2)s::float8 end, 'm²',
       jsonb_build_object('repaired_parcel', g.r_key, 'valid_neighbours', g.valid_keys,
                          'invalid_neighbours', g.invalid_keys), coalesce(g.g, g.r_geom), 'repaired'
  from grouped g
 where coalesce(st_area(g.g), 0) > %(overlap_min_area_m2)s or cardinality(g.invalid_keys) > 0
