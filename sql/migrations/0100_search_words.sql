-- Misspelt names and addresses at city size (docs/search.md): the words (folded, without digits) of every owner's
-- name and every printed address, each once, so the typo-tolerant pass compares what was typed with a few thousand
-- words (Levenshtein, fuzzystrmatch) and then finds the names or addresses holding one near word for each typed
-- word through their word indexes (migration 0041), instead of weighing every row that shares a common surname's
-- or street's trigrams (1–5 s at 100,000 parcels).
-- depends: 0081_addresses

create extension if not exists fuzzystrmatch;   -- trusted: the database owner may create it

create table search_word (
    source text not null check (source in ('name', 'address')),
    word   text not null,          -- a word of landdb_fold(...); kept when its last row goes (harmless)
    primary key (source, word)
);

insert into search_word (source, word)
select distinct 'name', w from party, unnest(regexp_split_to_array(landdb_fold(name), '\s+')) as w
 where w <> '' and w !~ '\d'
union
select distinct 'address', w from parcel, unnest(regexp_split_to_array(landdb_fold(address), '\s+')) as w
 where w <> '' and w !~ '\d'
union
select distinct 'address', w from certificate_parcel, unnest(regexp_split_to_array(landdb_fold(address), '\s+')) as w
 where w <> '' and w !~ '\d'
on conflict do nothing;

-- statement-level: a bulk load adds its new words in one insert, not one per row
create or replace function search_words_add() returns trigger
language plpgsql as $$
begin
    if tg_table_name = 'party' then
        insert into search_word (source, word)
        select distinct 'name', w from added, unnest(regexp_split_to_array(landdb_fold(added.name), '\s+')) as w
         where w <> '' and w !~ '\d'
        on conflict do nothing;
    else
        insert into search_word (source, word)
        select distinct 'address', w from added, unnest(regexp_split_to_array(landdb_fold(added.address), '\s+')) as w
         where w <> '' and w !~ '\d'
        on conflict do nothing;
    end if;
    return null;
end $$;

create trigger search_words_insert after insert on party
    referencing new table as added for each statement execute function search_words_add();
create trigger search_words_update after update on party
    referencing new table as added for each statement execute function search_words_add();
create trigger search_words_insert after insert on parcel
    referencing new table as added for each statement execute function search_words_add();
create trigger search_words_update after update on parcel
    referencing new table as added for each statement execute function search_words_add();
create trigger search_words_insert after insert on certificate_parcel
    referencing new table as added for each statement execute function search_words_add();
create trigger search_words_update after update on certificate_parcel
    referencing new table as added for each statement execute function search_words_add();

-- OR / AND of text-search queries over rows
create or replace aggregate tsquery_any(tsquery) (sfunc = tsquery_or, stype = tsquery, parallel = safe);
create or replace aggregate tsquery_all(tsquery) (sfunc = tsquery_and, stype = tsquery, parallel = safe);

-- What a text with a letter or two wrong may stand for, as a text-search query over the words of `source`: each
-- typed word (folded) becomes "one of the known words at most one edit away from it (two from a word of six
-- letters or more), or with two letters swapped"; a word with digits (a house number) stays as typed. Null when
-- some typed word is near no known word (then nothing matches).
create or replace function landdb_near_words(typed text, source text) returns tsquery
language sql stable parallel safe as $$
    with words as (
        select t.word, t.i from unnest(regexp_split_to_array(landdb_fold(typed), '\s+')) with ordinality as t(word, i)
         where t.word <> ''
    ), near as (
        select t.i, plainto_tsquery('simple'::regconfig, t.word) as q from words t where t.word ~ '\d'
        union all
        select t.i, tsquery_any(plainto_tsquery('simple'::regconfig, w.word))
          from words t
          join search_word w
            on w.source = landdb_near_words.source
           and (levenshtein_less_equal(w.word, t.word, 2) <= case when length(t.word) >= 6 then 2 else 1 end
                or (length(w.word) = length(t.word)
                    and array(select unnest(string_to_array(w.word, null)) order by 1)
                      = array(select unnest(string_to_array(t.word, null)) order by 1)))
         where t.word !~ '\d'
         group by t.i
    )
    select case when (select count(*) from near) = (select count(*) from words) then (select tsquery_all(q) from near) end
$$;
