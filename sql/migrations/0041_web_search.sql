-- Indexes for the web app's search (issue 14, docs/search.md): parcel keys without the commune, certificate
-- serials and register numbers typed with or without the space and diacritics (`CĐ 180370` = `cd180370`),
-- open QA findings of a parcel (tiles, search results).
-- depends: 0040_accounts

create index if not exists parcel_sheet_parcel on parcel (sheet_no, parcel_no);
create index if not exists certificate_parcel_sheet_parcel on certificate_parcel (sheet_no, parcel_no);
create index if not exists certificate_parcel_parcel on certificate_parcel (parcel_id);
create index if not exists certificate_serial_folded on certificate (replace(landdb_fold(serial), ' ', ''));
create index if not exists certificate_register_folded on certificate (replace(landdb_fold(register_no), ' ', ''));
create index if not exists qa_finding_parcel_ids on qa_finding using gin (parcel_ids);
create index if not exists land_right_certificate_party on land_right (certificate_id, party_id);

-- Whole words of folded names and addresses (`nguyen van an` → 'nguyen' & 'van' & 'an', any order): the first,
-- exact-word pass of the search; only when it finds too little does the trigram (fuzzy) pass run. A trigram pass
-- alone would weigh every NGUYỄN VĂN … against `nguyen van an` (thousands of rows at 100k parcels).
create index if not exists party_name_words
    on party using gin (to_tsvector('simple'::regconfig, landdb_fold(name)));
create index if not exists parcel_address_words
    on parcel using gin (to_tsvector('simple'::regconfig, landdb_fold(address)));
create index if not exists certificate_parcel_address_words
    on certificate_parcel using gin (to_tsvector('simple'::regconfig, landdb_fold(address)));

-- The public map's data version: bumped (a sequence: no lock, no waiting between writers) by every statement that
-- writes parcels or QA findings. The web app keys its cache of overview tiles on it.
create sequence if not exists web_map_version;
create or replace function web_map_changed() returns trigger
language plpgsql as
$$ begin perform nextval('web_map_version'); return null; end $$;
create trigger web_map_version_parcel after insert or update or delete or truncate on parcel
    for each statement execute function web_map_changed();
create trigger web_map_version_qa_finding after insert or update or delete or truncate on qa_finding
    for each statement execute function web_map_changed();
