-- Owners' names at city size, third step (docs/search.md): the ranking compares the typed words with each candidate
-- name's folded form and its words; they are kept with the name instead of being made per search (at 2,500,000
-- parcels `hoang duc` holds 2,089 names: unaccent and the two regexp splits took 22 + 44 ms of its 190 ms).
-- depends: 0124_search_owner_name_counts

alter table search_owner_name
    add column folded text generated always as (landdb_fold(name)) stored,
    add column folded_words text[] generated always as (regexp_split_to_array(landdb_fold(name), '\s+')) stored,
    add column words text[] generated always as (regexp_split_to_array(lower(name), '\s+')) stored;

analyze search_owner_name;
