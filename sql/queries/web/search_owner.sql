-- Owners by name with a letter or two wrong (the pass run when no name holds every word typed): each typed word
-- stands for the known words of owners' names near it (landdb_near_words, migration 0100), the names holding one
-- of them for every typed word come from the word index of the distinct names (search_owner_name_words), and must be close to the whole text
-- typed (word similarity ≥ %(similarity)s: a filter on these few rows, no index). The candidate names only:
-- web/owner_ranking scores and ranks them, then fetches the owners of the best.
with q as (
    select landdb_fold(%(q)s) as fq, regexp_split_to_array(landdb_fold(%(q)s), '\s+') as fwords,
           regexp_split_to_array(lower(%(q)s), '\s+') as lwords, landdb_near_words(%(q)s, 'name') as near
), near as (       -- each printed name once (migration 0123); offset 0: the similarity is computed on these only
    select n.name, n.owners, n.folded, n.folded_words, n.words, n.pair_similarity from search_owner_name n, q
     where n.owners > 0
       and to_tsvector('simple'::regconfig, landdb_fold(n.name)) @@ q.near
    offset 0
), matched as (    -- the names close enough, with their counts of owners (migration 0124)
    select d.* from near d, q
     where word_similarity(q.fq, d.folded) >= %(similarity)s
)
