select distinct commune_code from parcel where map_import_id = any(%(ids)s) and commune_code is not null
order by commune_code
