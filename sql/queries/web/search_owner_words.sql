-- Owners whose folded name holds every word typed, in any order (`hau pham`, `nguyen an`): GIN index
-- party_name_words. Scored as search_owner does; the rarer name (fewer parties with the same folded name among the
-- hits) first on ties.
with q as (
    select landdb_fold(%(q)s) as fq,
           regexp_split_to_array(lower(%(q)s), '\s+') as lwords
), scored as (
    select pa.id, pa.name,
           word_similarity(q.fq, landdb_fold(pa.name)) + 0.3
           + case when q.lwords <@ regexp_split_to_array(lower(pa.name), '\s+') then 0.2 else 0 end as score,
           count(*) over (partition by landdb_fold(pa.name)) as same_name
      from party pa, q
     where to_tsvector('simple'::regconfig, landdb_fold(pa.name)) @@ plainto_tsquery('simple'::regconfig, landdb_fold(%(q)s))
), hits as (   -- the best names first, before their parcels are joined (all of them when a filter may drop some)
    select * from scored order by score - 0.001 * least(same_name, 50) desc
     limit case when %(commune)s::text is null and %(xmin)s::float8 is null then %(limit)s end
)
select cp.parcel_id, case when cp.parcel_id is null then cp.id end as cert_parcel_id,
       h.score - 0.001 * least(h.same_name, 50) as score, 'owner name' as reason, h.name as matched
  from hits h
  join land_right r on r.party_id = h.id
  join certificate c on c.id = r.certificate_id and c.status not in ('superseded', 'rejected')
  join certificate_parcel cp on cp.certificate_id = c.id
  left join parcel p on p.id = cp.parcel_id
 where (%(commune)s::text is null or coalesce(p.commune_code, cp.commune_code) = %(commune)s)
   and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
 order by score desc
 limit %(limit)s
