-- What a search result shows for map parcels (the view of migration 0126: key, address, areas, land uses, owners,
-- serials, QA, extent).
select * from web_search_parcel_row where parcel_id = any(%(ids)s)
