-- Misspelt addresses at city size (docs/search.md): every folded address text once, so the typo-tolerant address
-- pass finds and weighs texts, not rows. A misspelt word near a word of every address (`phuong` ~ `Phường`,
-- `ho` ~ `Hồ Chí Minh`) made it read and weigh every parcel's and certificate's address (176,000 rows for 3,757
-- texts at 100,000 parcels; 3.5 s at 500,000); the rows of the few texts close enough are then fetched by index.
-- depends: 0120_overview_cells

create table search_address_text (
    folded text primary key          -- landdb_fold(address); kept when its last row goes (harmless: no row matches)
);

insert into search_address_text (folded)
select landdb_fold(address) from parcel where address is not null
union
select landdb_fold(address) from certificate_parcel where address is not null
on conflict do nothing;

create index search_address_text_words on search_address_text using gin (to_tsvector('simple'::regconfig, folded));
create index if not exists parcel_address_folded on parcel (landdb_fold(address));
create index if not exists certificate_parcel_address_folded on certificate_parcel (landdb_fold(address));

-- statement-level: a bulk load adds its new texts in one insert
create function search_address_texts_add() returns trigger
language plpgsql as $$
begin
    insert into search_address_text (folded)
    select distinct landdb_fold(added.address) from added where added.address is not null
    order by 1
    on conflict do nothing;
    return null;
end $$;

create trigger search_address_texts_insert after insert on parcel
    referencing new table as added for each statement execute function search_address_texts_add();
create trigger search_address_texts_update after update on parcel
    referencing new table as added for each statement execute function search_address_texts_add();
create trigger search_address_texts_insert after insert on certificate_parcel
    referencing new table as added for each statement execute function search_address_texts_add();
create trigger search_address_texts_update after update on certificate_parcel
    referencing new table as added for each statement execute function search_address_texts_add();

analyze search_address_text;
