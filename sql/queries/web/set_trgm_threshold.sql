-- The word-similarity threshold of the word-similarity operator for this transaction (the search's fuzziness).
select set_config('pg_trgm.word_similarity_threshold', %(threshold)s::text, true)
