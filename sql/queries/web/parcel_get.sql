-- One map parcel as the parcel page shows it (geometry as GeoJSON in WGS 84 for the map).
select p.id, p.commune_code, au.name as commune_name, p.sheet_no, p.parcel_no, p.key_seq, p.address,
       p.declared_area_m2, p.legal_area_m2, round(p.geom_area_m2::numeric, 2) as map_area_m2,
       p.land_use_raw, p.land_use_code, p.national_code, p.native_srid, p.is_valid, p.version, p.updated_at,
       p.created_at, ad.former_name, ad.current_name, ad.status as address_status, ad.reason as address_reason,
       ms.scale as sheet_scale, mi.path as map_file, mi.imported_at as map_imported_at,
       st_asgeojson(p.geom_wgs84, 7)::jsonb as geometry,
       array[st_xmin(p.geom_wgs84), st_ymin(p.geom_wgs84), st_xmax(p.geom_wgs84), st_ymax(p.geom_wgs84)] as bbox
  from parcel p
  left join admin_unit au on au.code = p.commune_code
  left join map_sheet ms on ms.commune_code = p.commune_code and ms.sheet_no = p.sheet_no
  left join map_import mi on mi.id = p.map_import_id
  left join address_unit ad on ad.parcel_id = p.id                 -- old and new unit of the address (0081)
 where p.id = %(id)s
