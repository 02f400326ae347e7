-- Where a certificate lies: its printed parcel, its polygon and the linked map parcel (WGS 84 for the map).
select cp.id as certificate_parcel_id, cp.version as link_version, cp.commune_code, cp.sheet_no, cp.parcel_no,
       cp.area_m2, cp.parcel_id, cp.link_status, cp.link_measures, cp.link_reviewed_by, cp.link_reviewed_at,
       coalesce(cp.commune_code, p.commune_code) as commune,
       st_asgeojson(st_transform(cp.geom, 4326), 7)::jsonb as certificate_geometry,
       p.sheet_no as map_sheet_no, p.parcel_no as map_parcel_no, p.geom_area_m2 as map_area_m2,
       array[st_xmin(b), st_ymin(b), st_xmax(b), st_ymax(b)] as bbox
  from certificate_parcel cp
  left join parcel p on p.id = cp.parcel_id
  cross join lateral (select st_extent(g)::box2d as b
                        from (values (p.geom_wgs84), (st_transform(cp.geom, 4326))) v (g)) e
 where cp.certificate_id = %(id)s
 order by cp.id
 limit 1
