-- Addresses with a letter or two wrong (the pass run when no address holds every word typed), the map's and the
-- certificate's: each typed word stands for the known address words near it (landdb_near_words, migration 0100; a
-- house number as typed); the address texts holding one of them for every typed word come from the word index of
-- search_address_text (each folded text once, migration 0121) and must be close to the whole text typed (word
-- similarity ≥ %(similarity)s); then the parcels and certificates with those texts, by index
-- (parcel_address_folded, certificate_parcel_address_folded). The candidates only: web/address_ranking scores them.
with q as (
    select landdb_fold(%(q)s) as fq, landdb_near_words(%(q)s, 'address') as near
), close as (
    select t.folded from search_address_text t, q
     where to_tsvector('simple'::regconfig, t.folded) @@ q.near
       and word_similarity(q.fq, t.folded) >= %(similarity)s
), map_hits as (
    select p.id from close c join parcel p on landdb_fold(p.address) = c.folded
), certificate_hits as (
    select cp.id from close c join certificate_parcel cp on landdb_fold(cp.address) = c.folded
)
