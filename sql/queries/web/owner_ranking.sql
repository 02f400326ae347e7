-- The ranking of owner names, after web/search_owner_words or web/search_owner (which define `q`, and `matched`:
-- the candidate names with their counts of owners, folded forms and words, migrations 0124-0125): score = word similarity of the folded text to the folded name
-- + 0.3 when every typed word is a whole word of the folded name + 0.2 when also with its diacritics; ties go to
-- the rarer name (fewer owners with the same folded name among the matches). The best names first, and only then
-- their owners (index party_name) and parcels (all names when a filter may drop some).
, names as (        -- each printed name once: a name scores the same for all who bear it
    select m.name, m.folded as fname, m.folded_words, m.words, m.owners, m.pair_similarity
      from matched m
), scored as (      -- word similarity costs ~8 µs a name (`nguyen van` holds 2,238 names at 2,500,000 parcels):
                    -- it is 1 for a name holding the folded text as whole words in a row, and kept with the name for
                    -- each pair of its words not side by side (migration 0130); computed for the other names only
    select n.name,
           case when strpos(' ' || n.fname || ' ', ' ' || q.fq || ' ') > 0 then 1::real
                when n.pair_similarity ? q.fq then (n.pair_similarity ->> q.fq)::real
                else word_similarity(q.fq, n.fname) end
           + case when q.fwords <@ n.folded_words then 0.3 else 0 end
           + case when q.lwords <@ n.words then 0.2 else 0 end as score,
           sum(n.owners) over (partition by n.fname collate "C") as same_name
      from names n, q
), hits as (        -- the best names, then their owners (at most %(limit)s either way)
    select s.name, s.ranked, pa.id
      from (select *, score - 0.001 * least(same_name, 50) as ranked from scored order by ranked desc
             limit case when %(commune)s::text is null and %(xmin)s::float8 is null then %(limit)s end) s
      join party pa on pa.name = s.name    -- the owners of the best names first: a common name's many owners
     order by s.ranked desc                -- are not all fetched to keep %(limit)s of them
     limit case when %(commune)s::text is null and %(xmin)s::float8 is null then %(limit)s end
)
select cp.parcel_id, case when cp.parcel_id is null then cp.id end as cert_parcel_id,
       h.ranked as score, 'owner name' as reason, h.name as matched
  from hits h
  join land_right r on r.party_id = h.id
  join certificate c on c.id = r.certificate_id and c.status not in ('superseded', 'rejected')
  join certificate_parcel cp on cp.certificate_id = c.id
  left join parcel p on p.id = cp.parcel_id
 where (%(commune)s::text is null or coalesce(p.commune_code, cp.commune_code) = %(commune)s)
   and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
 order by score desc
 limit %(limit)s
