-- Addresses with a letter or two wrong (the pass run when no address holds every word typed), the map's and the
-- certificate's: each typed word stands for the known address words near it (landdb_near_words, migration 0100; a
-- house number as typed), the addresses holding one of them for every typed word come from the word indexes
-- parcel_address_words and certificate_parcel_address_words, and must be close to the whole text typed (word
-- similarity ≥ %(similarity)s, weighed once per address text). The candidates only: web/address_ranking scores them.
with q as (
    select landdb_fold(%(q)s) as fq, landdb_near_words(%(q)s, 'address') as near
), near_map as (     -- offset 0: the similarity is computed on these rows only
    select p.id, p.address from parcel p, q
     where to_tsvector('simple'::regconfig, landdb_fold(p.address)) @@ q.near
    offset 0
), near_certificate as (
    select cp.id, cp.address from certificate_parcel cp, q
     where to_tsvector('simple'::regconfig, landdb_fold(cp.address)) @@ q.near
    offset 0
), close as (       -- each address text once (a street's parcels share a few texts): similar enough to the text typed
    select a.address
      from (select address from near_map union select address from near_certificate) a, q
     where word_similarity(q.fq, landdb_fold(a.address)) >= %(similarity)s
), map_hits as (
    select n.id from near_map n join close c on c.address = n.address
), certificate_hits as (
    select n.id from near_certificate n join close c on c.address = n.address
)
