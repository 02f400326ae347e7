-- The ranking of owner names, after web/search_owner_words or web/search_owner (which define `q` and `matched`):
-- score = word similarity of the folded text to the folded name + 0.3 when every typed word is a whole word of the
-- folded name + 0.2 when also with its diacritics; ties go to the rarer name (fewer owners with the same folded
-- name among the matches). The best names first, then their parcels (all names when a filter may drop some).
, scored as (
    select m.id, m.name,
           word_similarity(q.fq, landdb_fold(m.name))
           + case when q.fwords <@ regexp_split_to_array(landdb_fold(m.name), '\s+') then 0.3 else 0 end
           + case when q.lwords <@ regexp_split_to_array(lower(m.name), '\s+') then 0.2 else 0 end as score,
           count(*) over (partition by landdb_fold(m.name)) as same_name
      from matched m, q
), hits as (
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
