-- Indexes on the referencing side of foreign keys that had none. Deleting or retracting a certificate (or a scan,
-- a finding, a map import) made PostgreSQL scan each referencing table once per row: removing 300 certificates
-- from the 500,000-parcel synthetic city took 163 s (bench/scale_ingest.py's clean-up; docs/scale.md). Partial
-- where most rows hold null.
-- depends: 0081_addresses
create index if not exists land_right_certificate_parcel on land_right (certificate_parcel_id);
create index if not exists certificate_supersedes on certificate (supersedes_id) where supersedes_id is not null;
create index if not exists certificate_pending_supersedes on certificate (pending_supersedes_id)
    where pending_supersedes_id is not null;
create index if not exists qa_finding_certificate on qa_finding (certificate_id) where certificate_id is not null;
create index if not exists review_task_document on review_task (document_id) where document_id is not null;
create index if not exists review_task_finding on review_task (finding_id) where finding_id is not null;
create index if not exists ingest_item_document on ingest_item (document_id) where document_id is not null;
create index if not exists map_sheet_import on map_sheet (map_import_id) where map_import_id is not null;
