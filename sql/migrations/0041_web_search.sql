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
