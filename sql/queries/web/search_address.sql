-- Addresses with a letter or two wrong (the pass run when no address holds every word typed), the map's and the
-- certificate's: each typed word stands for the known address words near it (landdb_near_words, migration 0100; a
-- house number as typed); the address texts holding one of them for every typed word come from the word index of
-- search_address_text (each folded text once, migration 0121) and must be close to the whole text typed (word
-- similarity ≥ %(similarity)s); then the parcels and certificates with the closest of those texts, by index
-- (parcel_address_folded, certificate_parcel_address_folded). The candidates only: web/address_ranking scores them.
with q as (
    select landdb_fold(%(q)s) as fq, landdb_near_words(%(q)s, 'address') as near
), close as (
    select t.folded, word_similarity(q.fq, t.folded) as similarity from search_address_text t, q
     where to_tsvector('simple'::regconfig, t.folded) @@ q.near
       and word_similarity(q.fq, t.folded) >= %(similarity)s
), map_hits as (   -- the rows of the closest texts first, until %(limit)s (all when a filter may drop some): the
                   -- ranking keeps the best %(limit)s, and every row of a text scores the same
    select p.id
      from (select * from close order by similarity desc, folded) c
     cross join lateral (select p.id from parcel p where landdb_fold(p.address) = c.folded) p
     order by c.similarity desc, c.folded
     limit case when %(commune)s::text is null and %(xmin)s::float8 is null then %(limit)s end
), certificate_hits as (
    select cp.id
      from (select * from close order by similarity desc, folded) c
     cross join lateral (select cp.id from certificate_parcel cp where landdb_fold(cp.address) = c.folded) cp
     order by c.similarity desc, c.folded
     limit case when %(commune)s::text is null and %(xmin)s::float8 is null then %(limit)s end
)
