-- Every certificate parcel in scope with its candidate map parcels (same natural key, or overlapping
-- in the same zone), the measures of each pair and the area printed on the certificate. Invalid map
-- geometries are measured through ST_MakeValid (the stored geometry stays as it is). A certificate
-- parcel without candidates comes back once with parcel_id null. Geometries are compared only within
-- one zone: a pair on two SRIDs (or a boundary without a CRS, SRID 0) is returned unmeasured, with both
-- SRIDs, never reprojected.
with cps as (
    select cp.id, cp.commune_code, cp.sheet_no, cp.parcel_no, cp.geom, cp.area_m2
    from certificate_parcel cp
    where %(commune)s::text is null or cp.commune_code = %(commune)s
),
pairs as (
    select cp_id, parcel_id, bool_or(how = 'key') as by_key, bool_or(how = 'geom') as by_geom
    from (
        select c.id as cp_id, p.id as parcel_id, 'key' as how
        from cps c
        join parcel p on p.commune_code = c.commune_code and p.sheet_no = c.sheet_no and p.parcel_no = c.parcel_no
        union all
        select c.id, p.id, 'geom'
        from cps c
        join parcel p on c.geom is not null and st_srid(p.geom) = st_srid(c.geom) and p.geom && c.geom
                     and st_intersects(p.geom, c.geom)
    ) u
    group by cp_id, parcel_id
)
select c.id as cp_id, pr.parcel_id, coalesce(pr.by_key, false) as by_key, coalesce(pr.by_geom, false) as by_geom,
       p.is_valid as map_valid, st_srid(c.geom) <> p.native_srid as srid_differs, s.scale,
       st_srid(c.geom) as cert_srid, p.native_srid as map_srid,
       case when g.a is not null and g.b is not null
            then st_area(st_intersection(g.a, g.b)) / nullif(st_area(st_union(g.a, g.b)), 0) end as overlap,
       case when g.a is not null and g.b is not null then st_hausdorffdistance(g.a, g.b) end as hausdorff,
       st_area(g.a) as cert_area, st_area(g.b) as map_area, c.area_m2::float8 as printed_area
from cps c
left join pairs pr on pr.cp_id = c.id
left join parcel p on p.id = pr.parcel_id
left join map_sheet s on s.commune_code = p.commune_code and s.sheet_no = p.sheet_no
cross join lateral (
    select case when c.geom is null or p.geom is null or st_srid(c.geom) <> st_srid(p.geom) then null
                else c.geom end as a,
           case when p.geom is null then null when st_isvalid(p.geom) then p.geom
                else st_makevalid(p.geom) end as b
) g
order by c.id, pr.parcel_id
