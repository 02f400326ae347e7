-- Owners' names at city size, fourth step (docs/search.md): an officer often types two words of a name, not side by
-- side in it (`nguyen dung` for NGUYỄN VĂN DŨNG, or NGUYỄN THỊ DŨNG HÀ); at 2,500,000 parcels such a text holds
-- 1,000–1,800 names, and their word similarity to it (~8 µs a name) was most of the owner search. Each name keeps
-- the word similarity of each pair of its folded words not side by side, in order (`nguyen dung`), to its folded
-- form: the very value the ranking computes when that pair is what was typed (web/owner_ranking).
-- depends: 0125_search_owner_name_words

create function landdb_name_pairs(folded text) returns jsonb
language sql immutable parallel safe strict as $$
    select coalesce(jsonb_object_agg(p.pair, word_similarity(p.pair, folded)), '{}'::jsonb)
      from (select distinct a.w || ' ' || b.w as pair
              from unnest(regexp_split_to_array(folded, '\s+')) with ordinality as a(w, i)
              join unnest(regexp_split_to_array(folded, '\s+')) with ordinality as b(w, j) on b.j > a.i + 1) p
$$;

alter table search_owner_name
    add column pair_similarity jsonb generated always as (landdb_name_pairs(landdb_fold(name))) stored;

analyze search_owner_name;
