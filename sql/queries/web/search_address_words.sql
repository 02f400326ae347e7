-- Addresses holding every word typed (`25 pham van chieu`, `hem 294`), the map's and the certificate's, best first:
-- the folded address texts holding every word come from their word index, each text once (search_address_text_words,
-- migration 0121: 61,187 texts for 2,500,000 parcels), weighed once each (word similarity to the text typed); then
-- the rows bearing the best texts, by index (parcel_address_folded, certificate_parcel_address_folded), until
-- %(limit)s of each (all of them when a filter may drop some). The word indexes of every row cost 25–50 ms at
-- 2,500,000 parcels for a common street word (`nguyen`, `phuong`) even when nothing held every word, and handed
-- on the first rows in table order, not the best (docs/search.md). The candidates only: web/address_ranking scores
-- and filters them.
with q as (
    select landdb_fold(%(q)s) as fq, plainto_tsquery('simple'::regconfig, landdb_fold(%(q)s)) as tsq
), texts as (
    select t.folded, word_similarity(q.fq, t.folded) as similarity
      from search_address_text t, q
     where to_tsvector('simple'::regconfig, t.folded) @@ q.tsq
), map_hits as (
    select p.id
      from (select * from texts order by similarity desc, folded) t    -- rows of the best texts first
     cross join lateral (select p.id from parcel p where landdb_fold(p.address) = t.folded) p
     order by t.similarity desc, t.folded
     limit case when %(commune)s::text is null and %(xmin)s::float8 is null then %(limit)s end
), certificate_hits as (
    select cp.id
      from (select * from texts order by similarity desc, folded) t
     cross join lateral (select cp.id from certificate_parcel cp where landdb_fold(cp.address) = t.folded) cp
     order by t.similarity desc, t.folded
     limit case when %(commune)s::text is null and %(xmin)s::float8 is null then %(limit)s end
)
