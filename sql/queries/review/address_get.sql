-- One address resolution for the review screen: the printed text, what the mapping said, and where it is printed.
select a.id, a.version, a.status, a.printed, a.former_code, a.former_name, a.current_code, a.current_name, a.reason,
       a.reviewed_by, a.reviewed_at, a.review_note, a.parcel_id as map_parcel_id, a.certificate_parcel_id,
       coalesce(a.parcel_id, cp.parcel_id) as parcel_id, c.id as certificate_id, c.serial, c.document_id,
       coalesce(p.commune_code, cp.commune_code, pc.commune_code) as commune,
       coalesce(p.sheet_no, cp.sheet_no) as sheet_no, coalesce(p.parcel_no, cp.parcel_no) as parcel_no
  from address_unit a
  left join parcel p on p.id = a.parcel_id
  left join certificate_parcel cp on cp.id = a.certificate_parcel_id
  left join certificate c on c.id = cp.certificate_id
  left join parcel pc on pc.id = cp.parcel_id
 where a.id = %(id)s
