-- What a search result shows for a certificate whose parcel is not on the map (the view of migration 0126).
select * from web_search_certificate_row where cert_parcel_id = any(%(ids)s)
