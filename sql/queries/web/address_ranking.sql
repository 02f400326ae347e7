-- The ranking of addresses, after web/search_address_words or web/search_address (which define `q`, `map_hits` and
-- `certificate_hits`): word similarity of the folded text to the folded address, × %(map_weight)s for the map's address
-- and × %(certificate_weight)s for the certificate's (web.search.ADDRESS_WEIGHTS); superseded and rejected
-- certificates left out; the commune and box filters. The similarity is weighed once per address text.
, weighed as (     -- each address text once: a street's parcels share a few texts
    select a.address, word_similarity(q.fq, landdb_fold(a.address)) as similarity
      from (select p.address from map_hits h join parcel p on p.id = h.id
            union
            select cp.address from certificate_hits h join certificate_parcel cp on cp.id = h.id) a, q
)
(select p.id as parcel_id, null::bigint as cert_parcel_id,
        %(map_weight)s::float8 * s.similarity as score, 'address (map)' as reason, p.address as matched
   from map_hits h
   join parcel p on p.id = h.id
   join weighed s on s.address = p.address
  where (%(commune)s::text is null or p.commune_code = %(commune)s)
    and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
  order by score desc
  limit %(limit)s)
union all
(select cp.parcel_id, case when cp.parcel_id is null then cp.id end,
        %(certificate_weight)s::float8 * s.similarity, 'address (certificate)', cp.address
   from certificate_hits h
   join certificate_parcel cp on cp.id = h.id
   join weighed s on s.address = cp.address
   join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
   left join parcel p on p.id = cp.parcel_id
  where (%(commune)s::text is null or coalesce(p.commune_code, cp.commune_code) = %(commune)s)
    and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
  order by 3 desc
  limit %(limit)s)
