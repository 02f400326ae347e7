-- Owners whose folded name holds every word typed, in any order (`hau pham`, `nguyen an`): GIN index
-- search_owner_name_words over the distinct names, each with its count of owners (migration 0124). The candidate
-- names only: web/owner_ranking scores and ranks them, then fetches the owners of the best and their parcels.
with q as (
    select landdb_fold(%(q)s) as fq, regexp_split_to_array(landdb_fold(%(q)s), '\s+') as fwords,
           regexp_split_to_array(lower(%(q)s), '\s+') as lwords
), matched as (     -- the names holding every word (each printed name once, migration 0123)
    select n.name, n.owners, n.folded, n.folded_words, n.words, n.pair_similarity
      from search_owner_name n, q
     where n.owners > 0
       and to_tsvector('simple'::regconfig, landdb_fold(n.name)) @@ plainto_tsquery('simple'::regconfig, q.fq)
)
