-- The content hash of a sheet as the database holds it (its map parcels' feature digests and SRID).
select encode(sha256(convert_to(coalesce(string_agg(parcel_no || '#' || key_seq || ':' || source_digest || '@'
                                                    || native_srid, ',' order by parcel_no, key_seq), ''),
                                'UTF8')), 'hex') as content_sha256
from parcel
where commune_code = %(commune_code)s and sheet_no = %(sheet_no)s and map_import_id is not null
