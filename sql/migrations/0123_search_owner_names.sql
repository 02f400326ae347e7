-- Owners' names at city size (docs/search.md): every printed name once, so the owner passes find names by their
-- words, weigh each name once and only then fetch the owners bearing the names found (by index). The word index of
-- party had to intersect the posting lists of the commonest words over every owner (`nguyen` & `van`: 0.7 of the
-- owners at 100,000 parcels, 96,802 owners for 36,187 names; 22 ms of the 57 of `nguyen van ah`).
-- depends: 0122_overview_finding_tiles

create table search_owner_name (
    name text primary key          -- as printed; kept when its last owner goes (harmless: no owner matches)
);

insert into search_owner_name (name) select distinct name from party;

create index search_owner_name_words on search_owner_name
    using gin (to_tsvector('simple'::regconfig, landdb_fold(name)));
create index if not exists party_name on party (name);

-- statement-level: a bulk load adds its new names in one insert
create function search_owner_names_add() returns trigger
language plpgsql as $$
begin
    insert into search_owner_name (name)
    select distinct added.name from added
    order by 1
    on conflict do nothing;
    return null;
end $$;

create trigger search_owner_names_insert after insert on party
    referencing new table as added for each statement execute function search_owner_names_add();
create trigger search_owner_names_update after update on party
    referencing new table as added for each statement execute function search_owner_names_add();

analyze search_owner_name;
