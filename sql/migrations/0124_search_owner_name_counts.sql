-- Owners' names at city size, second step (docs/search.md): each printed name keeps how many owners bear it, so the
-- owner passes rank the names found by their words without fetching every owner of every name (at 2,500,000
-- parcels `nguyen thang` holds 960 names of 14,524 owners; only the owners of the best 60 names are needed).
-- The counts follow every insert, delete and change of a name on party (statement triggers: one upsert per
-- statement, names in order so concurrent statements lock them in the same order).
-- depends: 0123_search_owner_names

alter table search_owner_name add column owners integer not null default 0;

update search_owner_name n set owners = c.owners
  from (select name, count(*) as owners from party group by name) c
 where c.name = n.name;

drop trigger search_owner_names_insert on party;
drop trigger search_owner_names_update on party;
drop function search_owner_names_add();

create function search_owner_names_count() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into search_owner_name (name, owners)
        select a.name, count(*) from added a group by a.name order by a.name
        on conflict (name) do update set owners = search_owner_name.owners + excluded.owners;
    elsif tg_op = 'DELETE' then
        update search_owner_name n set owners = n.owners - g.owners
          from (select o.name, count(*) as owners from gone o group by o.name) g
         where n.name = g.name;
    else    -- an update: only the names whose count changes are written
        insert into search_owner_name (name, owners)
        select d.name, sum(d.delta) from (select a.name, 1 as delta from added a
                                          union all
                                          select o.name, -1 from gone o) d
         group by d.name having sum(d.delta) <> 0 order by d.name
        on conflict (name) do update set owners = search_owner_name.owners + excluded.owners;
    end if;
    return null;
end $$;

create trigger search_owner_names_insert after insert on party
    referencing new table as added for each statement execute function search_owner_names_count();
create trigger search_owner_names_update after update on party
    referencing old table as gone new table as added for each statement execute function search_owner_names_count();
create trigger search_owner_names_delete after delete on party
    referencing old table as gone for each statement execute function search_owner_names_count();

analyze search_owner_name;
