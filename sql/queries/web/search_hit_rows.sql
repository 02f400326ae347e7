-- The best hits of a parcel-key or ID search with their result rows, after web/search_key or web/search_id_number
-- (which define `hits`): a map parcel's hit with the columns of web_search_parcel_row (migration 0126), so that such
-- a search is one statement; a certificate's hit (rare) has its row read by search_certificate_rows.sql. Rows for a
-- page's worth of hits only: a key typed without its commune is on a sheet of every commune (168 hits at 2.5M).
, best as (
    select * from hits order by score desc, parcel_id, cert_parcel_id limit %(limit)s
)
select h.parcel_id, h.cert_parcel_id, h.score, h.reason, h.matched,
       r.commune_code, r.sheet_no, r.parcel_no, r.address, r.area_m2, r.map_area_m2, r.land_uses, r.owners,
       r.certificate_serials, r.national_code, r.open_findings, r.bbox
  from best h
  left join web_search_parcel_row r on r.parcel_id = h.parcel_id
 order by h.score desc, h.parcel_id, h.cert_parcel_id
