-- Batch runs of `landdb build` / the ingest flow, and what failed in them (file, stage, reason).
-- depends: 0003_vn2000_zones

create table ingest_run (
    id            bigserial primary key,
    started_at    timestamptz not null default now(),
    finished_at   timestamptz,
    run_by        text not null,
    scans_dir     text,
    arguments     jsonb not null default '{}',
    task_runner   text,
    status        text not null default 'running' check (status in ('running', 'finished', 'interrupted')),
    summary       jsonb not null default '{}',
    retry_of      bigint references ingest_run (id),
    software_version text not null
);

create table ingest_item (                     -- one input file in one run
    id            bigserial primary key,
    run_id        bigint not null references ingest_run (id) on delete cascade,
    path          text not null,
    sha256        text,
    document_id   bigint references source_document (id),
    outcome       text not null check (outcome in ('loaded', 'skipped', 'new_version', 'failed')),
    stage         text,                        -- read, hash, extract, validate, load
    reason        text,
    pages         integer,
    seconds       double precision,
    at            timestamptz not null default now()
);
create index ingest_item_run on ingest_item (run_id, outcome);
