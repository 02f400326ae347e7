-- Addresses holding every word typed (`25 pham van chieu`, `hem 294`), the map's and the certificate's: GIN
-- indexes parcel_address_words and certificate_parcel_address_words. Scored as search_address does.
with q as (select landdb_fold(%(q)s) as fq)
(select p.id as parcel_id, null::bigint as cert_parcel_id,
        0.9 * word_similarity(q.fq, landdb_fold(p.address)) as score, 'address (map)' as reason,
        p.address as matched
   from parcel p, q
  where to_tsvector('simple'::regconfig, landdb_fold(p.address)) @@ plainto_tsquery('simple'::regconfig, landdb_fold(%(q)s))
    and (%(commune)s::text is null or p.commune_code = %(commune)s)
    and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
  limit %(limit)s)
union all
(select cp.parcel_id, case when cp.parcel_id is null then cp.id end,
        0.95 * word_similarity(q.fq, landdb_fold(cp.address)), 'address (certificate)', cp.address
   from certificate_parcel cp
   join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
   left join parcel p on p.id = cp.parcel_id, q
  where to_tsvector('simple'::regconfig, landdb_fold(cp.address)) @@ plainto_tsquery('simple'::regconfig, landdb_fold(%(q)s))
    and (%(commune)s::text is null or coalesce(p.commune_code, cp.commune_code) = %(commune)s)
    and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
  limit %(limit)s)
