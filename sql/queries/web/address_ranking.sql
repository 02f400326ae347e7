-- The ranking of addresses, after web/search_address_words or web/search_address (which define `q`, `map_hits` and
-- `certificate_hits`): word similarity of the folded text to the folded address, × 0.9 for the map's address and
-- × 0.95 for the certificate's (a little below an owner name of the same similarity); superseded and rejected
-- certificates left out; the commune and box filters. The similarity is weighed once per address text.
-- %(floor)s: the score of the last hit of the page found by the readings before (null when the page is not full);
-- when neither weight reaches it no address can enter the page, and nothing is run (the one-time filters below:
-- an owner's name typed fills the page at ≥ 1.0; docs/search.md).
, weighed as (     -- each address text once: a street's parcels share a few texts
    select a.address, word_similarity(q.fq, landdb_fold(a.address)) as similarity
      from (select p.address from map_hits h join parcel p on p.id = h.id
            union
            select cp.address from certificate_hits h join certificate_parcel cp on cp.id = h.id) a, q
)
(select p.id as parcel_id, null::bigint as cert_parcel_id,
        0.9 * s.similarity as score, 'address (map)' as reason, p.address as matched
   from map_hits h
   join parcel p on p.id = h.id
   join weighed s on s.address = p.address
  where (%(floor)s::float8 is null or 0.9 >= %(floor)s)
    and (%(commune)s::text is null or p.commune_code = %(commune)s)
    and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
  order by score desc
  limit %(limit)s)
union all
(select cp.parcel_id, case when cp.parcel_id is null then cp.id end,
        0.95 * s.similarity, 'address (certificate)', cp.address
   from certificate_hits h
   join certificate_parcel cp on cp.id = h.id
   join weighed s on s.address = cp.address
   join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
   left join parcel p on p.id = cp.parcel_id
  where (%(floor)s::float8 is null or 0.95 >= %(floor)s)
    and (%(commune)s::text is null or coalesce(p.commune_code, cp.commune_code) = %(commune)s)
    and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
  order by 3 desc
  limit %(limit)s)
