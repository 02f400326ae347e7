-- Parcels by key (sheet / parcel number; the commune when given): map parcels, then certificates not on the map.
-- Each candidate reading of the query comes with its own score (e.g. `345 12`: thửa 345 tờ 12 before tờ 345 thửa 12);
-- web.search._key makes one or two, read here as two rows of VALUES rather than an unnest of the arrays: the planner
-- then expects a row or two whatever the arrays hold, so the app's prepared statement settles on one generic plan
-- instead of being planned again for every search (docs/search.md, "Session 7").
-- The hits only: web/search_hit_rows follows them (the best of them with their result rows, one statement).
-- Uses parcel_sheet_parcel / certificate_parcel_sheet_parcel (0041_web_search).
with k as (
    select *
      from (values ((%(sheets)s::text[])[1], (%(parcels)s::text[])[1], (%(scores)s::float8[])[1]),
                   ((%(sheets)s::text[])[2], (%(parcels)s::text[])[2], (%(scores)s::float8[])[2])
           ) as k(sheet_no, parcel_no, score)
     where k.sheet_no is not null
), hits as (
    select p.id as parcel_id, null::bigint as cert_parcel_id, k.score, 'parcel key' as reason,
           'tờ ' || p.sheet_no || ' thửa ' || p.parcel_no as matched
      from k
      join parcel p on p.sheet_no = k.sheet_no and p.parcel_no = k.parcel_no
     where (%(commune)s::text is null or p.commune_code = %(commune)s)
       and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
    union all
    select null, cp.id, k.score * 0.9, 'parcel key (certificate, not on the map)',
           'tờ ' || cp.sheet_no || ' thửa ' || cp.parcel_no
      from k
      join certificate_parcel cp on cp.sheet_no = k.sheet_no and cp.parcel_no = k.parcel_no
      join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
     where cp.parcel_id is null
       and (%(commune)s::text is null or cp.commune_code = %(commune)s)
       and %(xmin)s::float8 is null
)
