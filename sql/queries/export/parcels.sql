-- The parcels of an export, in the order asked: keys, areas, land use, certificate serials, and the outline as
-- WKB in the parcel's native VN-2000 zone (%(wgs84)s false) or in WGS 84 (true). No personal data here.
select p.id as parcel_id, p.commune_code, au.name as commune_name, p.sheet_no, p.parcel_no, p.address,
       p.land_use_code, p.land_use_raw, p.declared_area_m2 as area_m2, round(p.geom_area_m2::numeric, 2) as map_area_m2,
       p.national_code, p.native_srid,
       coalesce((select string_agg(distinct c.serial, '; ')
                   from certificate_parcel cp
                   join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
                  where cp.parcel_id = p.id and c.serial is not null), '') as certificate_serials,
       st_asbinary(case when %(wgs84)s then p.geom_wgs84 else p.geom end) as wkb
  from unnest(%(ids)s::bigint[]) with ordinality as wanted(id, ord)
  join parcel p on p.id = wanted.id
  left join admin_unit au on au.code = p.commune_code
 where p.geom is not null
 order by wanted.ord
