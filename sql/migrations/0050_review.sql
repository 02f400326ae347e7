-- The reviewers' workbench (issue 15): link decisions kept apart from the automatic linker, fields a person
-- declared unusable, serial-dependent supersession held until a reviewer confirms the serial, and
-- documents an admin retracted (status 'rejected' with who/when/why: kept in history, gone from the current views,
-- which leave rejected certificates out).
-- depends: 0041_web_search 0030_ingest_runs 0021_qa_repair

alter table review_task add column decision_reason text;

alter table extracted_field
    add column unusable        boolean not null default false,   -- a reviewer rejected it: rescan needed
    add column unusable_reason text,
    add column version         integer not null default 1,
    add column updated_at      timestamptz not null default now();

alter table certificate
    add column pending_supersedes_id bigint references certificate (id),  -- waits for the serial's review
    add column retracted_by          text,
    add column retracted_at          timestamptz,
    add column retract_reason        text;

alter table certificate_parcel
    add column link_reviewed_by text,       -- a person decided the link: the automatic linker leaves it alone
    add column link_reviewed_at timestamptz,
    add column link_review_note text;

-- Reviewers' corrections to readings and printed vertices are audited (their loading is not: too many rows).
create trigger audit_extracted_field after update or delete on extracted_field
    for each row execute function audit_row();
create trigger audit_certificate_vertex after update or delete on certificate_vertex
    for each row execute function audit_row();

create index review_task_certificate on review_task (certificate_id) where status = 'open';
create index certificate_parcel_link_open on certificate_parcel (link_status)
    where link_status in ('ambiguous', 'shape_disagrees') and link_reviewed_at is null;
