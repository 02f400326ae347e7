-- The ids of one document's rows, taken before they are written: its inserts then go to the server in one
-- pipeline without waiting for each other's ids (landdb/loader.py). A document found already loaded leaves
-- gaps in the sequences, as a rolled-back insert does.
select nextval(pg_get_serial_sequence('source_document', 'id')) as document_id,
       nextval(pg_get_serial_sequence('certificate', 'id')) as certificate_id,
       nextval(pg_get_serial_sequence('certificate_parcel', 'id')) as certificate_parcel_id,
       array(select nextval(pg_get_serial_sequence('party', 'id'))
               from generate_series(1, %(owners)s::int)) as party_ids
