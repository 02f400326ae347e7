-- Owners whose folded name holds every word typed, in any order (`hau pham`, `nguyen an`): GIN index
-- party_name_words. The candidates only: web/owner_ranking scores, ranks and joins them to their parcels.
with q as (
    select landdb_fold(%(q)s) as fq, regexp_split_to_array(landdb_fold(%(q)s), '\s+') as fwords,
           regexp_split_to_array(lower(%(q)s), '\s+') as lwords
), matched as (
    select pa.id, pa.name
      from party pa, q
     where to_tsvector('simple'::regconfig, landdb_fold(pa.name)) @@ plainto_tsquery('simple'::regconfig, q.fq)
)
