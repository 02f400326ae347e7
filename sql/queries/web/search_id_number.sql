-- Owners by ID number (CCCD 12 digits, CMND 9): exact, through party_id_number. A map parcel's hit comes with its
-- result row (the columns of web_search_parcel_row, migration 0126), as the parcel key's does (search_key.sql): an
-- ID search is this one statement, kept by the app as one generic plan; a certificate's hit has its row read by
-- search_certificate_rows.sql.
with hits as (
    select cp.parcel_id, case when cp.parcel_id is null then cp.id end as cert_parcel_id, 2.0::float8 as score,
           'ID number' as reason, coalesce(pa.id_type || ' ', '') || pa.id_number || ' · ' || pa.name as matched
      from party pa
      join land_right r on r.party_id = pa.id
      join certificate c on c.id = r.certificate_id and c.status not in ('superseded', 'rejected')
      join certificate_parcel cp on cp.certificate_id = c.id
      left join parcel p on p.id = cp.parcel_id
     where pa.id_number = %(id_number)s
       and (%(commune)s::text is null or coalesce(p.commune_code, cp.commune_code) = %(commune)s)
       and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
)
select h.parcel_id, h.cert_parcel_id, h.score, h.reason, h.matched,
       r.commune_code, r.sheet_no, r.parcel_no, r.address, r.area_m2, r.map_area_m2, r.land_uses, r.owners,
       r.certificate_serials, r.national_code, r.open_findings, r.bbox
  from hits h
  left join web_search_parcel_row r on r.parcel_id = h.parcel_id
