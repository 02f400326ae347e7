-- The map parcels of one (former) commune or all that no current certificate claims — neither linked to one nor
-- under the same commune, sheet and parcel: in the 2025 campaign these go to VBDLIS as dossiers
-- `CHUACOGIAY_{MA_XA}_{SO_TO}_{SO_THUA}` (landdb/export/vbdlis.py). `address_*` as in vbdlis/rows.
select p.id as parcel_id, p.commune_code, p.sheet_no, p.parcel_no, p.address, p.declared_area_m2,
       p.land_use_code, p.national_code, p.native_srid as map_srid, st_asbinary(p.geom) as map_wkb,
       au.id as address_id, au.status as address_status, au.current_code, au.reason as address_reason
  from parcel p
  left join address_unit au on au.parcel_id = p.id
 where (%(commune)s::text is null or p.commune_code = %(commune)s)
   and not exists (select 1 from certificate_parcel cp
                     join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
                    where cp.parcel_id = p.id
                       or (coalesce(cp.commune_code, p.commune_code) = p.commune_code
                           and cp.sheet_no = p.sheet_no and cp.parcel_no = p.parcel_no))
 order by p.commune_code, p.sheet_no, p.parcel_no, p.id
