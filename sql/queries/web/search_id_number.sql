-- Owners by ID number (CCCD 12 digits, CMND 9): exact, through party_id_number. The hits only: web/search_hit_rows
-- follows them (the best of them with their result rows: an ID search is one statement, kept as one generic plan).
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
