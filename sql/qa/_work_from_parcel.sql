-- The working copy QA rules read: scope filter, validity, repaired polygonal geometry, map scale.
create temp table qa_work as
select p.id, p.commune_code, p.sheet_no, p.parcel_no,
       coalesce(nullif(trim(p.sheet_no), ''), '?') || '/' || coalesce(nullif(trim(p.parcel_no), ''), '?') as pkey,
       p.native_srid, p.geom as geom_raw, null::text as load_error,
       coalesce(st_isvalid(p.geom), false) as valid,
       case when p.geom is null or st_isempty(p.geom) then null
            when st_isvalid(p.geom) then st_collectionextract(p.geom, 3)
            else qa_repair(p.geom) end as geom,
       p.geom is not null and not st_isempty(p.geom) and not st_isvalid(p.geom) as repaired,
       p.declared_area_m2::float8 as declared_area_m2, p.land_use_raw, p.land_use_code,
       coalesce(ms.scale, %(default_map_scale)s) as scale
  from {source} p
  left join map_sheet ms on ms.commune_code = p.commune_code and ms.sheet_no = p.sheet_no
 where %(commune)s::text is null or p.commune_code = %(commune)s
