-- Addresses the old→new mapping could not decide (a divided ward the parcel straddles, a text naming several former
-- wards, a ward the mapping does not know) become reviewers' queue items (kind 'address'): a reviewer picks today's
-- unit; the choice is versioned and audited like every other decision, survives `landdb addresses resolve` while the
-- printed address stays the same, and the VBDLIS export uses it.
-- depends: 0081_addresses 0050_review

alter table address_unit
    add column version     integer not null default 1,
    add column updated_at  timestamptz not null default now(),
    add column reviewed_by text,
    add column reviewed_at timestamptz,
    add column review_note text;

alter table address_unit drop constraint address_unit_status_check;
alter table address_unit add constraint address_unit_status_check
    check (status in ('current', 'succeeded', 'split_resolved', 'needs_review', 'unknown', 'reviewed'));
alter table address_unit add constraint address_unit_reviewed_check
    check ((status = 'reviewed') = (reviewed_at is not null and current_code is not null));

-- A reviewer's decision is audited; so is the loss of one (its printed address changed and it was resolved again).
create trigger audit_address_unit after update on address_unit
    for each row execute function audit_row();
create trigger audit_address_unit_reviewed_delete after delete on address_unit
    for each row when (old.reviewed_at is not null) execute function audit_row();
