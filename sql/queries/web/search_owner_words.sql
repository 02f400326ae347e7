-- Owners whose folded name holds every word typed, in any order (`hau pham`, `nguyen an`): GIN index
-- search_owner_name_words over the distinct names, then the owners of those names (index party_name). The candidates only: web/owner_ranking scores, ranks and joins them to their parcels.
with q as (
    select landdb_fold(%(q)s) as fq, regexp_split_to_array(landdb_fold(%(q)s), '\s+') as fwords,
           regexp_split_to_array(lower(%(q)s), '\s+') as lwords
), matched as (     -- the names holding every word (each printed name once, migration 0123), then their owners
    select pa.id, pa.name
      from search_owner_name n
      join party pa on pa.name = n.name, q
     where to_tsvector('simple'::regconfig, landdb_fold(n.name)) @@ plainto_tsquery('simple'::regconfig, q.fq)
)
