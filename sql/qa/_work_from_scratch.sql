-- The working copy of a scratch table loaded from a file (see qa/scratch.py); same columns as
-- _work_from_parcel, plus the reason PostGIS refused a geometry (load_error).
create temp table qa_work as
select p.id, p.commune_code, p.sheet_no, p.parcel_no,
       coalesce(nullif(trim(p.sheet_no), ''), '?') || '/' || coalesce(nullif(trim(p.parcel_no), ''), '#' || p.source_feature) as pkey,
       p.native_srid, p.geom as geom_raw, p.load_error,
       coalesce(st_isvalid(p.geom), false) as valid,
       case when p.geom is null or st_isempty(p.geom) then null
            when st_isvalid(p.geom) then st_collectionextract(p.geom, 3)
            else qa_repair(p.geom) end as geom,
       p.geom is not null and not st_isempty(p.geom) and not st_isvalid(p.geom) as repaired,
       p.declared_area_m2::float8 as declared_area_m2, p.land_use_raw, null::text as land_use_code,
       %(default_map_scale)s::integer as scale
  from {source} p
 where %(commune)s::text is null or p.commune_code = %(commune)s
