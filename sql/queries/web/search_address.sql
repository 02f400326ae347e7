-- Addresses: the map's and the certificate's, folded, by word similarity (GIN indexes parcel_address_trgm and
-- certificate_parcel_address_trgm). Scored a little below an owner name of the same similarity.
with q as (select landdb_fold(%(q)s) as fq)
(select p.id as parcel_id, null::bigint as cert_parcel_id,
        0.9 * word_similarity(q.fq, landdb_fold(p.address)) as score, 'address (map)' as reason,
        p.address as matched
   from parcel p, q
  where q.fq <%% landdb_fold(p.address)
    and (%(commune)s::text is null or p.commune_code = %(commune)s)
    and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
  order by score desc
  limit %(limit)s)
union all
(select cp.parcel_id, case when cp.parcel_id is null then cp.id end,
        0.95 * word_similarity(q.fq, landdb_fold(cp.address)), 'address (certificate)', cp.address
   from certificate_parcel cp
   join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
   left join parcel p on p.id = cp.parcel_id, q
  where q.fq <%% landdb_fold(cp.address)
    and (%(commune)s::text is null or coalesce(p.commune_code, cp.commune_code) = %(commune)s)
    and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
  order by 3 desc
  limit %(limit)s)
