-- One row per holder per certificate parcel of the current certificates (neither superseded nor rejected), of one
-- (former) commune or all: what the VBDLIS workbook is filled from (landdb/export/vbdlis.py). `owner_seq` is the
-- holder's position on the certificate (the record's owners.N), land uses in printed order; `printed_owners` the
-- holders as this certificate prints them (a party shared by several certificates keeps the first one's title);
-- `address_*` how its printed address relates to today's unit (address_unit; null when never resolved).
select cp.id as cert_parcel_id, c.id as certificate_id, c.form, c.serial, c.register_no, c.issue_date,
       coalesce(cp.commune_code, p.commune_code) as commune_code, cp.sheet_no, cp.parcel_no, cp.address,
       cp.area_m2, cp.use_form, cp.term, cp.origin,
       cp.native_srid as cert_srid, st_asbinary(cp.geom) as cert_wkb,
       p.id as parcel_id, p.sheet_no as map_sheet_no, p.parcel_no as map_parcel_no, p.national_code,
       p.native_srid as map_srid, st_asbinary(p.geom) as map_wkb,
       d.path as scan_path, c.record -> 'owners' as printed_owners,
       au.id as address_id, au.status as address_status, au.current_code, au.reason as address_reason,
       pa.kind as party_kind, pa.title, pa.name, pa.birth_year, pa.id_type, pa.id_number, pa.address as party_address,
       (row_number() over (partition by cp.id order by r.id) - 1)::int as owner_seq,
       coalesce((select jsonb_agg(jsonb_build_object('code', lu.code, 'name', lu.raw_name, 'area_m2', lu.area_m2)
                                  order by lu.seq)
                   from certificate_land_use lu where lu.certificate_parcel_id = cp.id), '[]') as land_uses
  from certificate_parcel cp
  join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
  join source_document d on d.id = c.document_id
  left join parcel p on p.id = cp.parcel_id
  left join land_right r on r.certificate_parcel_id = cp.id and r.kind = 'land_use'
  left join party pa on pa.id = r.party_id
  left join address_unit au on au.certificate_parcel_id = cp.id
 where %(commune)s::text is null or coalesce(cp.commune_code, p.commune_code) = %(commune)s
 order by coalesce(cp.commune_code, p.commune_code), cp.sheet_no, cp.parcel_no, c.id, r.id
