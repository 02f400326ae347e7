select
    (select count(*) from source_document) as documents,
    (select count(*) from certificate where status <> 'superseded') as certificates,
    (select count(*) from certificate where status = 'superseded') as superseded_certificates,
    (select count(*) from parcel) as map_parcels,
    (select count(*) from certificate_parcel) as certificate_parcels,
    (select count(*) from party) as parties,
    (select count(*) from land_right) as rights,
    (select count(*) from certificate_vertex) as vertices,
    (select count(*) from parcel_change) as changes,
    (select count(*) from extracted_field) as fields,
    (select count(*) from extracted_field where flagged) as flagged_fields,
    (select count(*) from review_task where status = 'open') as open_review_tasks,
    (select count(*) from map_import) as map_imports
